"""Where a page's links go, and what it loads, is what the patient sees.

On every built page (the theme's parts included, so a fact or a setting printed by the theme
is checked as the pages are):

- nothing is loaded from another host: no src, srcset, poster, data or <link href> with an
  address of its own (a tracking picture, an emoji picture from a CDN, a font);
- no protocol-relative address (`//host/…`), no address with a user name (`https://a@b/`), no
  host in letters other than plain a-z (look-alike letters, `xn--`);
- link text that looks like an address (`www.fda.gov`, `https://…`) names the host the link
  goes to;
- `tel:` only to the clinic's own phone (clinic.phone_link) or an allowed number (911, 988),
  `mailto:` only to the clinic's own e-mail, with nothing after it (no cc, bcc, subject, body).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import first_line

PHONES = {"911", "988"}  # the emergency and the suicide and crisis lifeline numbers (US)
# Public agencies patients are told to contact, written as their own pages give them: the
# FDA's MedWatch line (1-800-FDA-1088) and its address for people offered these products.
AGENCY_PHONES = {"18003321088"}
AGENCY_EMAILS = {"ocod@fda.hhs.gov"}
LOADS = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc"}
ADDRESS_TEXT = re.compile(
    r"^\s*(?:https?://)?((?:[\w-]+\.)+[A-Za-z\u00a1-\uffff]{2,})(?::\d+)?(?:[/?#]\S*)?\s*$", re.I
)
PLAIN_HOST = re.compile(r"[a-z0-9.-]+")


def _theme_mail_problem(href: str, email: str) -> str | None:
    """What is wrong with a mailto: link of the theme (the report link): it may carry a
    prepared subject and body, and go to the clinic's address alone."""
    parts = urlsplit(href)
    to = unquote(parts.path).strip().lower()
    fields = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if to != email:
        return f"goes to '{to}', not the clinic's address ({email})"
    if fields - {"subject", "body"}:
        return f"adds {', '.join(sorted(fields - {'subject', 'body'}))}"
    return None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _host_problem(url: str) -> str | None:
    if url.startswith("//") or url.startswith("\\\\") or re.match(r"/[/\\]", url):
        return "is protocol-relative (starts with //), so it goes to another website"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "cannot be read as an address"
    if parts.scheme in ("http", "https"):
        if "@" in parts.netloc:
            return "has a user name before '@', which hides the real host after it"
        host = (parts.hostname or "").lower()
        if not PLAIN_HOST.fullmatch(host) or host.startswith("xn--") or ".xn--" in host:
            return f"names the host '{host}' in letters other than plain a-z (a look-alike)"
    return None


def check_page(page, context) -> list[Finding]:
    if page.doc is None:
        return []
    clinic = context.clinic or {}
    phone = _digits(str(clinic.get("phone_link", "")))
    email = str(clinic.get("email", "")).strip().lower()
    out: list[Finding] = []
    own = (urlsplit(context.site_url or "").hostname or "").lower()
    foot = set(page.foot.iter()) if page.foot is not None else set()
    authored = (
        {e for e in page.content.iterdescendants() if e not in foot}
        if page.content is not None
        else set()
    )

    def add(raw_pattern: str, what: str, fix: str) -> None:
        out.append(Finding(page.file, first_line(page.raw, raw_pattern), what, fix))

    for element in page.doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name in LOADS & set(element.attrib):
            values = element.get(name)
            for value in (
                (v.strip().split()[0] for v in values.split(",") if v.strip())
                if (name == "srcset")
                else [values.strip()]
            ):
                if re.match(r"[a-z][a-z0-9+.-]*:|//|\\\\", value, re.I) and not value.startswith(
                    "data:"
                ):
                    code = re.fullmatch(r":[\w+-]+:", element.get("title") or "")
                    add(
                        re.escape(code.group(0)) if code else re.escape(value[:40]),
                        f'<{element.tag} {name}="{value[:80]}"> loads a file from another '
                        "website in every patient's browser (and tells it who is reading).",
                        "put the picture in docs/images/ and name it there, or link to the page "
                        "instead of showing it; for an emoji write the word or use a "
                        ":material-…: icon.",
                    )
        href = element.get("href") or ""
        if (
            element.tag == "link"
            and re.match(r"(https?:)?//", href)
            and (urlsplit(href).hostname or "").lower() != own
        ):
            add(
                r"$^",
                f'<link href="{element.get("href")}"> loads a file from another website.',
                "ask a developer: the theme loads only the site's own files.",
            )
        if element.tag == "a" and href.strip().lower().startswith("mailto:"):
            theme_mail = _theme_mail_problem(href.strip(), email)
            if element not in authored and theme_mail:
                add(
                    r"$^",
                    f"the theme's e-mail link '{href[:100]}' {theme_mail}: every patient's "
                    "message would go there too.",
                    "ask a developer: the theme's e-mail links go to clinic.email only, with at "
                    "most a subject and a body.",
                )
        if element.tag != "a" or element.get("href") is None or element not in authored:
            continue
        href = element.get("href").strip()
        problem = _host_problem(href)
        if problem:
            add(
                re.escape(href[:40]),
                f"the link '{href[:80]}' {problem}.",
                "write the full address of the page meant, https://host/path, as shown in the "
                "browser's address bar.",
            )
            continue
        lower = href.lower()
        if lower.startswith("tel:"):
            number = _digits(unquote(href[4:]))
            allowed = {phone} | PHONES | AGENCY_PHONES
            if (";" in href or "," in href or number not in allowed) and number:
                add(
                    r"tel:",
                    f"the phone link '{href}' is not the clinic's number (clinic.phone_link) "
                    f"nor one of {', '.join(sorted(PHONES))} or the FDA's MedWatch line.",
                    "link to the clinic's number: [{{ clinic.phone }}](tel:{{ clinic.phone_link }}).",
                )
        elif lower.startswith("mailto:"):
            address = unquote(href[7:])
            if (
                "?" in address
                or "," in address
                or ";" in address
                or address.strip().lower() not in {email} | AGENCY_EMAILS
            ):
                add(
                    r"mailto:",
                    f"the e-mail link '{href[:80]}' is not simply the clinic's address "
                    "(clinic.email) or the FDA's: another recipient, a copy or a pre-written "
                    "text is not allowed.",
                    "link to the clinic's address only: [{{ clinic.email }}](mailto:{{ clinic.email }}).",
                )
        text = "".join(element.itertext()).strip()
        shown = ADDRESS_TEXT.match(text)
        if shown and lower.startswith(("http://", "https://")):
            host = (urlsplit(href).hostname or "").lower().removeprefix("www.")
            said = shown.group(1).lower().removeprefix("www.")
            if host != said:
                add(
                    re.escape(text[:30]),
                    f"the link text shows the address '{text}', but the link goes to "
                    f"'{urlsplit(href).hostname}': patients trust the address they read.",
                    "make the text and the link name the same website, or write words as the "
                    "link text (e.g. 'the FDA's MedWatch page').",
                )
    return out
