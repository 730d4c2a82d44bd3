"""The site works under a Content-Security-Policy without 'unsafe-inline' for scripts."""

import pytest

from devtools.serve import serve
from tests.checks.browser_audit import MISSING_ADDRESS
from tests.checks.csp_watch import open_with_csp
from tests.checks.security_headers import site_policy
from tests.conftest import ProjectCopy, page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def csp_page(browser, built_site):
    """Every HTML page arrives with the policy the build wrote for the real site."""
    context, watcher = open_with_csp(browser, site_policy(built_site.site))
    yield watcher
    context.close()


@pytest.mark.parametrize("path", ["", "cost/", MISSING_ADDRESS])
def test_pages_run_under_the_csp(site_server, csp_page, path):
    assert csp_page.visit(site_server + path) == []
    # Material's own start-up scripts ran (inline, allowed by hash): colour scheme and search work.
    assert csp_page.page.evaluate("typeof __md_get === 'function'")
    assert csp_page.page.evaluate("document.body.dataset.mdColorScheme") in ("default", "slate")


def test_inline_script_is_refused_under_the_csp(browser, tmp_path, csp_page):
    """A script the real site's policy has no hash for (a stale policy) is refused."""
    project = ProjectCopy(tmp_path / "project")
    project.write("docs/planted.md", page("Planted", '<script>document.title = "x"</script>'))
    build = project.build()
    with serve(build.site) as base_url:
        refused = csp_page.visit(base_url + "planted/")
    assert len(refused) == 1 and refused[0].startswith("script-src-elem blocked inline"), refused
