"""The concepts and the pronouncing dictionary kept between builds (sitecheck/start_cache.py):
the same as read fresh, read again when the file changes, never hiding a mistake in it, and
only slower when the cache cannot be used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitecheck import engine, pronunciations, start_cache
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
