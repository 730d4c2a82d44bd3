"""Issue 30 in Chromium through nginx with the shipped server block: the planted pages of the
page family (built report-only, so they are there to load) send no request to another host
(the policy blocks the emoji picture the build refused), run nothing, the refused files are not
there, and an SVG that reached the server anyway is served with a policy that runs nothing."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from sitecheck.outputs.headers import deploy_dir
from tests.checks.config_payloads import SCRIPTED_SVG, plant_pages
from tests.conftest import ProjectCopy

PAGES = ("overlay", "anchor", "premium", "bcc", "relative", "shown", "emoji", "pictures")


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("pages-e2e") / "project")
    plant_pages(project)
    build = project.build()
    # As if a scripted picture reached the server some other way than the build.
    (build.site / "images").mkdir(exist_ok=True)
    (build.site / "images/evil.svg").write_text(SCRIPTED_SVG, encoding="utf-8")
    return build


@pytest.mark.browser
def test_nothing_loads_from_another_host_or_runs(planted_site, browser, tmp_path):
    from devtools.nginx import BROWSER_ORIGIN, browser_context, require_nginx, run_nginx

    require_nginx()
    conf = (deploy_dir(planted_site.site) / "_nginx.conf").read_text(encoding="utf-8")
    own = urlsplit(BROWSER_ORIGIN).hostname
    with run_nginx(planted_site.site, conf, tmp_path / "nginx") as server:
        context = browser_context(browser, server)
        asked: list[str] = []
        blocked: list[str] = []
        dialogs: list[str] = []
        try:
            tab = context.new_page()
            tab.on("request", lambda request: asked.append(request.url))
            tab.on(  # Chromium reports a request its policy stopped as failed with "csp"
                "requestfailed",
                lambda r: blocked.append(r.url) if "csp" in (r.failure or "").lower() else None,
            )
            tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for name in PAGES:
                response = tab.goto(f"{BROWSER_ORIGIN}{name}/", wait_until="load")
                assert response is not None and response.status == 200, name
                tab.wait_for_timeout(200)
                assert tab.evaluate("document.documentElement.dataset.pwned") is None, name
            for path in ("evil.html", "evil.js", "_redirects"):
                assert tab.goto(f"{BROWSER_ORIGIN}{path}").status == 404, path
            response = tab.goto(f"{BROWSER_ORIGIN}images/evil.svg", wait_until="load")
            policy = response.headers.get("content-security-policy", "")
            assert "sandbox" in policy and "default-src 'none'" in policy, policy
            assert tab.evaluate("document.documentElement.dataset.pwned") is None
        finally:
            context.close()
    # The build refuses the emoji page (report-only here, so it was built): the policy is the
    # second lock, and the browser never sends what it blocks.
    others = sorted({u for u in asked if urlsplit(u).hostname not in (own, None)})
    assert sorted(set(blocked)) == others, (
        f"asked another host: {sorted(set(others) - set(blocked))}"
    )
    assert dialogs == []
