"""One stylesheet (stylesheet/): Material's main and palette CSS and extra_css, joined in
cascade order and written into every page's <head>, so the first screen is drawn from the HTML
alone; the security policy allows that one block by the hash of what the build joined."""

from __future__ import annotations

import re

from sitecheck.core.page_tree import parse_html
from sitecheck.rules.page.csp_inline import csp_hash
from tests.checks.problems import report
from tests.checks.security_headers import site_policy
from tests.conftest import page

PLANTED_STYLE = "<style>body { display: none; }</style>"


def style_blocks(site, dest: str) -> list[str]:
    doc = parse_html((site / dest).read_text(encoding="utf-8"))
    assert not doc.xpath("//link[@rel='stylesheet']"), f"{dest} links a stylesheet"
    assert not doc.xpath("//body//style"), f"{dest} has a <style> outside <head>"
    return [node.text for node in doc.xpath("/html/head/style")]


def test_each_page_holds_the_joined_stylesheet_and_the_policy_allows_only_it(built_site):
    first = None
    for dest in [*built_site.sources, "404.html"]:
        (text,) = style_blocks(built_site.site, dest)
        assert first is None or text == first, f"{dest}: a different stylesheet"
        first = text
    css_dir = built_site.site / "assets" / "stylesheets"
    assert not list(css_dir.glob("site.*.css")), "the joined stylesheet is also published"
    main = next(css_dir.glob("main.*.min.css")).read_text(encoding="utf-8")
    theme = (built_site.project / "overrides/assets/stylesheets/theme.css").read_text("utf-8")
    slate = "[data-md-color-scheme=slate]{color-scheme:dark"  # from the palette file
    positions = [first.find(part) for part in (main[200:400], slate, theme.strip()[-300:])]
    assert -1 not in positions and positions == sorted(positions)  # Material's, then ours
    assert "@charset" not in first and "sourceMappingURL" not in first
    styles = re.search(r"style-src ([^;]*)", site_policy(built_site.site)).group(1).split()
    assert styles == ["'self'", csp_hash(first)]  # no 'unsafe-inline', no other block


def test_a_theme_edit_is_in_every_page_and_in_the_policy(project):
    project.append("overrides/assets/stylesheets/theme.css", "\n.hc-planted { color: red; }\n")
    built = project.build(strict=True)
    assert built.returncode == 0, built.output
    (text,) = style_blocks(built.site, "cost/index.html")
    assert text.rstrip().endswith(".hc-planted { color: red; }")
    assert csp_hash(text) in site_policy(built.site)


def test_a_missing_extra_css_file_stops_the_build_with_the_fix(project):
    project.replace(
        "mkdocs.yml", "  - assets/stylesheets/theme.css", "  - assets/stylesheets/x.css"
    )
    project.accept_config()  # a developer's change
    built = project.build()
    assert built.returncode != 0
    assert "extra_css lists assets/stylesheets/x.css, which is in neither docs/ nor" in built.output
    assert "Traceback" not in built.output


def test_a_file_address_in_the_stylesheet_stops_the_build_naming_the_line(project):
    """In a page's <head>, url(img/x.png) would be read from each page's folder."""
    lines = (project.path("overrides/assets/stylesheets/theme.css").read_text("utf-8")).count("\n")
    project.append(
        "overrides/assets/stylesheets/theme.css", ".hc-logo { background: url(logo.png) }\n"
    )
    built = project.build()
    assert built.returncode != 0
    # sitecheck/rules/project/stylesheets.py: any address that is not data: is refused there
    assert f"theme.css:{lines + 1}: the stylesheet loads 'logo.png'" in built.output
    assert "Fix: draw the picture with a data: URL" in built.output
    assert "Traceback" not in built.output


def test_a_style_end_tag_in_the_stylesheet_stops_the_build(project):
    project.append("overrides/assets/stylesheets/theme.css", "/* </style><script>x()</script> */\n")
    built = project.build()
    assert built.returncode != 0
    assert "theme.css:" in built.output and '"</style" cannot be in the stylesheet' in built.output
    assert 'Fix: write it without "</style" (in a comment too), or remove the line.' in (
        built.output
    )


def test_a_style_block_in_a_template_is_reported_and_never_hashed(project, built_site):
    before = built_site  # the unchanged project's build
    project.append(
        "overrides/main.html", f"\n{{% block extrahead %}}{PLANTED_STYLE}{{% endblock %}}\n"
    )
    after = project.build()
    message = report(after.findings("inline-code"), "planted")
    assert "a <style> block that the build did not write is in the page (cost/index.html)" in (
        message
    )
    assert "'body { display: none; }'" in message and "Fix: remove it" in message
    assert after.engine().inline.block_hashes() == before.engine().inline.block_hashes()
    assert csp_hash("body { display: none; }") not in site_policy(after.site)


def test_a_style_block_in_a_page_is_refused_with_its_line_and_never_hashed(project, built_site):
    before = built_site  # the unchanged project's build
    project.write("docs/styled.md", page("Styled", PLANTED_STYLE))
    after = project.build()
    message = report(after.findings("raw-html"), "planted")
    assert "docs/styled.md:11: raw HTML <style> is not allowed on a page" in message
    assert after.engine().inline.block_hashes() == before.engine().inline.block_hashes()


def test_theme_css_closes_every_block():
    """A block left open swallows every rule after it: the browser ignores them without a word
    (a merge once dropped the urgency cards' colours this way)."""
    from devtools.site import ROOT

    text = (ROOT / "overrides/assets/stylesheets/theme.css").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    depth = 0
    for number, line in enumerate(code.split("\n"), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"theme.css:{number}: a '}}' closes a block that was never opened"
    assert depth == 0, f"theme.css: {depth} block(s) never closed"
