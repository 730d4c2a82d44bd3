"""Theme parts every content page keeps: the edit link, and no GitHub repository widget."""

from __future__ import annotations

from sitecheck.finding import Finding
from sitecheck.html import parse
from tests.checks.problems import at
from tests.checks.site import Build


def edit_link_problems(build: Build) -> list[Finding]:
    problems = []
    for html, source in sorted(build.sources.items()):
        doc = parse(build.site / html)
        edit = doc.xpath('//a[@rel="edit"]/@href')
        if not edit or not edit[0].endswith(source.removeprefix("docs/")):
            problems.append(
                at(
                    source,
                    "the page has no 'edit this page' link to its Markdown file",
                    "keep repo_url, edit_uri and the content.action.edit feature in mkdocs.yml",
                )
            )
        if doc.xpath('//*[@data-md-component="source"]'):
            problems.append(
                at(
                    source,
                    "Material's repository widget is on the page; its script asks api.github.com "
                    "for stars and forks, a third-party request",
                    "keep overrides/partials/source.html (it replaces the widget with nothing)",
                )
            )
    return problems


# Script elements that hold data, not code: a CSP does not run them, so they are allowed inline.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def inline_script_problems(build: Build) -> list[Finding]:
    """No inline script code in page content and no event handler anywhere.

    Material's own small inline scripts (outside the article) stay inline: a separate file in
    <head> would cost every page a render-blocking request, and the build allows exactly
    those scripts by their sha256 hash in the Content-Security-Policy (sitecheck/headers.yml).
    Code inside a page's content is another matter: it belongs in a reviewed file.
    """
    problems = []
    for html in build.html_pages():
        doc = parse(build.site / html)
        source = build.source_of(html)
        for script in doc.xpath("//article//script[not(@src)]"):
            if (script.get("type") or "").strip().lower() in DATA_SCRIPT_TYPES:
                continue
            code = " ".join((script.text or "").split())[:80]
            problems.append(
                at(
                    source,
                    f"inline script code “{code}” is in the page content; page code must be "
                    "a reviewed file, never pasted into a page",
                    "move the code into a file under docs/javascripts/ and list it under "
                    "extra_javascript in mkdocs.yml",
                )
            )
        for element in doc.xpath("//*[@*[starts-with(name(), 'on')]]"):
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            problems.append(
                at(
                    source,
                    f"<{element.tag} {handlers[0]}=…> is an inline event handler, which the "
                    "Content-Security-Policy blocks",
                    "attach the handler in a JavaScript file with addEventListener",
                )
            )
    return problems
