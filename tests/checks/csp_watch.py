"""Watch a Chromium page for Content-Security-Policy violations, as a patient's browser sees them.

The one CSP watcher: used on pages served by nginx with the generated headers, and on pages
served by the plain test server with the policy added by `open_with_csp`.
"""

from __future__ import annotations

import contextlib

from devtools.chromium import new_context

# Runs before any page script (Playwright init scripts are exempt from the page's CSP).
LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "?"} ` +
      `(sample: ${JSON.stringify(e.sample || "")}, in ${e.sourceFile || e.documentURI})`
  );
}, true);
"""


class CspWatcher:
    """Collects violation events and the console's CSP errors of one Playwright page."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        self.header_errors: list[str] = []
        page.add_init_script(LISTENER)
        page.on("console", self._console)

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console.append(text)
        elif "Permissions-Policy" in text:
            # e.g. "Unrecognized feature": the header names a feature browsers do not know.
            self.header_errors.append(text)

    def take(self) -> list[str]:
        """Violations since the last call (events in this document plus console errors)."""
        # (about:blank, before the first visit, has no listener)
        events = self.page.evaluate("(window.__cspViolations || []).splice(0)")
        console, self.console = self.console, []
        # Chromium reports a violation both ways; the console is the fallback for any
        # violation that raised no event, so it counts only when there was none.
        return events or [f"console: {text}" for text in console]

    def until(self, seen, timeout_ms: int = 30000) -> list[str]:
        """Violations collected until `seen(violations)` is true, or the time is up: a waited
        state (the search worker fetches its index after the page is idle), not a fixed sleep.
        Chromium may report a worker's violation only on the console, so both are polled."""
        found: list[str] = []
        for _ in range(max(1, timeout_ms // 250)):
            found += self.take()
            if seen(found):
                break
            # Returns at once when an event arrives; else Playwright's TimeoutError after a
            # quarter second, and the console is polled again.
            with contextlib.suppress(Exception):
                self.page.wait_for_function(
                    "() => (window.__cspViolations || []).length > 0", timeout=250
                )
        return found

    def visit(self, url: str) -> list[str]:
        """Open `url`, let it settle, and return the violations it caused."""
        self.take()
        self.page.goto(url, wait_until="networkidle")
        return self.take()


def open_with_csp(browser, csp: str):
    """A context and a watched tab whose HTML pages all arrive with the CSP header, as the
    production host sends them (for servers that send no headers of their own)."""
    context = new_context(browser)

    def add_csp(route):
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": csp}
        )

    context.route("**/*", add_csp)
    return context, CspWatcher(context.new_page())
