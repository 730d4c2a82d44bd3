"""The security review's payloads (issue 12): planted in a project copy by the payload tests of
the build, the published site and the preview."""

from __future__ import annotations

from tests.conftest import page

SCRIPT = "<script>document.documentElement.dataset.pwned=1</script>"
PAGES = {
    # 1. six ways past the old source check
    "concat": page(
        "Concat", '{{ "<scr" ~ "ipt>document.documentElement.dataset.pwned=1</scr" ~ "ipt>" }}'
    ),
    "backtick": page(
        "Backtick", f'<span title="`">a</span>\n\n{SCRIPT}\n\n<span title="`">b</span>'
    ),
    "comment": page("Comment", f'<abbr title="<!--">x</abbr>\n\n{SCRIPT}\n\n<!-- -->'),
    "snippet-html": page("Snippet", '--8<-- "evil.html"'),
    # 5. tags that change where the patient goes or how the page looks
    "refresh": page("Refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">'),
    "form": page("Form", '<form action="https://evil.example"><button>Go</button></form>'),
    "base": page("Base", '<base href="https://evil.example/">'),
    "stylesheet": page("Sheet", '<link rel="stylesheet" href="https://evil.example/x.css">'),
    "style-tag": page("Style", "<style>body{display:none}</style>"),
    # 6. a full-screen overlay
    "overlay": page(
        "Overlay",
        '<div style="position:fixed;inset:0;background:#fff">Call 0900-SCAM now</div>',
    ),
    # 8. javascript: spelled with an entity, and through xlink:href
    "tab-scheme": page("Tab", '<a href="java&#9;script:alert(1)">Cost</a>'),
    "xlink": page(
        "Xlink",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<a xlink:href="&#106;avascript:alert(1)"><text x="1" y="9">Go</text></a></svg>',
    ),
    # The theme's own foot is skipped by the allow-list; a page that imitates it is not.
    "theme-foot": page(
        "Foot", f'<div class="hc-page-foot" data-hc-theme="page-foot">\n\n{SCRIPT}\n\n</div>'
    ),
}
# 2. Jinja that reaches Python: refused before any page renders, so nothing else is built
# beside it; planted in a project of its own.
JINJA = page("Jinja", '{{ cycler.__init__.__globals__.os.popen("id").read() }}')
TITLES = {  # 1. front matter that closes </title>, directly and as a YAML escape
    "title-close": '"Cost</title><script>document.documentElement.dataset.pwned=1</script>"',
    "title-escape": '"Cost \\x3c/title>\\x3cscript>document.documentElement.dataset.pwned=1\\x3c/script>"',
    "quote": "'Cost\" on a page'",  # 7. a quote that leaves <meta content="...">
}


def plant(project) -> None:
    for name, text in PAGES.items():
        project.write(f"docs/{name}.md", text)
    for name, title in TITLES.items():
        project.write(f"docs/{name}.md", page("x", "Text.").replace("title: x", f"title: {title}"))
    project.write("docs/snippets/evil.html", SCRIPT + "\n")
    described = page("Described", "Text.").replace(
        "description: A test page planted by a negative test.",
        "description: 'The doctor said \"no\" on a page about the treatment and its cost.'",
    )
    project.write("docs/desc-quote.md", described)


# Pages whose payload is a script: built anyway by the report-only test build, served, opened.
SCRIPTED = ("concat", "backtick", "comment", "snippet-html", "title-close", "title-escape")


def assert_nothing_ran(tab, origin: str) -> None:
    for name in SCRIPTED:
        tab.goto(f"{origin}{name}/", wait_until="load")
        assert "dataset.pwned=1" in tab.content(), f"{name}: the payload is not in the page"
        ran = tab.evaluate("document.documentElement.dataset.pwned")
        assert ran is None, f"{name}: the smuggled script ran"
    tab.goto(f"{origin}base/", wait_until="load")
    assert tab.evaluate("document.baseURI").startswith(origin), "<base href> moved the links"
