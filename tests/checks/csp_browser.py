"""Watch a Chromium page for Content-Security-Policy violations, as a patient's browser sees them."""

from __future__ import annotations

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
        events = self.page.evaluate("window.__cspViolations.splice(0)")
        console, self.console = self.console, []
        # Chromium reports a violation both ways; the console is the fallback for any
        # violation that raised no event, so it counts only when there was none.
        return events or [f"console: {text}" for text in console]
