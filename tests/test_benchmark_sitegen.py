"""The benchmark's synthetic sites are real sites: they build strictly and pass the project's checks.

If they did not, the scaling figures in the README would describe something the clinic never runs.
"""

from __future__ import annotations

import pytest

from benchmarks import scale
from benchmarks.sitegen import FANOUT, generate, layout, nav_tree
from sitecheck.core.page_tree import parse, text_of
from tests.checks.site import build


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("bench") / "site-10", 10)


def test_synthetic_site_builds_strictly_and_passes_every_check(synthetic):
    result = build(synthetic.root, synthetic.root / "site", strict=True)
    assert result.returncode == 0, result.output
    assert scale.problems_found(synthetic.root) == 0
    # Not vacuous: the engine saw every synthetic page (the report names none, the site has them).
    assert len(result.html_pages()) >= synthetic.pages


def test_synthetic_pages_have_what_real_pages_have(synthetic, tmp_path):
    result = build(synthetic.root, tmp_path / "site", strict=False)
    doc = parse(result.site / "s00" / "p03" / "index.html")
    article = doc.xpath("//article")[0]
    for what, xpath in {
        "table": ".//table",
        "admonition": './/div[contains(@class,"admonition")]',
        "tabs": './/div[contains(@class,"tabbed-set")]',
        "details": ".//details",
        "glossary term": ".//abbr",
        "image": ".//img",
        "link with an anchor to another page": './/a[contains(@href,"../")][contains(@href,"#")]',
    }.items():
        assert article.xpath(xpath), f"synthetic page has no {what}"
    assert "{{" not in text_of(article), "the clinic fact was not rendered by macros"


def test_large_sites_get_short_menus_at_every_level():
    paths = layout(1000)
    assert len(set(paths)) == 1000
    nav = nav_tree(paths)
    assert len(nav) == 1 + FANOUT  # Home + ten groups
    group = next(iter(nav[1].values()))
    assert len(group) == FANOUT
    assert len(next(iter(group[0].values()))) == FANOUT


def test_plain_configuration_drops_hooks_plugins_and_theme_overrides(synthetic):
    run = scale.timed_build(synthetic.plain_config, synthetic.root / "plain")
    assert run.hooks == []
    assert set(run.plugins) <= {"material/search", "search"}
    full = scale.timed_build(synthetic.config, synthetic.root / "full")
    assert full.hooks, "the project's hooks should run in the full configuration"
    assert set(full.hooks) <= set(full.plugins), "each hook's time must be measured"
    assert full.pages == run.pages == synthetic.pages
    assert full.peak_mib > 10 and full.seconds > 0


def test_scale_row_comes_from_the_measured_build(synthetic, tmp_path):
    result = scale.measure_size(10, tmp_path, runs=1)
    index = tmp_path / "site-10" / "site" / "search" / "search_index.json"
    assert result.index_bytes == index.stat().st_size > 0
    head, _, row = scale.table([result])[:3]
    cells = dict(
        zip(
            [c.strip() for c in head.strip("|").split("|")],
            [c.strip() for c in row.strip("|").split("|")],
            strict=True,
        )
    )
    assert cells["pages"] == str(result.pages)
    assert cells["index KiB"] == f"{index.stat().st_size / 1024:.0f}"
    ms = 1000 * result.full[0].seconds / result.pages
    assert float(cells["ms/page"]) == pytest.approx(ms, abs=0.1)
    checks = result.full[0].seconds - result.unchecked[0].seconds
    assert float(cells["checks s"]) == pytest.approx(checks, abs=0.01)
    assert result.full[0].cpu > 0 and result.unchecked[0].cpu > 0


def test_unchecked_configuration_is_the_full_site_without_the_hook(synthetic):
    run = scale.timed_build(synthetic.unchecked_config, synthetic.root / "unchecked")
    assert run.hooks == []
    assert "macros" in run.plugins, "only the hook may be missing, not the site's plugins"
    assert run.pages == synthetic.pages


def test_peak_memory_is_the_builds_own_not_the_benchmark_processes(synthetic):
    # Linux carries a forked parent's peak RSS across exec; a large parent must not leak into it.
    ballast = bytearray(200 * 2**20)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page so it is resident
    run = scale.timed_build(synthetic.config, synthetic.root / "mem")
    assert 10 < run.peak_mib < 190
    del ballast
