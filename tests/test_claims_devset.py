"""The claims check scores well on its labelled development set, and its API works on plain text.

The tuning part (dev.yml) is a regression guard; the held-out part (held_out.yml) was written
before the matcher and is never tuned on, so its score estimates unseen wording.
"""

import pytest

from devtools.claims_devset import HELD_OUT, HELD_OUT_2, TUNING, load_set, score, total
from devtools.site import ROOT
from sitecheck.rules.claims.check import RulesError, find_claims, load_rules
from sitecheck.rules.claims.concepts import RULES_FILE, Rules

RULES = ROOT / RULES_FILE


@pytest.fixture(scope="module")
def rules():
    return load_rules(RULES)


def misses(s) -> str:
    return "\n".join(["missed:", *s.misses, "flagged honest:", *s.false_alarms])


def test_tuning_part_recall_and_false_positives(rules):
    s = total(score(load_set(TUNING), rules))
    assert s.recall >= 0.95, misses(s)
    assert s.false_positive_rate <= 0.03, misses(s)


def test_held_out_part_recall_and_false_positives(rules):
    # Written before figures became claims (issue 29: a figure needs its source on the sentence),
    # its honest sentences may state a study's figure without a link: scored by the concepts it
    # was written for. `./run benchmark claims` shows the score with every concept.
    older = Rules(r for r in rules if r.id != "figures")
    older.other_treatments = rules.other_treatments
    s = total(score(load_set(HELD_OUT), older))
    assert s.recall >= 0.90, f"held-out recall {s.recall:.0%}"
    assert s.false_positive_rate <= 0.04, f"held-out false positives {s.false_positive_rate:.0%}"


def test_the_set_covers_every_concept_with_more_honest_than_misleading(rules):
    sets = [load_set(TUNING), load_set(HELD_OUT), load_set(HELD_OUT_2)]
    claims = sum(len(v) for d in sets for v in d["claims"].values())
    honest = sum(len(v) for d in sets for v in d["honest"].values())
    assert claims + honest >= 320
    assert honest >= claims
    ids = {r.id for r in rules}
    for data in sets:
        # The held-out sets were written before later concepts (e.g. figures): a subset there.
        assert set(data["claims"]) == set(data["honest"]) <= ids
    assert set(sets[0]["claims"]) == ids


def test_a_score_that_misses_is_reported(rules):
    s = total(score({"claims": {"safety": ["Plain words about hair."]}, "honest": {}}, rules))
    assert s.recall == 0 and s.misses == ["Plain words about hair."]


def test_find_claims_on_plain_text_gives_offsets_concept_and_sentence(rules):
    text = "Hair grows slowly.\n\nThe price is $1,650. It is completely safe, and results last forever."
    hits = find_claims(text, rules)
    assert [(text[h.start : h.end], h.concept) for h in hits] == [
        ("completely safe", "Absolute safety claim"),
        ("last forever", "Permanence claim"),
    ]
    assert hits[0].sentence == "It is completely safe, and results last forever."
    assert find_claims("No treatment is completely safe. Is it permanent?", rules) == []


def load_broken(tmp_path, text: str):
    bad = tmp_path / "claims_rules.yml"
    bad.write_text(text, encoding="utf-8")
    return load_rules(bad)


def one_concept(second_line: str) -> str:
    return (
        f"concepts:\n  - name: One\n    claims:\n      - 'fine'\n      - '{second_line}'\n"
        "    why: W.\n    instead: I.\n    source: S\n"
    )


def test_a_concept_without_why_is_named_with_its_line(tmp_path):
    text = (
        "words:\n  X: [a]\nconcepts:\n  - id: one\n    name: One\n    claims: [zap]\n"
        "    instead: Say it.\n    source: Here\n"
    )
    with pytest.raises(RulesError, match=r"claims_rules.yml:4: concept 'One' has no why"):
        load_broken(tmp_path, text)


def test_a_broken_line_is_named_with_its_line(tmp_path):
    with pytest.raises(RulesError, match=r"claims_rules.yml:5: the line 'broken \(bracket' cannot"):
        load_broken(tmp_path, one_concept("broken (bracket"))


def test_a_line_only_compiling_rejects_is_named_at_load(tmp_path):
    """Patterns compile at their first use; what only compiling would reject (a look-behind
    of varying width) is still reported when the file is read, with its line."""
    with pytest.raises(RulesError, match=r"claims_rules.yml:5: .*look-behind requires fixed-width"):
        load_broken(tmp_path, one_concept("(?<!not|never) cure"))


def test_every_concept_pattern_compiles_as_read(rules):
    """The lazily compiled patterns are the regexes the file says, and all of them compile."""
    import re

    patterns = [p for r in rules for line in r.lines for p in line.parts]
    patterns += [p for r in rules for p in (*r.not_when, *r.unless_near, *r.only_near)]
    assert len(patterns) > 200
    for pattern in patterns:
        assert pattern.compile().pattern == re.compile(pattern.pattern, re.IGNORECASE).pattern


def test_the_quick_tests_never_change_what_is_found(rules, monkeypatch):
    """The word-start pre-tests only skip regexes that cannot match: same hits without them."""
    sets = [load_set(name) for name in (TUNING, HELD_OUT, HELD_OUT_2)]
    texts = [s for data in sets for part in data.values() for group in part.values() for s in group]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").rglob("*.md"))]
    quick = [[(h.start, h.end, h.concept) for h in find_claims(t, rules)] for t in texts]
    monkeypatch.setattr(rules, "_index", None)  # the word index is built from the starts
    for rule in rules:
        monkeypatch.setattr(rule, "starts", None)
        for line in rule.lines:
            monkeypatch.setattr(line, "starts", None)
            monkeypatch.setattr(line, "also", ())
    slow = [[(h.start, h.end, h.concept) for h in find_claims(t, rules)] for t in texts]
    assert quick == slow
