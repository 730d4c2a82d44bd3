"""Theme parts every content page keeps: the edit link, and no GitHub repository widget."""

from __future__ import annotations

from devtools.site import Build
from sitecheck.core.finding import Finding
from sitecheck.core.page_tree import parse
from tests.checks.problems import at


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
