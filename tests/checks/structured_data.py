"""Each content page carries valid JSON-LD (MedicalWebPage), a canonical link and Open Graph."""

from __future__ import annotations

import json

from devtools.site import Build
from sitecheck.core.finding import Finding
from sitecheck.core.page_tree import parse
from tests.checks.problems import at

REQUIRED = ("name", "description", "url", "inLanguage", "reviewedBy")


def reviewer_named(build: Build) -> bool:
    """A named clinician checks the pages (clinic.yml `reviewer` is no longer a placeholder).
    Until then no page may claim a review date (lastReviewed), as the review box shows none."""
    reviewer = str((build.config.get("extra", {}).get("clinic") or {}).get("reviewer") or "")
    return bool(reviewer) and "TO BE CONFIRMED" not in reviewer.upper()


def structured_data_problems(build: Build) -> list[Finding]:
    problems = []
    named = reviewer_named(build)
    for html, source in sorted(build.sources.items()):
        doc = parse(build.site / html)
        blocks = doc.xpath('//script[@type="application/ld+json"]/text()')
        pages = []
        for block in blocks:
            try:
                data = json.loads(block)
            except json.JSONDecodeError as err:
                problems.append(
                    at(
                        source,
                        f"structured data (JSON-LD) is not valid JSON: {err}",
                        "check the front matter values; if the page has its own "
                        "<script type='application/ld+json'>, correct or remove it",
                    )
                )
                continue
            if isinstance(data, dict) and data.get("@type") == "MedicalWebPage":
                pages.append(data)
        if len(pages) != 1:
            problems.append(
                at(
                    source,
                    f"the page has {len(pages)} MedicalWebPage descriptions; it needs exactly 1",
                    "keep title, description and reviewed in the front matter; the theme "
                    "(overrides/partials/social-meta.html) writes it",
                )
            )
            continue
        data = pages[0]
        missing = [key for key in REQUIRED if not data.get(key)]
        if named and not data.get("lastReviewed"):
            missing.append("lastReviewed")
        if not named and "lastReviewed" in data:
            problems.append(
                at(
                    source,
                    "the MedicalWebPage gives a lastReviewed date, but no named clinician has "
                    "reviewed the pages yet (clinic.yml reviewer is a placeholder)",
                    "leave lastReviewed out until the reviewer is named "
                    "(overrides/partials/social-meta.html)",
                )
            )
        if missing:
            problems.append(
                at(
                    source,
                    f"the MedicalWebPage description lacks {', '.join(missing)}",
                    "add title, description, reviewed and reviewed_by to the front matter",
                )
            )
        canonical = doc.xpath('//link[@rel="canonical"]/@href')
        if not canonical or canonical[0] != data.get("url"):
            problems.append(
                at(source, "the canonical link is missing or differs", "check site_url")
            )
        for prop in ("og:title", "og:description", "og:url"):
            if not doc.xpath(f'//meta[@property="{prop}"]/@content'):
                problems.append(
                    at(source, f"the Open Graph tag {prop} is missing", "check the theme")
                )
    return problems
