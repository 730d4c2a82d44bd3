"""Theme parts of every published page: no "Edit this page" link (a developer tool; it shows
only in the editors' preview) and no GitHub repository widget."""

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
        if edit:
            problems.append(
                at(
                    source,
                    f"the published page has an 'edit this page' link ({edit[0]}), which opens "
                    "GitHub's editor for patients",
                    "keep overrides/partials/actions.html (it shows the pencil only in the "
                    "preview)",
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
