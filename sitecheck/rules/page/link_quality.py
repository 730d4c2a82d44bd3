"""Links patients can use, and whose words say where they go.

- The link text says where it goes ("here", "click here", "this link" say nothing to a screen
  reader's list of links, WCAG 2.4.4).
- No link shorteners or redirectors (bit.ly, Outlook safelinks, Google's /url?): patients cannot
  see where they lead, and they break or change without notice.
- No address only the editor's computer or the clinic's network can open (localhost, file:,
  an intranet, SharePoint, a library proxy), and no link without an address.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qs, urlsplit

from sitecheck.core.finding import Finding
from sitecheck.core.source_lines import locate

VAGUE = {
    "here", "click here", "click", "this link", "link", "this", "read more", "more", "more info",
    "more information", "this page", "this website", "this site", "go", "go here", "see here",
    "click this link", "press here", "tap here", "details", "info", "website", "web site",
    "aquí", "haga clic aquí",
}  # fmt: skip
SHORTENERS = {
    "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "buff.ly", "is.gd",
    "lnkd.in", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "s.id", "t.ly",
    "linktr.ee", "l.facebook.com", "lm.facebook.com", "l.instagram.com", "out.reddit.com",
    "href.li", "urldefense.com", "urldefense.proofpoint.com", "click.email", "mailchi.mp",
    "forms.gle", "youtu.be", "aka.ms", "amzn.to", "qrco.de",
}  # fmt: skip
# Shared working documents: a draft patients may not open, may see half-written, or may edit.
SHARED_DOCUMENTS = re.compile(
    r"(^|\.)(docs\.google\.com|drive\.google\.com|onedrive\.live\.com|1drv\.ms|"
    r"dropbox\.com|dropboxusercontent\.com|box\.com|notion\.so|notion\.site|icloud\.com|"
    r"wetransfer\.com|we\.tl|quip\.com|airtable\.com|trello\.com|canva\.com|evernote\.com|"
    r"office\.com|live\.com|zoho\.com)$",
    re.IGNORECASE,
)
REDIRECT_PATH = re.compile(r"^/(url|redirect|out|link|away|goto|r)/?$", re.IGNORECASE)
INTRANET_HOSTS = re.compile(
    r"(^|\.)(localhost|local|internal|intranet|intra|lan|corp|home|test|invalid)$|"
    r"sharepoint\.com$|sharepoint-df\.com$|\.onmicrosoft\.com$|ezproxy|proxy\.lib|"
    r"safelinks\.protection\.outlook\.com$|^intranet\.|^staff\.|^admin\.|^portal\.",
    re.IGNORECASE,
)


def _text(a) -> str:
    parts = [a.text or ""]
    for child in a:
        if isinstance(child.tag, str):
            parts.append("".join(child.itertext()) or (child.get("alt") or ""))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def problem_with(href: str) -> str | None:
    """What is wrong with where a link goes, or None."""
    href = href.strip()
    if not href:
        return "has no address, so it leads nowhere"
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if scheme == "file" or re.match(r"^[a-zA-Z]:[\\/]|^\\\\", href):
        return "points to a file on a computer, which patients cannot open"
    if scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    if not host:
        return None
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None and (ip.is_private or ip.is_loopback or ip.is_link_local):
        return (
            "points to a computer on a private network (your preview or the office), "
            "which patients cannot open"
        )
    if "." not in host or INTRANET_HOSTS.search(host):
        return (
            "points to the clinic's internal network, a staff view or a library proxy, "
            "which patients cannot open"
        )
    if SHARED_DOCUMENTS.search(host):
        return (
            "points to a shared working document (Google Docs, OneDrive, Dropbox …): patients "
            "may be asked to log in, read an unreviewed draft, or even change it"
        )
    bare = host.removeprefix("www.")
    if bare in SHORTENERS:
        return (
            "goes through a link shortener or redirector, so patients cannot see where "
            "it leads and it may change"
        )
    query = parse_qs(parts.query)
    private = {
        "token",
        "staff_token",
        "access_token",
        "auth",
        "session",
        "sessionid",
        "sid",
        "key",
        "apikey",
        "api_key",
        "password",
        "pwd",
        "login",
        "sig",
        "signature",
    }
    if any(k.lower() in private for k in query) or re.search(
        r"/(admin|staff|backoffice|wp-admin|dashboard|manage)(/|$)", parts.path, re.IGNORECASE
    ):
        return (
            "opens a staff view or carries a private key (a login token), which patients "
            "must not have"
        )
    if REDIRECT_PATH.match(parts.path) and any(k in query for k in ("url", "q", "u", "target")):
        return "goes through a search engine's or an e-mail program's redirect, not to the page"
    return None


def check_page(page, context) -> list[Finding]:
    content = page.content
    if content is None or not page.is_doc:
        return []
    foot = page.foot
    out = []
    project = getattr(context, "project", None)
    for a in content.iter("a"):
        if foot is not None and any(x is foot for x in a.iterancestors()):
            continue
        classes = a.get("class") or ""
        if "headerlink" in classes or "footnote" in classes:
            continue
        href = a.get("href")
        if href is None:
            continue
        text = _text(a)
        problem = problem_with(href)
        if problem:
            file, line = locate(page.raw, page.file, project, href) if href else (page.file, 0)
            if not line:
                file, line = (
                    locate(page.raw, page.file, project, f"[{text}]()")
                    if not href
                    else locate(page.raw, page.file, project, text)
                )
            if not href and not line and page.raw:
                line = next((n for n, s in enumerate(page.raw.split("\n"), 1) if "]()" in s), 0)
            if not href.strip():
                fix = (
                    "write the address between the brackets, e.g. [Book a consultation](contact.md)"
                )
            elif "working document" in problem:
                fix = (
                    "put the finished text on a page of this site (or a PDF in docs/), where it "
                    "is reviewed like every page, and link to that"
                )
            else:
                fix = (
                    "link to the page itself: open the link, copy the address shown in the "
                    "browser's address bar on the public website, and paste that"
                )
            out.append(Finding(file, line, f"the link “{text}” ({href}) {problem}.", f"{fix}."))
            continue
        plain = re.sub(r"[^\w\s]", "", text.lower()).strip()
        plain = " ".join(plain.split())
        if plain in VAGUE:
            file, line = locate(page.raw, page.file, project, f"[{text}]({href.split('#')[0]}")
            if not line:
                file, line = _vague_line(page.raw, text, page.file)
            out.append(
                Finding(
                    file,
                    line,
                    f"the link text “{text}” does not say where it goes; screen readers list "
                    f"links by their text, so patients hear “{text}” with nothing else.",
                    "write the name of the page it opens as the link text, e.g. "
                    "[side effects and safety](side-effects.md).",
                )
            )
    return out


MENU_LINK = re.compile(r"^\s*-\s*[^:\n]+:\s*(\S+://\S+|file:\S+)\s*$")


def check_menu(pages, context) -> list[Finding]:
    """The menu (mkdocs.yml nav:) leads only where patients can go."""
    path = context.project / "mkdocs.yml"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    out = []
    in_nav = False
    for number, line in enumerate(lines, start=1):
        if re.match(r"^\S", line):
            in_nav = line.startswith("nav:")
            continue
        found = MENU_LINK.match(line) if in_nav else None
        if found and (problem := problem_with(found.group(1))):
            out.append(
                Finding(
                    "mkdocs.yml",
                    number,
                    f"the menu entry's address {found.group(1)} {problem}.",
                    "remove the entry from nav: in mkdocs.yml; the menu lists pages of the "
                    "public site and public websites only.",
                )
            )
    return out


def _vague_line(raw: str | None, text: str, file: str) -> tuple[str, int]:
    if not raw:
        return file, 0
    want = f"[{text}]".lower()
    for number, line in enumerate(raw.split("\n"), start=1):
        if want in line.lower():
            return file, number
    return file, 0
