"""Generate synthetic sites of N pages shaped like the real ones, on the project's own config.

The copy keeps `mkdocs.yml` (hooks, plugins, theme features, Markdown extensions), `overrides/`,
`macros/`, `deploy/`
and every non-page file of `docs/` (snippets, scripts, styles, images); only the pages and the
`nav:` are replaced. Pages carry what real pages carry: front matter, headings, a table,
admonitions, tabs, a collapsible box, glossary terms, a clinic fact through macros, an image and
internal links with anchors. Navigation is grouped ten to a section (and sections ten to a
group above 100 pages), the way a large patient site would be organised.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitecheck.core.config import load_config
from tests.checks.site import PROJECT_PARTS, ROOT

FANOUT = 10  # pages per section, sections per group: short menus a patient can scan
IMAGE = "images/benchmark-diagram.svg"
TOPICS = ["Causes", "Treatment", "Safety", "Cost", "Results", "Aftercare", "Evidence", "Help"]

PAGE = """---
title: {title}
description: {title} - what it is, what it costs, what the evidence says and what to ask the clinic.
reviewed: 2026-11-01
next_review: 2027-11-01
reviewed_by: Clinic medical team
---

# {title}

This page explains {topic_lower} in plain words. {terms} Read it slowly and write down what
you want to ask. Nothing here replaces a talk with a doctor who has examined your scalp.

## What it is

Hair loss has many causes. Some are short-lived, such as stress or illness, and the hair grows
back by itself. Others last, such as inherited thinning. A treatment can only help if it fits
the cause, so the first step is always a diagnosis. See [how it works]({next}#how-it-works) and
[what it costs]({prev}#what-it-costs). What the evidence says: ([Kang 2021]({sources}#kang-2021)).

!!! note "In short"

    The evidence is still small. Some people see thicker hair after several months; many see
    little change. Ask what result is realistic for you.

## How it works

A small sample of tissue is taken under local anaesthetic. It is prepared in the clinic and
injected into the thinning areas of the scalp. The visit takes about two hours.

![Diagram of the steps of the treatment, from the first visit to the check after six months]({image})

=== "First visit"

    The doctor looks at your scalp, asks about your health and medicines, and explains other
    options. You can take the information home and decide later.

=== "Treatment day"

    You can eat normally. Wear a shirt that opens at the front. Plan to rest for the day.

=== "Afterwards"

    Mild swelling and soreness for a few days is common. Call the clinic if it gets worse.

## What it costs

| Item | What it includes | When you pay |
| --- | --- | --- |
| Consultation | Examination and a written plan | At the visit |
| Treatment session | Sample, preparation and injections | On the day |
| Check after six months | Photos and a talk about results | Included |

The clinic's name is {{{{ clinic.name }}}}. Prices can change; the clinic confirms the price
in writing before you agree.

!!! warning "Be careful with promises"

    No treatment can promise a full head of hair. Be wary of anyone who says it can.

??? question "Can I stop at any time?"

    Yes. You can stop after any session, and you pay only for the sessions you have had.

## Risks and side effects

Most side effects are mild: soreness, swelling, small bruises and, rarely, an infection. The
doctor explains each one before you sign anything. Read the [section on safety]({first}#risks-and-side-effects)
and the [questions to ask]({next}#questions-to-ask).

## Questions to ask

1. Is this treatment right for the cause of my hair loss?
2. What result is realistic for me, and when will I know?
3. What happens if it does not work?

Back to the [start of this page](#what-it-is).
"""

INDEX = """---
title: Home
description: Synthetic benchmark site home page; every section of the site is in the menu.
reviewed: 2026-11-01
next_review: 2027-11-01
reviewed_by: Clinic medical team
---

# Patient information

Start with [the first page]({first}#what-it-is). Every page is in the menu.
"""

# Pages the theme's templates link to by address (footer, 404 page, home hero). A synthetic site
# needs them too, or its own link check would fail on the theme's links.
THEME_LINK = re.compile(r"""['"]([a-z0-9-]+)/['"]\s*\|\s*url""")

STUB = """---
title: {title}
description: Synthetic benchmark page that the theme's templates link to by its address.
reviewed: 2026-11-01
next_review: 2027-11-01
reviewed_by: Clinic medical team
---

# {title}

This page stands in for the real {name} page, which the theme links to.
"""
# The pages the checks expect on every site: the sources that pages cite and the glossary.
SOURCES = STUB.replace("which the theme links to.", "which pages cite.\n\n{{{{ sources_list() }}}}")
GLOSSARY = STUB.replace("which the theme links to.", "listing every word.\n\n{{{{ glossary() }}}}")


def theme_linked_pages(root: Path = ROOT) -> list[str]:
    """Markdown paths of the pages that templates in overrides/ link to by address."""
    found = set()
    for template in (root / "overrides").rglob("*.html"):
        found.update(THEME_LINK.findall(template.read_text(encoding="utf-8")))
    return sorted(f"{name}.md" for name in found)


SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="640" height="160" viewBox="0 0 640 160" \
role="img"><title>Steps of the treatment</title>
<rect x="10" y="40" width="180" height="80" rx="8" fill="#e0f2f1" stroke="#00695c"/>
<rect x="230" y="40" width="180" height="80" rx="8" fill="#e0f2f1" stroke="#00695c"/>
<rect x="450" y="40" width="180" height="80" rx="8" fill="#e0f2f1" stroke="#00695c"/>
<text x="100" y="85" text-anchor="middle" font-size="18">First visit</text>
<text x="320" y="85" text-anchor="middle" font-size="18">Treatment</text>
<text x="540" y="85" text-anchor="middle" font-size="18">Check at 6 months</text>
</svg>
"""


@dataclass
class Synthetic:
    root: Path  # the project copy: mkdocs.yml, docs/, overrides/
    pages: int  # Markdown pages written, the home page included

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def plain_config(self) -> Path:
        return self.root / "mkdocs.plain.yml"

    @property
    def unchecked_config(self) -> Path:
        return self.root / "mkdocs.unchecked.yml"


def glossary_terms(root: Path = ROOT) -> list[str]:
    """Abbreviations defined in any snippet file, so pages use the project's own tooltips."""
    terms = []
    for base in snippet_dirs(root):
        for path in sorted(base.rglob("*.md")):
            terms += re.findall(r"^\*\[([^\]]+)\]:", path.read_text(encoding="utf-8"), re.M)
    return terms


def snippet_dirs(root: Path) -> list[Path]:
    config = load_config(root / "mkdocs.yml")
    found = []
    for ext in config.get("markdown_extensions") or []:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            base = (ext["pymdownx.snippets"] or {}).get("base_path", ["."])
            found += [root / b for b in ([base] if isinstance(base, str) else base)]
    return [p for p in found if p.is_dir()]


def layout(count: int) -> list[str]:
    """Source paths of `count` pages, ten to a section and ten sections to a group."""
    paths = []
    for i in range(count):
        page, section, group = i % FANOUT, (i // FANOUT) % FANOUT, i // (FANOUT * FANOUT)
        if count > FANOUT * FANOUT:
            paths.append(f"g{group:02d}/s{section:02d}/p{page:02d}.md")
        else:
            paths.append(f"s{section:02d}/p{page:02d}.md")
    return paths


def title_of(path: str) -> str:
    numbers = [int(n) for n in re.findall(r"\d+", path)]
    topic = TOPICS[sum(numbers) % len(TOPICS)]
    return f"{topic} {'.'.join(str(n + 1) for n in numbers)}"


def nav_tree(paths: list[str]) -> list:
    """Nested `nav:` data: folders become titled sections, pages keep their titles."""
    tree: dict = {}
    for path in paths:
        node = tree
        for folder in path.split("/")[:-1]:
            node = node.setdefault(folder, {})
        node[path] = None

    def entries(node: dict) -> list:
        out = []
        for key, child in node.items():
            if child is None:
                out.append({title_of(key): key})
            else:
                out.append({f"Section {key.upper()}": entries(child)})
        return out

    return [{"Home": "index.md"}, *entries(tree)]


def rel(src: str, dest: str) -> str:
    return os.path.relpath(dest, os.path.dirname(src) or ".").replace(os.sep, "/")


def page_text(paths: list[str], i: int, terms: list[str]) -> str:
    src = paths[i]
    words = ", ".join(terms[(i + k) % len(terms)] for k in range(3)) if terms else ""
    return PAGE.format(
        title=title_of(src),
        topic_lower=title_of(src).split()[0].lower(),
        terms=f"Words you may meet: {words}." if words else "",
        next=rel(src, paths[(i + 1) % len(paths)]),
        prev=rel(src, paths[i - 1]),
        first=rel(src, paths[0]),
        image=rel(src, IMAGE),
        sources=rel(src, "sources.md"),
    )


def without_nav(config_text: str) -> str:
    """The config text minus its top-level `nav:` block (a new one is appended)."""
    out, skipping = [], False
    for line in config_text.splitlines(keepends=True):
        if re.match(r"nav\s*:", line):
            skipping = True
            continue
        if skipping and re.match(r"[A-Za-z_]", line):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def copy_base(dest: Path, root: Path) -> None:
    """Everything a build needs (as the suite copies it), then docs/ loses its pages."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__")
    for part in PROJECT_PARTS:  # one list with the suite's, so a new folder is never missed
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, dest / part)
    keep = [d.resolve() for d in snippet_dirs(root)]
    for page in (dest / "docs").rglob("*.md"):
        original = (root / page.relative_to(dest)).resolve()
        if not any(original.is_relative_to(d) for d in keep):
            page.unlink()


def generate(dest: Path, count: int, root: Path = ROOT) -> Synthetic:
    """Write a synthetic project with `count` pages plus a home page into `dest`."""
    copy_base(dest, root)
    paths = layout(count)
    terms = glossary_terms(root)
    docs = dest / "docs"
    (docs / IMAGE).parent.mkdir(parents=True, exist_ok=True)
    (docs / IMAGE).write_text(SVG, encoding="utf-8")
    (docs / "index.md").write_text(INDEX.format(first=paths[0]), encoding="utf-8")
    for i, src in enumerate(paths):
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_text(paths, i, terms), encoding="utf-8")
    stubs = {
        src: src.removesuffix(".md").replace("-", " ").capitalize()
        for src in theme_linked_pages(root)
    }
    stubs |= {"sources.md": "Sources", "glossary.md": "Glossary"}
    for src, title in stubs.items():
        text = {"sources.md": SOURCES, "glossary.md": GLOSSARY}.get(src, STUB)
        (docs / src).write_text(text.format(title=title, name=src.removesuffix(".md")))
    tree = nav_tree(paths) + ([{"Help": [{t: s} for s, t in stubs.items()]}] if stubs else [])
    nav = yaml.safe_dump({"nav": tree}, sort_keys=False, allow_unicode=True)
    config = without_nav((root / "mkdocs.yml").read_text(encoding="utf-8"))
    (dest / "mkdocs.yml").write_text(config.rstrip() + "\n\n" + nav, encoding="utf-8")
    write_plain_config(dest)
    write_unchecked_config(dest)
    return Synthetic(dest, count + 1 + len(stubs))


def write_unchecked_config(dest: Path) -> None:
    """The full site without the one hook: what the checks cost is the difference in time."""
    unchecked = {"INHERIT": "mkdocs.yml", "hooks": []}
    (dest / "mkdocs.unchecked.yml").write_text(yaml.safe_dump(unchecked), "utf-8")


def write_plain_config(dest: Path) -> None:
    """Plain Material on the same pages: no custom_dir, no hooks, no extra plugins, no features.

    Markdown extensions stay, so the content is rendered the same way.
    """
    (dest / "plain-theme").mkdir(exist_ok=True)  # empty: MkDocs cannot unset custom_dir
    plain = {
        "INHERIT": "mkdocs.yml",
        "theme": {"name": "material", "custom_dir": "plain-theme", "features": []},
        "plugins": ["search"],
        "hooks": [],
        "extra_css": [],
        "extra_javascript": [],
    }
    (dest / "mkdocs.plain.yml").write_text(yaml.safe_dump(plain, sort_keys=False), "utf-8")
