"""The check engine: every rule about what patients read and what the site serves, run once.

Three kinds of rule, fed by whoever builds the site (the MkDocs hook, or `python -m sitecheck
SITE` reading a folder built by anything, e.g. Zensical):

- source rules read a page's Markdown (front matter, claims, images, raw HTML);
- page rules read one built page, parsed once (`Page.doc`) from the HTML the builder holds;
- site rules read all pages together (links and anchors, the menu, the sitemap).

Findings are collected here, stamped with their rule's name, and printed by `report.py`.
Nothing in this package imports MkDocs except `cli.py`'s source map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from sitecheck.core.finding import ERROR, Finding
from sitecheck.core.page_tree import (
    TextBlocks,
    ids_of,
    main_content,
    parse_html,
    text_blocks,
    theme_foot,
)
from sitecheck.core.stylesheet import StylesheetError
from sitecheck.core.stylesheet import plan as joined_stylesheet
from sitecheck.rules.claims import rendered as claims_rendered
from sitecheck.rules.claims import review as claims_review
from sitecheck.rules.claims.check import Allowed, check_claims, load_rules
from sitecheck.rules.claims.concepts import RULES_FILE
from sitecheck.rules.facts import fact_drift
from sitecheck.rules.facts import hand_typed as typed_facts
from sitecheck.rules.page import (
    accessible,
    attributes,
    dated_notices,
    evidence_links,
    finished_text,
    glossary,
    language,
    link_quality,
    link_targets,
    personal_data,
    readability,
    search_tricks,
    sentence_length,
)
from sitecheck.rules.page import csp_inline as inline_code
from sitecheck.rules.page import outline as pages
from sitecheck.rules.page import raw_html as sanitize
from sitecheck.rules.page.glossary import TIPS
from sitecheck.rules.page.leftovers import check_leftovers_in_page
from sitecheck.rules.page.theme_scripts import ThemeScripts, template_dirs
from sitecheck.rules.site import address_ledger, links
from sitecheck.rules.source import (
    citations,
    copied_page,
    glossary_capitals,
    medical_review,
    safety_advice,
    safety_cards,
)
from sitecheck.rules.source.front_matter import check_front_matter
from sitecheck.rules.source.images import check_images
from sitecheck.rules.source.pictures import check_pictures
from sitecheck.rules.source.review_dates import overdue_notice, review_due


@dataclass
class Page:
    """One built HTML file and, for documentation pages, its Markdown source."""

    dest: str  # "cost/index.html", relative to the site folder
    file: str  # "docs/cost.md", or "theme template (404.html)" for pages without Markdown
    html: str
    raw: str | None = None  # the Markdown source, None for theme templates
    site_url: str = ""  # where the site is published (the engine sets it from mkdocs.yml)

    @cached_property
    def doc(self):
        return parse_html(self.html)

    @cached_property
    def content(self):
        return main_content(self.doc)

    @cached_property
    def foot(self):
        """The theme's foot at the end of the content (trust box, leaflet and report links):
        not what the author wrote, so the rules about the page's words leave it out."""
        return theme_foot(self.content)

    @cached_property
    def text(self) -> TextBlocks:
        """The page's visible text, walked once for every rule: the body's (everything, empty
        without a <body>), the author's content, and the content outside tooltips."""
        body = self.doc.find("body")
        if body is None:
            found = text_blocks(self.content, self.content, self.foot, TIPS)
            return TextBlocks([], found.content, found.outside_tips)
        return text_blocks(body, self.content, self.foot, TIPS)

    @property
    def content_text(self) -> list[str]:
        """The visible text blocks of the author's content."""
        return self.text.content

    @cached_property
    def ids(self) -> frozenset[str]:
        return ids_of(self.doc)

    @cached_property
    def links(self) -> list[links.Link]:
        return links.resolve(self.doc, self.dest, self.site_url)

    @cached_property
    def menu_links(self) -> set[str]:
        return pages.menu_links(self.doc, self.links)

    @cached_property
    def inline(self):
        return inline_code.scan(self.doc, self.dest)

    @property
    def is_doc(self) -> bool:
        return self.raw is not None


@dataclass
class SiteContext:
    """What the rules may know about the project and the build."""

    project: Path
    config: dict  # mkdocs.yml as data
    today: dt.date
    outputs: set[str] = field(default_factory=set)  # every file of the built site, relative
    sources: dict[str, str] = field(default_factory=dict)  # dest -> "docs/x.md" (all pages)
    site_dir: Path | None = None  # the built site on disk, once it is written
    readings: list = field(default_factory=list)  # each page's reading grade, for the report
    claims_rules: object = None  # the compliance reviewer's concepts (claims_rules.yml)

    @property
    def site_url(self) -> str:
        return self.config.get("site_url") or ""

    @cached_property
    def clinic(self) -> dict:
        return (self.config.get("extra") or {}).get("clinic") or {}

    @cached_property
    def theme_scripts(self) -> ThemeScripts:
        return ThemeScripts(self.project)

    @cached_property
    def stylesheet(self) -> str:
        """The stylesheet the theme writes into every <head>, joined as the build joins it;
        "" when it cannot be (the build has then said why)."""
        extra_css = self.config.get("extra_css") or []
        try:
            return joined_stylesheet(template_dirs(self.project), self.project / "docs", extra_css)
        except StylesheetError:
            return ""

    @cached_property
    def glossary_terms(self) -> list[glossary.Term]:
        return glossary.read_terms(self.project)[0]


PageRule = Callable[[Page, SiteContext], Iterable[Finding]]
SiteRule = Callable[[dict[str, Page], SiteContext], Iterable[Finding]]

# The one list of rules on built pages and on the whole site: add a rule here.
PAGE_RULES: list[tuple[str, PageRule]] = [
    ("page-parts", pages.check_parts),
    ("leftovers", check_leftovers_in_page),
    ("finished-text", finished_text.check_page),
    ("personal-data", personal_data.check_page),
    ("link-quality", link_quality.check_page),
    ("language", language.check_page),
    ("inline-code", inline_code.check_page),
    ("raw-html", sanitize.check_page),
    ("readability", readability.check_page),
    ("sentence-length", sentence_length.check_page),
    ("glossary", glossary.check_page),
    ("claims", claims_rendered.check_page),
    ("evidence-links", evidence_links.check_page),
    ("links", links.check_page),
    ("attributes", attributes.check_page),
    ("link-targets", link_targets.check_page),
    ("dated-notice", dated_notices.check_page),
    ("accessible", accessible.check_page),
    ("search-tricks", search_tricks.check_page),
]
# What the site rules read of each page, worked out as the page arrives (while MkDocs is still
# rendering the next ones), so the build waits only for the cross-page look-ups at the end.
SITE_NEEDS = ("links", "menu_links", "ids")
SITE_RULES: list[tuple[str, SiteRule]] = [
    ("menu", pages.check_menu),
    ("links", links.check_site),
    ("glossary", glossary.check_site),
    ("facts", fact_drift.check_facts),
    ("address-ledger", address_ledger.check_site),
    ("link-quality", link_quality.check_menu),
    ("copied-page", copied_page.check_site),
]


@dataclass(frozen=True)
class Source:
    """One Markdown file as the source rules read it."""

    raw: str
    file: str  # "docs/cost.md"
    folder: Path  # where its pictures are looked up
    is_page: bool  # False for snippets, pieces of pages with no front matter of their own


# The concepts' verdict on each page, kept while the preview runs: a rebuild after one save
# checks only the pages whose text changed (the concepts are most of the checks' time).
_claims_seen: dict[tuple, object] = {}


def _claims(source: Source, engine: Engine) -> list[Finding]:
    key = (source.file, source.raw, id(engine.claims_rules))
    if key not in _claims_seen:
        if len(_claims_seen) > 2000:
            _claims_seen.clear()
        _claims_seen[key] = check_claims(source.raw, source.file, engine.claims_rules)
    result = _claims_seen[key]
    engine.allowed += result.allowed
    # The classifier alone: notices for compliance review (./run deploy refuses them).
    queued = claims_review.check_source(source.raw, source.file, result, engine.context.project)
    return [*result.findings, *queued]


def _review_date(source: Source, engine: Engine) -> list[Finding]:
    due = review_due(source.raw, source.file)
    return [overdue_notice(due)] if due.overdue(engine.context.today) else []


SourceRule = Callable[[Source, "Engine"], Iterable[Finding]]
# The one list of rules on Markdown sources, in the order they run: add a rule here.
SOURCE_RULES: list[tuple[str, SourceRule]] = [
    ("claims", _claims),
    ("front-matter", lambda s, e: check_front_matter(s.raw, s.file, e.context.today)),
    ("typed-facts", lambda s, e: typed_facts.check_source(s.raw, s.file, e.context.clinic)),
    ("review-date", _review_date),
    (
        "fact-drift",
        lambda s, e: fact_drift.check_source(s.raw, s.file, e.context.clinic, e.context.project),
    ),
    ("copied-page", lambda s, e: copied_page.check_source(s.raw, s.file)),
    ("citations", lambda s, e: citations.check_citations(s.raw, s.file, e.known_citations())),
    ("images", lambda s, e: check_images(s.raw, s.file, s.folder)),
    ("pictures", lambda s, e: check_pictures(s.raw, s.file, s.folder)),
    ("finished-text", lambda s, e: finished_text.check_source(s.raw, s.file, e.context.project)),
    ("glossary", lambda s, e: glossary_capitals.check_source(s.raw, s.file)),
    ("safety-advice", lambda s, e: safety_advice.check_source(s.raw, s.file)),
    (
        "medical-review",
        lambda s, e: medical_review.check_source(s.raw, s.file, e.context.project),
    ),
    (
        "safety-cards",
        lambda s, e: safety_cards.check_source(s.raw, s.file, e.context.project),
    ),
]
# Not for snippets, pieces of pages with no front matter or page of their own.
PAGE_ONLY = {"front-matter", "review-date", "copied-page"}


def stamp(rule: str, findings: Iterable[Finding], severity: str = ERROR) -> list[Finding]:
    return [
        replace(f, rule=f.rule or rule, severity=f.severity if f.rule else severity)
        for f in findings
    ]


@dataclass
class Results:
    """What a finished check gives the outputs (report, preview box, headers)."""

    findings: list[Finding]  # sorted, each once
    allowed: list[Allowed]
    readings: list
    inline: inline_code.Collected
    pages: dict[str, str]  # dest -> file of every page checked

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    def by_file(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for finding in self.findings:
            out.setdefault(finding.file, []).append(finding)
        return out


@lru_cache(maxsize=4)
def _rules(path: Path, version: tuple[int, int]):
    return load_rules(path)


def cached_rules(path: Path):
    """The concepts, compiled once per version of the file: the preview rebuilds on every save,
    and this module stays loaded while MkDocs reloads the hook."""
    try:
        info = path.stat()
    except OSError:
        return load_rules(path)  # says what is missing, in the editor's words
    return _rules(path, (info.st_mtime_ns, info.st_size))


class Engine:
    def __init__(self, project: Path, config: dict, *, today: dt.date | None = None):
        self.context = SiteContext(project, config, today or dt.date.today())
        self.claims_rules = cached_rules(project / RULES_FILE)
        self.context.claims_rules = self.claims_rules
        self.findings: list[Finding] = []
        self.allowed: list[Allowed] = []
        self.pages: dict[str, Page] = {}
        self.inline = inline_code.Collected(
            self.context.theme_scripts.allowed, self.context.stylesheet
        )
        self.context.readings = []
        self._cited: set[str] | None = None

    def known_citations(self) -> set[str]:
        """Anchors pages may cite (docs/snippets/sources.yml and the sources page), read once
        per build; a broken sources file is itself a finding."""
        if self._cited is None:
            docs = self.context.project / "docs"
            sources_file = self.context.project / citations.SOURCES_FILE
            page = docs / "sources.md"
            try:
                text = sources_file.read_text(encoding="utf-8") if sources_file.is_file() else ""
                found = citations.load_sources(text) if text else []
            except citations.SourcesError as err:
                self.findings += stamp("sources-file", err.findings)
                found = []
            page_text = page.read_text(encoding="utf-8") if page.is_file() else ""
            self._cited = citations.known_anchors(found, page_text)
        return self._cited

    # -- source rules -------------------------------------------------------------------
    def check_source(self, raw: str, file: str, page_dir: Path, *, page: bool = True):
        """`page=False` for snippets: pieces of pages have no front matter of their own."""
        source = Source(raw, file, page_dir, page)
        found = []
        for name, rule in SOURCE_RULES:
            if page or name not in PAGE_ONLY:
                found += stamp(name, rule(source, self))
        self.findings += found
        return found

    def files(self, sources: dict[str, str], outputs: set[str]) -> None:
        """What the build publishes, known before the pages: page rules look up other pages."""
        self.context.sources, self.context.outputs = sources, outputs

    def add_findings(self, findings: list[Finding]) -> None:
        self.findings += findings

    # -- page and site rules ------------------------------------------------------------
    def check_page(self, page: Page) -> list[Finding]:
        page.site_url = self.context.site_url
        self.pages[page.dest] = page
        self.inline.add(page)
        found = []
        for name, rule in PAGE_RULES:
            found += stamp(name, rule(page, self.context))
        for name in SITE_NEEDS:
            getattr(page, name)
        self.findings += found
        return found

    def check_site(self) -> list[Finding]:
        found = []
        for name, rule in SITE_RULES:
            found += stamp(name, rule(self.pages, self.context))
        self.findings += found
        return found

    def finish(self, sources: dict, outputs: set, site_dir: Path) -> Results:
        self.context.sources, self.context.outputs, self.context.site_dir = (
            sources,
            outputs,
            site_dir,
        )
        self.check_site()
        return self.results()

    # -- results --------------------------------------------------------------------------
    def sorted_findings(self) -> list[Finding]:
        return sorted(set(self.findings))

    def results(self) -> Results:
        pages = {dest: page.file for dest, page in self.pages.items()}
        return Results(
            self.sorted_findings(), self.allowed, self.context.readings, self.inline, pages
        )

    def errors(self) -> list[Finding]:
        return self.results().errors()

    def by_file(self) -> dict[str, list[Finding]]:
        return self.results().by_file()
