"""Open pages under a strict Content-Security-Policy and collect what the browser refuses."""

from __future__ import annotations

# The policy the site must work under: scripts only from files on this site, never inline.
# Styles may be inline (Material sets style attributes); images may be data: URLs (icons).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def open_with_csp(browser):
    """A tab whose HTML pages all arrive with the CSP header, as the production host sends them."""
    context = browser.new_context(service_workers="block")

    def add_csp(route):
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": CSP}
        )

    context.route("**/*", add_csp)
    return context, context.new_page()


def csp_refusals(page, url: str) -> list[str]:
    """Console messages in which the browser refused something because of the policy."""
    refused = []

    def listen(message):
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", listen)
    try:
        page.goto(url, wait_until="networkidle")
    finally:
        page.remove_listener("console", listen)
    return refused
