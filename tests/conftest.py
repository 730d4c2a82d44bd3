"""Shared fixtures: one real strict build per test session, and throw-away project copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.site import ROOT, Build, build, copy_project


@pytest.fixture(autouse=True)
def _not_on_github(monkeypatch):
    """The suite's own findings (planted faults) must not become annotations of its CI run."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The real site, built once with `mkdocs build --strict` into a temporary folder."""
    result = build(ROOT, tmp_path_factory.mktemp("site") / "site", strict=True)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.output}")
    return result


class ProjectCopy:
    """A copy of the project in a temporary folder, for planting one fault at a time."""

    def __init__(self, root: Path):
        self.root = copy_project(root)

    def path(self, name: str) -> Path:
        return self.root / name

    def write(self, name: str, text: str) -> None:
        target = self.path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def append(self, name: str, text: str) -> None:
        target = self.path(name)
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        target = self.path(name)
        text = target.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not found in {name}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    def accept_config(self) -> None:
        """A developer's change to mkdocs.yml: copy it into the copy's own allow-list
        (sitecheck/rules/project/config_allowlist.yml), as the developer would commit both."""
        from sitecheck.rules.project.config_allowlist import HEADER, without_nav

        text = self.path("mkdocs.yml").read_text(encoding="utf-8")
        allowlist = self.path("sitecheck/rules/project/config_allowlist.yml")
        allowlist.write_text(HEADER + without_nav(text), encoding="utf-8")

    def add_to_menu(self, *pages: str) -> None:
        """Put planted pages (file names in docs/) in the menu, after the Privacy page."""
        entries = "".join(f"      - {Path(name).stem.title()}: {name}\n" for name in pages)
        privacy = "      - Privacy: privacy.md\n"
        self.replace("mkdocs.yml", privacy, privacy + entries)

    def build(self, *, strict: bool = False) -> Build:
        return build(self.root, self.root / "site", strict=strict)


@pytest.fixture
def project(tmp_path) -> ProjectCopy:
    return ProjectCopy(tmp_path / "project")


PAGE = """---
title: {title}
description: A test page planted by a negative test.
reviewed: 2026-11-01
next_review: 2027-11-01
reviewed_by: Clinic medical team
---

# {title}

{body}
"""


def page(title: str, body: str) -> str:
    """A valid page with front matter, for planting faults in the body."""
    return PAGE.format(title=title, body=body)


@pytest.fixture(scope="session")
def site_server(built_site):
    """The real built site over HTTP on 127.0.0.1."""
    from devtools.serve import serve

    with serve(built_site.site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium. In CI a missing browser fails the test; locally it skips."""
    from playwright.sync_api import sync_playwright

    from devtools.chromium import launch
    from devtools.programs import CHROMIUM

    CHROMIUM.require()
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    from devtools.chromium import new_context

    context = new_context(browser)
    page = context.new_page()
    yield page
    context.close()
