"""Find and start Debian's Chromium through Playwright (the one look-up for tests and
benchmarks). Never downloads a browser."""

from __future__ import annotations

from devtools.programs import CHROMIUM

# Chromium tries to reach Google's services at start; on a closed network that is noise and delay.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Waits are for states, and a state can take long on a machine shared by many builds:
# Playwright's 30 s default is doubled so a busy machine is slow, not failing.
WAIT_MS = 60_000


def launch(playwright):
    """Headless Chromium for a test session or a benchmark run."""
    path = CHROMIUM.path()
    if not path:
        raise FileNotFoundError(CHROMIUM.missing_message())
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


def new_context(browser, **options):
    """A fresh browser profile: service workers blocked (they would serve stale copies between
    builds) and the slow-machine wait for every locator and navigation."""
    options.setdefault("service_workers", "block")
    context = browser.new_context(**options)
    context.set_default_timeout(WAIT_MS)
    context.set_default_navigation_timeout(WAIT_MS)
    return context


# A request of the tests' own (the server answers 404), never one the site makes.
BARRIER = "/__test_barrier__"


def wait_for_path(page, path: str) -> None:
    """Wait until the address's path ends with `path` ("eligibility/"), whatever its #part:
    Material's navigation.tracking may carry the previous page's heading anchor along, and
    instant navigation changes the address before the content."""
    from urllib.parse import urlsplit

    want = "/" + path.lstrip("/")
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(want))


def request_barrier(page) -> None:
    """A barrier instead of a fixed wait: after the page's pending tasks, make one request of our
    own and wait until the browser reports it. Requests are reported in the order they start,
    so whatever the page started before (a stray fetch of a script) has been reported too."""
    with page.expect_request(lambda request: request.url.endswith(BARRIER)):
        page.evaluate(
            "(url) => new Promise((done) => setTimeout(done, 0))"
            ".then(() => fetch(url).catch(() => {}))",
            BARRIER,
        )
