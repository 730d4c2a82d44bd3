"""Every link, image, script and sitemap entry of the built site resolves, anchors included."""

import os

from devtools.site import ROOT
from sitecheck.rules.site.links import external_links
from tests.checks.links import external_report, fetch_status
from tests.checks.problems import assert_none, report
from tests.conftest import page

ONLINE = os.environ.get("CHECK_EXTERNAL_LINKS") == "1"


def test_every_local_link_and_fragment_resolves(built_site):
    assert_none(built_site.findings("links"), "broken links in the built site")


def test_external_links_are_safe_and_listed(built_site):
    """External links are listed in reports/external-links.txt; fetched only when asked to."""
    engine = built_site.engine()
    external = external_links(engine.pages, engine.context)
    assert external, "no external link found: the walker read nothing"
    text = external_report(external, ONLINE)
    reports = ROOT / "reports"
    reports.mkdir(exist_ok=True)
    (reports / "external-links.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    assert all(url.startswith(("https://", "mailto:", "tel:")) for url in external)
    if ONLINE:
        failures = {url: fetch_status(url) for url in external}
        assert not {u: why for u, why in failures.items() if why}, failures


def test_the_quick_path_join_is_urljoin():
    """Relative links are resolved without urljoin (the rule's hot loop): same path and
    fragment as urljoin for every shape of relative address, else urljoin decides."""
    import itertools
    import posixpath
    from urllib.parse import urljoin, urlsplit

    from sitecheck.rules.site.links import PLAIN_PATH, join_path

    atoms = ["", ".", "..", "a", "b.md", "c/", "index.html", "x%20y", "\u00e9", "a b", "..."]
    raws = {"/".join(c) for n in range(1, 4) for c in itertools.product(atoms, repeat=n)}
    raws |= {f"{r}{tail}" for r in list(raws) for tail in ("/", "#f", "?q=1", "?q#f", "#")}
    raws |= {"#", "?", "#x#y", "a//b", "//host/a", "/", ":x", "a:b/c", "./a:b", "a\\b"}
    raws |= {"jav\tascript:x", "a\nb", "c\r/d", "e\x01f"}  # urlsplit drops tabs and breaks
    pages = ["https://x.org/", "https://x.org/a/b/", "https://x.org/sub/a/index.html"]
    checked = 0
    for page_url, raw in itertools.product(pages, sorted(raws)):
        if not PLAIN_PATH.fullmatch(raw):
            assert "//" in raw or ":" in raw or "\\" in raw or not raw.isprintable(), raw
            continue
        parts = urlsplit(urljoin(page_url, raw))
        path = urlsplit(page_url).path
        assert join_path(posixpath.dirname(path), path, raw) == (parts.path, parts.fragment), raw
        checked += 1
    assert checked > 5000


# --- negative tests ---


def test_several_faults_are_all_reported_with_their_source_files(project):
    project.write(
        "docs/faulty.md",
        page(
            "Faulty",
            "\n\n".join(
                [
                    "See [the price list](prices.md) for details.",
                    "Read [about us](about.md#who-we-aer).",
                    "![A diagram of the scalp](images/missing-scalp.svg)",
                    '<a href="../no-such-page/">raw HTML link</a>',
                    '<img src="../images/raw-missing.png" alt="A photo of the clinic">',
                    '<a href="../privacy/#cookiez">raw anchor</a>',
                    "An [old address](http://www.nhs.uk/conditions/hair-loss/).",
                    "A [broken address](https://exa mple.com/).",
                ]
            ),
        ),
    )
    project.replace(
        "mkdocs.yml", "  - Privacy: privacy.md", "  - Privacy: privacy.md\n  - Faulty: faulty.md"
    )
    messages = report(project.build().findings("links"), "")
    expected = [
        "docs/faulty.md:11: link 'prices.md' points to a page or file that does not exist",
        "docs/faulty.md:13: link '../about/#who-we-aer' points to a section '#who-we-aer' that does "
        "not exist on docs/about.md",
        "docs/faulty.md:15: link 'images/missing-scalp.svg' points to a page or file that does not exist",
        "docs/faulty.md:17: link '../no-such-page/' points to a page or file that does not exist",
        "docs/faulty.md:19: link '../images/raw-missing.png' points to a page or file that does not exist",
        "docs/faulty.md:21: link '../privacy/#cookiez' points to a section '#cookiez'",
        "Did you mean: #cookies?",
        "docs/faulty.md:23: link 'http://www.nhs.uk/conditions/hair-loss/' uses http://",
        "link 'https://exa mple.com/' is not a well-formed web address",
    ]
    missing = [e for e in expected if e not in messages]
    assert not missing, f"not reported: {missing}\n\nfull report:\n{messages}"
    assert messages.startswith("8 problem(s)")


def test_broken_link_in_theme_template_is_reported(project):
    project.write(
        "overrides/main.html",
        '{% extends "base.html" %}\n{% block announce %}'
        "<a href=\"{{ 'no-such-help-page/' | url }}\">Help</a>{% endblock %}\n",
    )
    messages = report(project.build().findings("links"), "")
    assert "theme template (404.html): link '/no-such-help-page/'" in messages
    assert "docs/index.md: link 'no-such-help-page/'" in messages


def test_stale_sitemap_entry_is_reported(project):
    result = project.build()
    sitemap = result.site / "sitemap.xml"
    sitemap.write_text(sitemap.read_text().replace("/privacy/", "/privacy-old/"))
    messages = report(result.recheck("links"), "")
    assert (
        "sitemap.xml: entry 'https://patients.hair-clinic.example/privacy-old/' does not match"
        in messages
    )
