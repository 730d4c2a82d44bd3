"""One stylesheet (stylesheet/): Material's main and palette CSS and extra_css, joined in
cascade order, are the only stylesheet a page links, so the first paint waits for one request."""

from __future__ import annotations

import re

from sitecheck.headers import deploy_dir
from sitecheck.html import parse_html


def test_each_page_links_one_fingerprinted_stylesheet_holding_all_three(built_site):
    for dest in [*built_site.sources, "404.html"]:
        doc = parse_html((built_site.site / dest).read_text(encoding="utf-8"))
        links = doc.xpath("//link[@rel='stylesheet']/@href")
        assert len(links) == 1 and re.search(r"site\.[0-9a-f]{8}\.min\.css$", links[0]), links
    css_dir = built_site.site / "assets" / "stylesheets"
    (joined,) = css_dir.glob("site.*.min.css")
    text = joined.read_text(encoding="utf-8")
    main = next(css_dir.glob("main.*.min.css")).read_text(encoding="utf-8")
    theme = (built_site.project / "overrides/assets/stylesheets/theme.css").read_text("utf-8")
    slate = "[data-md-color-scheme=slate]{color-scheme:dark"  # from the palette file
    positions = [text.find(part) for part in (main[200:400], slate, theme.strip()[-300:])]
    assert -1 not in positions and positions == sorted(positions)  # Material's, then ours
    assert text.count("@charset") == 1 and "sourceMappingURL" not in text
    assert f"/{joined.relative_to(built_site.site).as_posix()}" in (
        deploy_dir(built_site.site) / "_headers"
    ).read_text(encoding="utf-8")  # cached for a year: its name changes with its content


def test_a_theme_edit_changes_the_stylesheets_name(project):
    project.append("overrides/assets/stylesheets/theme.css", "\n.hc-planted { color: red; }\n")
    built = project.build(strict=True)
    assert built.returncode == 0, built.output
    (joined,) = (built.site / "assets" / "stylesheets").glob("site.*.min.css")
    assert joined.read_text(encoding="utf-8").rstrip().endswith(".hc-planted { color: red; }")
    page = (built.site / "cost" / "index.html").read_text(encoding="utf-8")
    assert f'href="../assets/stylesheets/{joined.name}"' in page


def test_a_missing_extra_css_file_stops_the_build_with_the_fix(project):
    project.replace(
        "mkdocs.yml", "  - assets/stylesheets/theme.css", "  - assets/stylesheets/x.css"
    )
    built = project.build()
    assert built.returncode != 0
    assert "extra_css lists assets/stylesheets/x.css, which is in neither docs/ nor" in built.output
    assert "Traceback" not in built.output


def test_theme_css_closes_every_block():
    """A block left open swallows every rule after it: the browser ignores them without a word
    (a merge once dropped the urgency cards' colours this way)."""
    from tests.checks.site import ROOT

    text = (ROOT / "overrides/assets/stylesheets/theme.css").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    depth = 0
    for number, line in enumerate(code.split("\n"), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"theme.css:{number}: a '}}' closes a block that was never opened"
    assert depth == 0, f"theme.css: {depth} block(s) never closed"
