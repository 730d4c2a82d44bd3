"""The concepts, the pronouncing dictionary and the facts check kept between builds
(sitecheck/start_cache.py):
the same as read fresh, read again when the file changes, never hiding a mistake in it, and
only slower when the cache cannot be used."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitecheck import engine, preflight, pronunciations, start_cache
from sitecheck.claims_concepts import RULES_FILE, RulesError, load_rules
from sitecheck.claims_text import find_claims
from tests.checks.claims_devset import load_set
from tests.checks.site import ROOT

RULES = ROOT / RULES_FILE


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(start_cache.ENV, str(folder))
    engine._rules.cache_clear()  # the in-process memo would answer before the disk
    yield folder
    engine._rules.cache_clear()


def cached_rules(path: Path):
    engine._rules.cache_clear()
    return engine.cached_rules(path)


def hits(rules, texts: list[str]) -> list[tuple[str, str]]:
    return [(h.rule.name, h.phrase) for text in texts for h in find_claims(text, rules)]


def test_cached_concepts_find_what_freshly_read_ones_find(cache):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").rglob("*.md"))]
    for part in ("dev", "held_out"):  # misleading and honest sentences, every kind
        data = load_set(part)
        texts += [
            s for group in ("claims", "honest") for kind in data[group].values() for s in kind
        ]
    fresh = hits(load_rules(RULES), texts)
    cached_rules(RULES)  # writes the cache
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["concepts"]
    from_disk = cached_rules(RULES)
    assert hits(from_disk, texts) == fresh
    assert len(fresh) > 50, "the comparison needs claims to compare"


def test_cached_dictionary_is_the_dictionary(cache):
    fresh = pronunciations.read()
    pronunciations.load()  # writes the cache
    from_disk = pronunciations.load()
    assert dict(from_disk) == fresh and len(fresh) > 100_000
    assert from_disk["hair"] == [fresh["hair"].split()]  # the shape textstat reads


def test_a_changed_rules_file_is_read_again_and_its_mistake_reported(cache, tmp_path):
    rules = tmp_path / "claims_rules.yml"
    shutil.copy(RULES, rules)
    cached_rules(rules)
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("\nconcepts:\n", "\nconcepts:\n  - name: Broken\n", 1), "utf-8")
    with pytest.raises(RulesError, match=r"claims_rules.yml:\d+: concept 'Broken' has no"):
        cached_rules(rules)
    rules.write_text(
        text.replace("\n    claims:\n", "\n    claims:\n      - 'zzqx glows'\n", 1), "utf-8"
    )
    changed = cached_rules(rules)
    assert [h.phrase for h in find_claims("The zzqx glows.", changed)] == ["zzqx glows"]


def test_a_broken_or_unusable_cache_only_costs_time(cache, tmp_path, monkeypatch):
    cached_rules(RULES)
    (written,) = cache.iterdir()
    written.write_bytes(b"not a pickle")  # an interrupted write, another version
    assert hits(cached_rules(RULES), ["It is a permanent cure."])
    assert written.read_bytes() != b"not a pickle", "the broken copy was not replaced"
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv(start_cache.ENV, str(blocked))  # cannot be made a folder
    assert hits(cached_rules(RULES), ["It is a permanent cure."])
    monkeypatch.setenv(start_cache.ENV, "off")
    assert start_cache.folder() is None
    assert hits(cached_rules(RULES), ["It is a permanent cure."])


def test_the_facts_check_is_kept_only_for_the_same_file(cache, tmp_path):
    """MkDocs' process checks the clinic's facts before any page; an unchanged mkdocs.yml is
    answered from the cache, without even importing jsonschema, and a wrong price is still
    reported the first time it is typed."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    good = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    amount: 1650\n" in good

    def facts_found() -> list[str]:
        return [str(f) for f in preflight.check_config(tmp_path)[1] if f.rule == "clinic-facts"]

    assert facts_found() == []
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["facts"]
    (tmp_path / "mkdocs.yml").write_text(good.replace("amount: 1650", "amount: 1,650"), "utf-8")
    (wrong,) = facts_found()
    assert re.match(r"mkdocs\.yml:\d+: .*price", wrong), wrong
    assert facts_found() == [wrong], "a cached mistake must be reported again"
    (tmp_path / "mkdocs.yml").write_text(good, "utf-8")
    code = (
        "import sys; from pathlib import Path; from sitecheck import preflight; "
        f"preflight.check_config(Path({str(tmp_path)!r})); print('jsonschema' in sys.modules)"
    )
    env = {**os.environ, start_cache.ENV: str(cache)}
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.stdout.strip() == "False", run.stdout + run.stderr
