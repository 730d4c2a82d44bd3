"""The site built with Zensical 0.0.73 (it reads mkdocs.yml and overrides/, runs no hook): nothing
of the project's code or settings is published, every page is there, and the engine's link and
page rules pass on its output, as `./run editorial site/` runs them after a Zensical build."""

import pytest

from sitecheck.drivers.cli import source_map
from tests.checks.problems import assert_none
from tests.checks.zensical import editorial, unpublishable, zensical_build
from tests.conftest import ProjectCopy

RULES = ("links", "page-parts", "leftovers", "menu")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("zensical") / "project")
    built = zensical_build(project.root)
    assert built.returncode == 0, f"zensical build failed:\n{built.output}"
    return built


def test_zensical_publishes_no_code_or_settings(zensical_site):
    site = zensical_site.site
    leaked = [p.relative_to(site).as_posix() for p in site.rglob("*.py")]
    leaked += [p.relative_to(site).as_posix() for p in site.rglob("*.y*ml")]
    assert leaked == []
    assert unpublishable(site) == []


def test_zensical_builds_every_page(zensical_site):
    pages = source_map(zensical_site.project)
    assert len(pages) >= 15
    missing = [dest for dest in pages if not (zensical_site.site / dest).is_file()]
    assert missing == []
    assert (zensical_site.site / "404.html").is_file()


def test_link_and_page_rules_pass_on_the_zensical_build(zensical_site):
    engine = zensical_site.engine()  # sitecheck.drivers.cli.load_built_site(project, site)
    assert len(engine.pages) >= 16, "the engine read too few pages"
    assert_none(zensical_site.recheck(*RULES), "link and page rules on the Zensical build")


# --- negative test ---


def test_broken_link_and_leaked_files_in_a_zensical_build_are_found(tmp_path):
    project = ProjectCopy(tmp_path / "project")
    project.append("docs/cost.md", "\nSee [the old price list](prices.md) for details.\n")
    project.write("overrides/assets/settings.yml", "secret: 1\n")
    project.write("overrides/assets/helper.py", "print(1)\n")
    built = zensical_build(project.root)
    assert built.returncode == 0, built.output  # Zensical itself publishes all of it
    assert unpublishable(built.site) == ["assets/helper.py", "assets/settings.yml"]
    result = editorial(project.root, built.site)
    assert result.returncode == 1, result.stdout + result.stderr
    line = project.path("docs/cost.md").read_text(encoding="utf-8").count("\n")
    # Zensical writes an unresolved 'prices.md' as '../prices/' (MkDocs keeps 'prices.md'): the
    # rule reads the link as patients receive it, so it names Zensical's form, at the same line.
    assert (
        f"docs/cost.md:{line}: link '../prices/' points to a page or file that does not exist"
        in result.stdout
    ), result.stdout
    assert result.stdout.count("points to a page or file that does not exist") == 1
