"""Refuse to publish while clinic.yml (the clinic's facts) or mkdocs.yml still holds the example
clinic details or placeholders.

`./run deploy` runs this before its build; previews, `./run build` and the tests do not, so
editors can work with the example values until the clinic's real ones are known.

    python -m sitecheck.rules.facts.deploy_gate [mkdocs.yml clinic.yml]   # exit 1, a line per setting
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from sitecheck.core.config import ConfigLoader as _Loader  # the one mkdocs.yml loader
from sitecheck.rules.claims import gate as claims_gate
from sitecheck.rules.facts.page_placeholders import placeholders_in_docs
from sitecheck.rules.source import medical_review

# Names reserved for examples (RFC 2606 / RFC 6761); they never reach a real clinic.
EXAMPLE_HOST = re.compile(r"(^|\.)(example|test|invalid|localhost)$|(^|\.)example\.(com|net|org)$")
# 555-0100 to 555-0199 are the North American numbers reserved for fiction.
EXAMPLE_PHONE = re.compile(r"555\D?01\d\d(?!\d)")
EXAMPLE_WORD = re.compile(r"\bexample\b", re.IGNORECASE)
# A fact only the clinic can give, left as the obvious placeholder (mkdocs.yml extra.clinic).
PLACEHOLDER = re.compile(r"TO BE CONFIRMED BY THE CLINIC", re.IGNORECASE)


def _settings(node: yaml.Node, path: str = ""):
    """Yield (dotted setting name, value, line) for every scalar in the YAML tree."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _settings(value, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _settings(item, f"{path}[{index}]")
    elif isinstance(node, yaml.ScalarNode):
        yield path, node.value, node.start_mark.line + 1


def _example_host(value: str) -> str | None:
    host = urlsplit(value).hostname if "://" in value else value.rpartition("@")[2]
    return host if host and EXAMPLE_HOST.search(host.lower()) else None


def example_settings(config_text: str, shown_as: str = "mkdocs.yml") -> list[str]:
    """One message per setting that still holds an example value."""
    root = yaml.compose(config_text, Loader=_Loader)
    messages = []
    for name, value, line in _settings(root):
        where = f"{shown_as}:{line}: {name}"
        is_clinic = name.startswith(("extra.clinic.", "clinic.")) or name == "emergency_number"
        if PLACEHOLDER.search(value):
            messages.append(
                f"{where} is still a placeholder: '{value}'. "
                "Write the clinic's real answer in its place."
            )
        elif name in ("site_url", "repo_url") and (
            _example_host(value) or EXAMPLE_WORD.search(urlsplit(value).path.replace("-", " "))
        ):
            kind = "web address" if name == "site_url" else "repository"
            messages.append(
                f"{where} is the example address {value}; set the clinic's real {kind} "
                f"({'where patients will find the site' if name == 'site_url' else 'or remove repo_url and edit_uri'})."
            )
        elif is_clinic and EXAMPLE_PHONE.search(value):
            messages.append(f"{where} is the example number {value}; set the clinic's real number.")
        elif is_clinic and "@" in value and _example_host(value):
            messages.append(
                f"{where} is the example address {value}; set the clinic's real e-mail address."
            )
        elif is_clinic and "://" in value and _example_host(value):
            messages.append(f"{where} is the example address {value}; set the clinic's real link.")
        elif (is_clinic or name in ("site_author", "copyright")) and EXAMPLE_WORD.search(value):
            messages.append(f"{where} is the example value '{value}'; set the clinic's real one.")
    return messages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in args] or [Path("mkdocs.yml"), Path("clinic.yml")]
    messages = [
        message
        for path in paths
        if path.is_file()
        for message in example_settings(path.read_text(encoding="utf-8"), path.name)
    ]
    names = " and ".join(p.name for p in paths)
    # Sentences the claims classifier queued for compliance review, not yet signed off.
    review_refused = claims_gate.main([str(paths[0].resolve().parent)]) != 0
    # Medical sentences the medical reviewer has not signed off (medical-review.yml).
    medical = medical_review.refusals(paths[0].resolve().parent)
    if medical:
        print(
            f"Not publishing: {len(medical)} medical sentence(s) await the medical reviewer.",
            file=sys.stderr,
        )
        for line in medical:
            print(f"  {line}", file=sys.stderr)
        review_refused = True
    messages += placeholders_in_docs(paths[0].resolve().parent)  # pages and snippets too
    if messages:
        print(
            f"Not publishing: {len(messages)} setting(s) in {names} still hold example values"
            " or placeholders.",
            file=sys.stderr,
        )
        for message in messages:
            print(f"  {message}", file=sys.stderr)
        print(
            "Previews and ./run build still work; ./run deploy runs once these are real.",
            file=sys.stderr,
        )
        return 1
    if review_refused:
        return 1
    print(f"{names}: the clinic's details are real values; ready to publish.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
