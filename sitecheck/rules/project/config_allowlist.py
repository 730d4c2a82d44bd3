"""mkdocs.yml is code: it is checked against a committed allow-list before MkDocs reads it.

MkDocs reads mkdocs.yml with PyYAML's unsafe loader (a `!!python/...` tag runs before any hook),
imports the hooks, plugins and macros modules it names, fetches what snippets options allow, and
the theme prints `copyright` unescaped. So no setting may differ from what the project's
developers committed in `config_allowlist.yml` beside this module: every top-level setting
except `nav` (the menu, checked entry by entry in preflight.menu) must be there and equal to it,
YAML tags included (only the emoji extension's two `!!python/name:` references exactly as set),
and nothing else may be added. Anchors and aliases (`&x`, `*x`) are refused: the project uses
none, and they can multiply a small file into a huge one.

A developer changes a setting in both files in one reviewed commit (CODEOWNERS), or runs

    .venv/bin/python -m sitecheck.rules.project.config_allowlist --accept

after reviewing the change, which copies mkdocs.yml (without its nav) into the allow-list.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitecheck.core.finding import Finding
from sitecheck.core.yaml_loader import SafeLoader

RULE = "config-allowlist"
ALLOWLIST = Path(__file__).with_name("config_allowlist.yml")
SHOWN = "sitecheck/rules/project/config_allowlist.yml"
FREE = ("nav",)  # checked by preflight.menu and nav_entries, not pinned
DEVELOPER = (
    "undo this change in mkdocs.yml: it is developer territory (it decides what code runs on "
    "the build machine and what every page loads). A developer must make this change, in "
    f"mkdocs.yml and {SHOWN} together, reviewed by a code owner. Clinic facts go in clinic.yml."
)


@dataclass(frozen=True)
class Tagged:
    """A YAML node with a non-standard tag, kept as data: never resolved, never run."""

    tag: str
    value: object

    def __hash__(self):
        return hash((self.tag, repr(self.value)))


class TagLoader(SafeLoader):
    """Safe YAML; every other tag (`!!python/…`, `!ENV`, `!relative`) becomes a Tagged value."""


def _tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = tuple(loader.construct_sequence(node, deep=True))
    else:
        value = tuple(sorted(loader.construct_mapping(node, deep=True).items(), key=repr))
    return Tagged(node.tag, value)


TagLoader.add_multi_constructor("", _tagged)


def aliases(text: str, file: str) -> list[Finding]:
    """Anchors and aliases, found by the scanner without building anything."""
    out = []
    try:
        for token in yaml.scan(text, Loader=SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                out.append(
                    Finding(
                        file,
                        token.start_mark.line + 1,
                        f"'{'&' if isinstance(token, yaml.AnchorToken) else '*'}{token.value}' "
                        "is a YAML anchor or alias, which repeats part of the file elsewhere; "
                        "this project uses none (a few lines of them can make the file huge).",
                        "write the value out in full where it is needed.",
                        RULE,
                    )
                )
                if len(out) >= 5:
                    break
    except yaml.YAMLError:
        return []  # the parse error is reported by the reader
    return out


def load(text: str):
    return yaml.load(text, Loader=TagLoader)


def first_difference(have, want, path=()) -> tuple | None:
    """The path of the first place `have` differs from `want`, or None when equal."""
    if isinstance(want, dict) and isinstance(have, dict):
        for key in have:
            if key not in want:
                return (*path, key)
        for key in want:
            if key not in have:
                return path
            found = first_difference(have[key], want[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(want, list) and isinstance(have, list):
        for index, (a, b) in enumerate(zip(have, want, strict=False)):
            found = first_difference(a, b, (*path, index))
            if found is not None:
                return found
        return None if len(have) == len(want) else (*path, min(len(have), len(want)))
    if type(have) is not type(want) or have != want:
        return path
    return None


def tags_in(node, path=()):
    """(path, Tagged) of every tagged value under node."""
    if isinstance(node, Tagged):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from tags_in(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from tags_in(value, (*path, index))


def _name(path: tuple) -> str:
    return ".".join(str(p) for p in path) if path else "(the whole file)"


def check(text: str, file: str, allowlist: Path = ALLOWLIST) -> list[Finding]:
    """Every setting of mkdocs.yml (`text`) that the allow-list does not hold exactly."""
    from sitecheck.rules.facts.clinic_facts import node_lines

    found = aliases(text, file)
    if found:
        return found
    try:
        have = load(text)
        lines = node_lines(text)
    except yaml.YAMLError:
        return []  # reported by the reader
    if not isinstance(have, dict):
        return []
    want = load(allowlist.read_text(encoding="utf-8")) or {}

    def line(path: tuple) -> int:
        while path and path not in lines:
            path = path[:-1]
        return lines.get(path, (1, None))[0] if path else 1

    out = []
    for key, value in have.items():
        if key in FREE:
            for path, tagged in tags_in(value, (key,)):
                out.append(
                    Finding(
                        file,
                        line(path),
                        f"'{_name(path)}' has the YAML tag {tagged.tag}, which MkDocs would run "
                        "or resolve as code.",
                        "delete the tag (the text starting with '!') and write plain text.",
                        RULE,
                    )
                )
            continue
        if key == "extra" and isinstance(value, dict):
            for fact in ("clinic", "emergency_number"):
                if fact in value:
                    out.append(
                        Finding(
                            file,
                            line((key, fact)),
                            f"'extra.{fact}' is in mkdocs.yml, but the clinic's facts now live in "
                            "clinic.yml (mkdocs.yml is developer territory).",
                            f"move the '{fact}:' lines into clinic.yml (one indent level less), "
                            "or run: .venv/bin/python -m devtools.move_facts",
                        )
                    )
            value = {k: v for k, v in value.items() if k not in ("clinic", "emergency_number")}
        if key not in want:
            out.append(
                Finding(
                    file,
                    line((key,)),
                    f"the setting '{key}' is not in the developers' allow-list of mkdocs.yml "
                    f"settings ({SHOWN}).",
                    DEVELOPER,
                    RULE,
                )
            )
            continue
        path = first_difference(value, want[key], (key,))
        if path is not None:
            tags = [t.tag for _, t in tags_in(value)]
            tag = next((t for t in tags if t not in {x.tag for _, x in tags_in(want[key])}), None)
            what = (
                f"'{_name(path)}' has the YAML tag {tag}, which MkDocs would run or resolve as "
                "code; only the emoji extension's two references are allowed."
                if tag
                else f"'{_name(path)}' differs from the developers' allow-list ({SHOWN})."
            )
            out.append(Finding(file, line(path), what, DEVELOPER, RULE))
    missing = [key for key in want if key not in have]
    for key in missing:
        out.append(
            Finding(
                file,
                1,
                f"the setting '{key}' is missing from mkdocs.yml, but the developers' allow-list "
                f"({SHOWN}) has it.",
                DEVELOPER,
                RULE,
            )
        )
    return out


# -- for developers -----------------------------------------------------------------------------

HEADER = """\
# The developers' allow-list of mkdocs.yml: every setting except `nav`, exactly as reviewed.
# The build refuses mkdocs.yml when any setting differs from this file, before MkDocs reads it
# (sitecheck/rules/project/config_allowlist.py). Change both files together in one reviewed
# commit, or run: .venv/bin/python -m sitecheck.rules.project.config_allowlist --accept
"""


def without_nav(text: str) -> str:
    lines = text.split("\n")
    out, skipping = [], False
    for line in lines:
        if line.startswith("nav:"):
            skipping = True
            continue
        if skipping and line.strip() and not line.startswith((" ", "#")):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    project = Path.cwd()
    if args[:1] == ["--check"]:  # CI's first step, before any of a pull request's code runs
        found = check((project / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")
        for problem in found:
            print(f"  {problem}", file=sys.stderr)
        if not found:
            print("mkdocs.yml: every setting is in the developers' allow-list.")
        return 1 if found else 0
    if args[:1] != ["--accept"]:
        print(__doc__)
        return 2
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    ALLOWLIST.write_text(HEADER + without_nav(text), encoding="utf-8")
    print(f"{SHOWN} now holds mkdocs.yml's settings (without nav). Commit both files together.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
