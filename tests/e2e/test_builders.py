"""The same sources built three ways, each through its real command, each checked by every rule.

MkDocs 1.6.1 (today's `./run build`), ProperDocs 1.6.7 (MkDocs 1.x continued: same mkdocs.yml,
same hook) and Zensical 0.0.73 (Material's successor: reads mkdocs.yml and overrides/, runs no
hook, so `./run zensical` checks after the build). For each: the build passes, `./run editorial
SITE` passes every rule on its output with no finding, the clinic's facts reach the pages,
nothing of the project's code or notes is published, and a planted fault is caught. ProperDocs
also previews (`properdocs serve` and `./run preview` with SITE_BUILDER=properdocs) with the
problem box, and stops on a finding without --strict. The Zensical pages run in Chromium under
the policy `./run headers site/` writes, with no CSP violation.

Selected with `-m e2e`; they run in `./run test` like every other test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from devtools.ports import free_port, poll, stop
from devtools.site import build_env, run_in
from macros.money import format_money
from sitecheck.core.config import load_config
from sitecheck.drivers.cli import source_map
from sitecheck.outputs.headers import deploy_dir
from sitecheck.outputs.preview_box import BOX_ID
from sitecheck.rules.page.raw_html import SKIP_TARGET
from tests.checks.zensical import unpublishable, zensical_config
from tests.conftest import ProjectCopy, page

pytestmark = pytest.mark.e2e

BIN = Path(sys.executable).parent
PASSED = "No problems: every rule passed."
# The same two faults planted for every builder: a medical claim (the claims rule, on the
# page's text) and a copy of Zensical's skip-link target written into a page (the allow-list:
# only the theme's own, first in the article, is left out).
CLAIM = "Our treatment is completely safe and the results are permanent."
BORROWED_SKIP = f"\n{SKIP_TARGET}\n\nRead this first.\n"
# And a link to a page that does not exist (the link rule, on the built links).
BROKEN_LINK = "See [the old price list](prices.md) for details."
# Each builder writes the unresolved link its own way; the rule names it as patients get it.
WRITTEN_LINK = {"mkdocs": "prices.md", "properdocs": "prices.md", "zensical": "../prices/"}


def command(builder: str) -> list[str]:
    """The real command of each builder, as an editor or CI types it."""
    return {
        "mkdocs": [str(BIN / "mkdocs"), "build", "--strict", "--clean"],
        # No -f: ProperDocs looks for properdocs.yml and falls back to mkdocs.yml.
        "properdocs": [str(BIN / "properdocs"), "build", "--strict", "--clean"],
        # ./run zensical: preflight, zensical build, every rule, the headers.
        "zensical": [sys.executable, "-m", "sitecheck.drivers.zensical"],
    }[builder]


def editorial(root: Path, site: Path):
    """`./run editorial SITE` (the run script execs `python -m sitecheck SITE`)."""
    return run_in(root, [sys.executable, "-m", "sitecheck", str(site)])


BUILDERS = ("mkdocs", "properdocs", "zensical")


@pytest.fixture(scope="module", params=BUILDERS)
def built(request, tmp_path_factory):
    builder = request.param
    project = ProjectCopy(tmp_path_factory.mktemp(builder) / "project")
    proc = run_in(project.root, command(builder))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{builder} build failed:\n{output}"
    return builder, project.root, project.root / "site", output


def test_each_build_passes_every_rule(built):
    builder, root, site, output = built
    if builder == "zensical":
        assert PASSED in output, output  # ./run zensical ran every rule itself
    else:
        # The hook ran in the build: its report and the headers beside the site.
        assert (root / "reports" / "editorial.json").is_file(), output
    assert (deploy_dir(site) / "_headers").is_file(), output
    result = editorial(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert PASSED in result.stdout


def test_each_build_has_every_page_and_the_clinic_facts(built):
    builder, root, site, _ = built
    missing = [dest for dest in source_map(root) if not (site / dest).is_file()]
    assert missing == [], builder
    assert (site / "404.html").is_file()
    clinic = load_config(root)["extra"]["clinic"]
    price = format_money(clinic["price"]["amount"])  # "$1,650", as the macros write it
    assert price in (site / "cost" / "index.html").read_text(encoding="utf-8"), builder
    assert clinic["phone"] in (site / "index.html").read_text(encoding="utf-8"), builder
    if builder != "zensical":  # which program built it, as the page's generator tag says
        generator = {"mkdocs": "mkdocs-1.6.1", "properdocs": "mkdocs-ProperDocs 1.6.7"}[builder]
        assert f'content="{generator},' in (site / "index.html").read_text(encoding="utf-8")


def test_each_build_publishes_nothing_for_editors_only(built):
    """No code, settings or notes: overrides/README.md stays out of Zensical's build too."""
    builder, _, site, _ = built
    assert unpublishable(site) == [], builder
    assert not (site / "README.md").exists()


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_planted_fault_is_caught_by_each_build(builder, tmp_path):
    project = ProjectCopy(tmp_path / "project")
    project.append("docs/cost.md", f"\n{CLAIM}\n\n{BROKEN_LINK}\n")
    project.append("docs/faq.md", BORROWED_SKIP)
    link_line = project.path("docs/cost.md").read_text(encoding="utf-8").count("\n")
    claim_line = link_line - 2
    faq = project.path("docs/faq.md").read_text(encoding="utf-8")
    skip_line = faq[: faq.rindex(SKIP_TARGET)].count("\n") + 1
    proc = run_in(project.root, command(builder))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    if builder != "zensical":
        assert "The build stopped:" in output, output
    assert f"docs/cost.md:{claim_line}: medical claim “completely safe”" in output, output
    assert f'docs/faq.md:{skip_line}: id="__skip" on <a> uses a name reserved' in output, output
    assert f"docs/faq.md:{skip_line}: the HTML attribute 'tabindex' on <a>" in output, output
    link = f"docs/cost.md:{link_line}: link '{WRITTEN_LINK[builder]}' points to a page or file"
    assert link in output, output
    # One broken link, one finding (the hook prints it as a warning and again in its stop).
    broken = {
        line[line.index("docs/") :]
        for line in output.splitlines()
        if "points to a page or file that does not exist" in line
    }
    assert len(broken) == 1, broken
    if builder == "zensical":
        assert "Not ready to publish" in output
    else:  # the site folder is left as it was built, and ./run editorial finds the same
        result = editorial(project.root, project.root / "site")
        assert result.returncode == 1
        assert f"docs/cost.md:{claim_line}: medical claim “completely safe”" in result.stdout


# --- Zensical: what the plain command publishes, and the template the allow-list knows ---


def test_plain_zensical_build_is_reported_for_the_theme_notes_it_copies(tmp_path):
    """`zensical build` alone copies overrides/README.md; `./run editorial site/` says so, and
    that is its only finding (38 false ones before: Zensical's skip target on every page)."""
    project = ProjectCopy(tmp_path / "project")
    project.write("overrides/assets/settings.yml", "secret: 1\n")  # planted: code and settings
    project.write("overrides/assets/helper.py", "print(1)\n")
    config = zensical_config(project.root)  # mkdocs.yml with clinic.yml's facts
    proc = run_in(project.root, [str(BIN / "zensical"), "build", "--clean", "-f", config])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = project.root / "site"
    assert unpublishable(site) == ["README.md", "assets/helper.py", "assets/settings.yml"]
    result = editorial(project.root, site)
    assert result.returncode == 1
    findings = [line for line in result.stdout.splitlines() if " Fix: " in line]
    assert [line.split(":")[0] for line in findings] == [
        "overrides/README.md",
        "overrides/assets/helper.py",
        "overrides/assets/settings.yml",
    ], result.stdout
    assert findings[0] == (
        "overrides/README.md: the built site holds 'README.md', a copy of overrides/README.md: "
        "a file for the site's editors, not for patients (Zensical copies every file of the "
        "theme folder; MkDocs leaves this one out). Fix: build with ./run zensical, which "
        "leaves it out, or delete it from the built folder before publishing."
    )


def test_zensical_template_still_writes_the_skip_target_the_allow_list_knows():
    """A Zensical upgrade that changes the markup fails here, not as findings on every page."""
    import zensical

    base = Path(zensical.__file__).parent / "templates" / "base.html"
    assert SKIP_TARGET in base.read_text(encoding="utf-8")


@pytest.mark.browser
# Zensical only: the MkDocs build's policy in Chromium is tested in tests/test_browser_csp.py.
@pytest.mark.parametrize("built", ["zensical"], indirect=True)
def test_zensical_pages_run_under_the_policy_of_run_headers(built, browser):
    from devtools.serve import serve
    from tests.checks.csp_watch import open_with_csp
    from tests.checks.security_headers import site_policy

    _, _, site, _ = built
    context, watcher = open_with_csp(browser, site_policy(site))
    try:
        with serve(site) as base:
            for path in ("", "cost/", "eligibility/", "no-such-page/"):
                assert watcher.visit(base + path) == [], path
                # Zensical's inline start-up script ran (allowed by its hash).
                assert watcher.page.evaluate("typeof __md_get === 'function'"), path
    finally:
        context.close()


# --- ProperDocs: the hook's preview box and stop, through its own commands ---


def fetch(url: str) -> str | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def served(proc, url: str, log: Path, *texts: str) -> str:
    try:
        return poll(
            lambda: (body := fetch(url)) is not None and all(t in body for t in texts) and body,
            what=f"{url} showing {texts}",
            timeout=300,
            alive=lambda: proc.poll() is None,
        )
    except AssertionError as failure:
        pytest.fail(f"{failure}:\n{log.read_text(encoding='utf-8')}")


def claimy(tmp_path) -> ProjectCopy:
    project = ProjectCopy(tmp_path / "project")
    project.write("docs/claimy.md", page("Claimy", CLAIM))
    project.add_to_menu("claimy.md")
    return project


@pytest.mark.parametrize("how", ["properdocs serve", "./run preview"])
def test_properdocs_preview_shows_the_problem_box(how, tmp_path):
    import subprocess

    project = claimy(tmp_path)
    port = free_port()
    if how == "properdocs serve":
        args = [str(BIN / "properdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    else:  # the preview wrapper, with the builder switched as the README says
        args = [sys.executable, "-m", "preview", "--livereload", "-a", f"127.0.0.1:{port}"]
    env = {**build_env(), "SITE_BUILDER": "properdocs"}
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            args, cwd=project.root, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            body = served(proc, base + "claimy/", log, BOX_ID)
            clean = served(proc, base + "cost/", log, "<h1")
            assert proc.poll() is None  # the preview keeps serving despite the finding
        finally:
            stop(proc)
    box = body[body.index(f'<section id="{BOX_ID}"') :]
    box = box[: box.index("</section>")]
    assert "docs/claimy.md:11" in box and "medical claim “completely safe”" in box
    assert body.index(BOX_ID) < body.index("<h1")
    assert BOX_ID not in clean
    terminal = log.read_text(encoding="utf-8")
    assert "docs/claimy.md:11: medical claim “completely safe”" in terminal
    if how == "./run preview":
        assert "Built the site: 2 problem(s) to fix" in terminal, terminal
    else:  # (the wrapper may print a BrokenPipeError when a poll gives up on a slow answer)
        assert "Traceback" not in terminal
    assert 'content="mkdocs-ProperDocs 1.6.7,' in clean  # ProperDocs served it


def test_properdocs_build_stops_on_a_finding_even_without_strict(tmp_path):
    """The hook, not --strict, stops the build: `-q` or a missing flag cannot publish it."""
    project = claimy(tmp_path)
    proc = run_in(project.root, [str(BIN / "properdocs"), "build", "-q"])
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "The build stopped:" in output
    assert "docs/claimy.md:11: medical claim “completely safe”" in output


def test_run_build_with_properdocs_reads_the_same_configuration(tmp_path):
    """`SITE_BUILDER=properdocs ./run build`: the preflight, then ProperDocs with the hook."""
    project = ProjectCopy(tmp_path / "project")
    env_args = [sys.executable, "-m", "sitecheck.drivers.build", "build", "--strict", "--clean"]
    import subprocess

    proc = subprocess.run(
        env_args,
        cwd=project.root,
        env={**build_env(), "SITE_BUILDER": "properdocs"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    index = (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert "ProperDocs 1.6.7" in index
    assert (project.root / "reports" / "editorial.json").is_file()
