"""Open pages under a strict Content-Security-Policy and collect what the browser refuses."""

from __future__ import annotations


def open_with_csp(browser, csp: str):
    """A tab whose HTML pages all arrive with the CSP header, as the production host sends them."""
    context = browser.new_context(service_workers="block")

    def add_csp(route):
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": csp}
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
