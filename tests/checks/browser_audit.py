"""Open built pages in real Chromium and collect what a patient's browser would run into.

One `Visitor` per colour scheme (one browser context, one tab reused for every page) records,
for each page: requests to any host other than the local server (blocked, and named), failed
local requests, console errors, axe-core violations, horizontal overflow at phone width and
what print shows. The checks turn those records into `Problem`s naming the Markdown file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from devtools.chromium import new_context
from sitecheck.core.finding import Finding
from tests.checks.problems import at

# WCAG 2.2 AA as axe-core tags it. wcag22aa includes `target-size` (tap targets of 24x24 px).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

AXE = Axe()


@dataclass
class PageRecord:
    """Everything one page load produced."""

    where: str  # "docs/cost.md (dark)" — what an editor opens
    url: str
    third_party: list[str] = field(default_factory=list)
    failed_local: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    print_problems: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


class Visitor:
    """One browser context (a colour scheme, a viewport) and one reused tab."""

    def __init__(self, browser, *, scheme: str, viewport: dict):
        self.scheme = scheme
        self.context = new_context(browser, color_scheme=scheme, viewport=viewport)
        # Any other host is refused before it leaves the machine, and recorded by name.
        self.context.route(lambda url: not is_local(url), self._block)
        self.page = self.context.new_page()
        self.record: PageRecord | None = None
        # The 404 page's own status is the point of that page, not a failed request.
        self.expected_404_url: str | None = None
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda err: self._add("console_errors", f"uncaught: {err}"))
        self.page.on("response", self._response)
        self.page.on("requestfailed", self._request_failed)

    def close(self) -> None:
        self.context.close()

    def _add(self, kind: str, text: str) -> None:
        if self.record is not None:
            getattr(self.record, kind).append(text)

    def _block(self, route) -> None:
        self._add("third_party", route.request.url)
        route.abort()

    def _console(self, message) -> None:
        # Failed loads are recorded with their URL by `_response`/`_block`; the console's
        # "Failed to load resource" lines would only repeat them without the address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self._add("console_errors", message.text)

    def _response(self, response) -> None:
        if response.status >= 400 and is_local(response.url):
            if response.url == self.expected_404_url and response.status == 404:
                return
            self._add("failed_local", f"{response.status} {response.url}")

    def _request_failed(self, request) -> None:
        if is_local(request.url):
            self._add("failed_local", f"{request.failure} {request.url}")

    def open(self, url: str, where: str, *, expect_404: bool = False) -> PageRecord:
        self.record = PageRecord(where=f"{where} ({self.scheme})", url=url)
        self.expected_404_url = url if expect_404 else None
        response = self.page.goto(url, wait_until="load")
        want = 404 if expect_404 else 200
        if response is None or response.status != want:
            status = response.status if response else "no response"
            self.record.failed_local.append(f"{status} {url} (expected {want})")
        # Material's search worker fetches its index after load; wait so it is recorded too.
        self.page.wait_for_load_state("networkidle")
        return self.record

    def run_axe(self) -> None:
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        results = AXE.run(self.page, options=options)
        self.record.violations = results.response["violations"]

    def measure_overflow(self) -> None:
        self.record.overflow = self.page.evaluate(OVERFLOW_JS)

    def check_print(self) -> None:
        self.page.emulate_media(media="print")
        try:
            self.record.print_problems = self.page.evaluate(PRINT_JS)
        finally:
            self.page.emulate_media(media="screen")


# Elements wider than the viewport, outermost first; elements Material moves off-screen on
# purpose (the closed drawer and search) are not visible, so they do not count.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  // A table Material wraps in a sideways-scrolling box still hides columns on a phone.
  const tables = [...document.querySelectorAll('.md-typeset__scrollwrap')]
    .filter(box => box.scrollWidth > box.clientWidth + 1)
    .map(box => `a table needs sideways scrolling (${box.scrollWidth} px in a ${box.clientWidth} px box), starting “${box.innerText.trim().slice(0, 40)}”`);
  if (document.documentElement.scrollWidth <= width) return tables;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
    if (box.right > width + 1 && !out.some(o => o.el.contains(el))) {
      out.push({el, text: `<${el.tagName.toLowerCase()}${el.className ? ' class="' + el.className + '"' : ''}> reaches ${Math.round(box.right)} px`});
    }
  }
  const page = `the page is ${document.documentElement.scrollWidth} px wide on a ${width} px screen`;
  return [page, ...out.slice(0, 3).map(o => o.text), ...tables];
}"""

# What a printed page must show (review dates, disclaimer) and must not (navigation).
PRINT_JS = """() => {
  const shown = el => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const problems = [];
  const trust = document.querySelector('.hc-trust');
  if (!shown(trust)) {
    problems.push('the review dates and disclaimer box (.hc-trust) is not printed');
  } else {
    for (const words of ['Page last reviewed', 'Next review due', 'About this information']) {
      if (!trust.innerText.includes(words)) problems.push(`the printed page lacks "${words}"`);
    }
  }
  // Links to other pages must show their address on paper (theme.js + print CSS).
  const links = [...document.querySelectorAll('.md-content article a[href]')].filter(a => {
    const url = new URL(a.href, location.href);
    return /^https?:$/.test(url.protocol) && !a.classList.contains('headerlink') &&
      !(url.origin === location.origin && url.pathname === location.pathname) && shown(a);
  });
  const withAddress = links.filter(a => {
    const after = getComputedStyle(a, '::after').content;
    return after && after !== 'none' && after.includes(new URL(a.href, location.href).pathname.slice(0, 8));
  });
  if (links.length && !withAddress.length) {
    problems.push(`none of the ${links.length} links shows its address (e.g. “${links[0].innerText.trim().slice(0, 30)}”)`);
  }
  for (const sel of ['.md-header', '.md-sidebar--primary', '.md-footer', '.md-search']) {
    if (shown(document.querySelector(sel))) problems.push(`navigation (${sel}) is printed`);
  }
  return problems;
}"""


def axe_problems(record: PageRecord) -> list[Finding]:
    problems = []
    for violation in record.violations:
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node["target"])
            html = node.get("html", "")[:120]
            # The first "any" reason and every "all"/"none" reason, e.g. the measured contrast.
            checks = node.get("any", [])[:1] + node.get("all", []) + node.get("none", [])
            detail = "; ".join(c["message"] for c in checks)
            problems.append(
                at(
                    record.where,
                    f"axe {violation['id']} ({violation['impact']}): {violation['help']}; "
                    f"element `{target}` {html}; {detail}",
                    f"see {violation['helpUrl']}",
                )
            )
    return problems


def request_problems(record: PageRecord) -> list[Finding]:
    problems = [
        at(
            record.where,
            f"the page contacts another host, {urlsplit(url).hostname} ({url}); patients "
            "must never be tracked or depend on another company",
            "serve the file from this site (docs/ or overrides/assets/) or remove it",
        )
        for url in sorted(set(record.third_party))
    ]
    problems += [
        at(
            record.where,
            f"a request on the page failed: {failure}",
            "check the file exists in the built site and the path is right",
        )
        for failure in sorted(set(record.failed_local))
    ]
    problems += [
        at(
            record.where,
            f"the browser console shows an error: {text[:300]}",
            "open the page in a browser's developer tools, fix the script or template",
        )
        for text in record.console_errors
    ]
    problems += [
        at(
            record.where,
            f"{text} after visiting this and the pages before it",
            "remove whatever sets it; the site must set no cookies",
        )
        for text in record.cookies
    ]
    return problems


def overflow_problems(record: PageRecord) -> list[Finding]:
    if not record.overflow:
        return []
    return [
        at(
            record.where,
            f"at {PHONE['width']}x{PHONE['height']} {'; '.join(record.overflow)}",
            "make wide content fit a phone: fewer or shorter table columns, images with "
            "max-width, no fixed widths",
        )
    ]


def print_problems(record: PageRecord) -> list[Finding]:
    return [
        at(
            record.where,
            f"printed: {text}",
            "the review box needs reviewed/next_review/reviewed_by in the front matter; print "
            "styles are in overrides/assets/stylesheets/theme.css, link addresses come from "
            "overrides/assets/javascripts/theme.js",
        )
        for text in record.print_problems
    ]


def page_url(base_url: str, html: str) -> str:
    if html == "index.html":
        return base_url
    return base_url + html.removesuffix("index.html")


# The 404 page is checked where patients meet it: at an unknown address, several folders deep.
MISSING_ADDRESS = "no/such/folder/page/"


def audit_site(browser, base_url: str, build, pages: list[str] | None = None) -> list[PageRecord]:
    """Visit pages (default: every built page) on a phone in light and on a desktop in dark."""
    pages = build.html_pages() if pages is None else pages
    records = []
    for scheme, viewport in (("light", PHONE), ("dark", DESKTOP)):
        visitor = Visitor(browser, scheme=scheme, viewport=viewport)
        try:
            for html in pages:
                where = build.source_of(html)
                if html == "404.html":
                    record = visitor.open(base_url + MISSING_ADDRESS, where, expect_404=True)
                else:
                    record = visitor.open(page_url(base_url, html), where)
                visitor.run_axe()
                if viewport is PHONE:
                    visitor.measure_overflow()
                    if html != "404.html":
                        visitor.check_print()
                records.append(record)
            record_cookies(visitor, records)
        finally:
            visitor.close()
    return records


def record_cookies(visitor: Visitor, records: list[PageRecord]) -> None:
    """The privacy notice promises no cookies: any cookie set while browsing is a problem."""
    for cookie in visitor.context.cookies():
        records[-1].cookies.append(
            f"a cookie '{cookie['name']}' was set for {cookie['domain']} (the privacy notice "
            "promises none)"
        )


def summary(records: list[PageRecord]) -> str:
    """One line per page visit and the totals, for reports/browser-audit.txt."""
    lines = []
    for r in records:
        lines.append(
            f"{r.where}: axe {sum(len(v['nodes']) for v in r.violations)}, "
            f"third-party {len(r.third_party)}, console errors {len(r.console_errors)}, "
            f"failed {len(r.failed_local)}, overflow {len(r.overflow)}, "
            f"print {len(r.print_problems)}, cookies {len(r.cookies)}  <- {r.url}"
        )
    totals = (
        f"{len(records)} page visits: "
        f"{sum(len(r.violations) for r in records)} axe violations "
        f"({', '.join(AXE_TAGS)}), "
        f"{sum(len(r.third_party) for r in records)} third-party requests, "
        f"{sum(len(r.console_errors) for r in records)} console errors, "
        f"{sum(len(r.failed_local) for r in records)} failed requests, "
        f"{sum(bool(r.overflow) for r in records)} pages overflowing at 360 px, "
        f"{sum(bool(r.print_problems) for r in records)} print problems, "
        f"{sum(len(r.cookies) for r in records)} cookies"
    )
    return "\n".join([totals, "", *lines]) + "\n"
