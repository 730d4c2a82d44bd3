"""The claims classifier (issue 29): reproducible, queued for review, signed off, stance, numbers.

Most tests run on a small folder holding only what the claims check reads (the concepts file
and the model), not a copy of the project; one build shows the queue does not stop a build.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest

from devtools.site import ROOT
from sitecheck.core.finding import ERROR, NOTICE
from sitecheck.outputs import preview_box
from sitecheck.rules.claims import gate, review
from sitecheck.rules.claims.check import check_claims, find_claims
from sitecheck.rules.claims.classifier import MODEL_FILE, from_json, load_model
from sitecheck.rules.claims.concepts import RULES_FILE, load_rules
from tests.checks.editorial import source_engine
from tests.conftest import page

# Written for these tests: a claim no concept names (other parts of the body), which the
# classifier reads as one.
PLANTED = "It works on thinning eyebrows and beards too."
PAGE = f"# Eyebrows\n\nThinning eyebrows are common.\n\n{PLANTED}\n"


@pytest.fixture(scope="module")
def rules():
    return load_rules(ROOT / RULES_FILE)


@pytest.fixture(scope="module")
def model():
    return load_model(ROOT)


@pytest.fixture
def site(tmp_path):
    """A folder with the claims files and one page: what the queue and the gate read."""
    for name in (RULES_FILE, MODEL_FILE):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "eyebrows.md").write_text(PAGE, encoding="utf-8")
    return tmp_path


def queued(site, rules, page: str = PAGE):
    claims = check_claims(page, "docs/eyebrows.md", rules)
    assert not claims.findings, "the planted sentence must be one no concept names"
    return review.check_source(page, "docs/eyebrows.md", claims, site)


def sign_off(site, sentence: str, sha: str | None = None, reason: str | None = None) -> None:
    reason = reason or "Tested wording; the clinic offers no eyebrow treatment (test)."
    (site / review.LEDGER_FILE).write_text(
        "signoffs:\n"
        f"  - sha256: {sha or review.sentence_sha256(sentence)}\n"
        f'    sentence: "{sentence}"\n'
        f"    reason: {reason}\n"
        "    reviewer: compliance officer\n"
        f"    date: {dt.date.today().isoformat()}\n",
        encoding="utf-8",
    )


# -- the model ---------------------------------------------------------------------------------


def test_the_model_is_small_json_carrying_the_hash_of_its_data(model):
    from sitecheck.rules.claims.train import data_sha256

    text = (ROOT / MODEL_FILE).read_text(encoding="utf-8")
    assert len(text) < 1_000_000
    assert from_json(text).data_sha256 == model.data_sha256 == data_sha256(ROOT), (
        "model.json is older than its training data: run ./run train-claims"
    )


def test_the_model_reproduces_bit_for_bit(tmp_path):
    # From the committed training data (an editor's page edit does not change the model; a
    # developer refreshes site-pages.tsv with ./run train-claims).
    from sitecheck.rules.claims import train

    out = tmp_path / "model.json"
    train.train(ROOT, out, write_pages=False)
    assert out.read_bytes() == (ROOT / MODEL_FILE).read_bytes()


def test_the_build_scores_in_pure_python_without_scikit_learn():
    code = (
        "import sys, time; from pathlib import Path; t = time.perf_counter(); "
        "from sitecheck.rules.claims.classifier import load_model; "
        "m = load_model(Path('.')); ms = (time.perf_counter() - t) * 1000; "
        f"m.score({PLANTED!r}); "
        "assert not [n for n in sys.modules if n.split('.')[0] in ('sklearn', 'numpy', 'scipy')]; "
        "print(round(ms))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().isdigit(), done.stdout  # it loaded and printed its load time


# -- the review queue ----------------------------------------------------------------------------


def test_a_classifier_only_sentence_is_queued_as_a_notice_with_file_and_line(site, rules):
    found = queued(site, rules)
    assert len(found) == 1
    notice = found[0]
    assert (notice.file, notice.line, notice.severity, notice.rule) == (
        "docs/eyebrows.md",
        5,
        NOTICE,
        "claims-review",
    )
    assert PLANTED in notice.what and review.sentence_sha256(PLANTED) in notice.fix
    assert PLANTED in preview_box.render(found)  # the preview box shows it


def test_the_queue_is_listed_in_reports_claims_review_md(site, rules):
    review.write_report(queued(site, rules), site)
    report = (site / "reports" / "claims-review.md").read_text(encoding="utf-8")
    assert "Awaiting review (1)" in report
    assert "`docs/eyebrows.md:5`" in report and PLANTED in report
    assert f"sha256: {review.sentence_sha256(PLANTED)}" in report


def test_the_deploy_gate_refuses_a_queued_sentence_naming_file_and_line(site, capsys):
    assert gate.main([str(site)]) == 1
    err = capsys.readouterr().err
    assert "Not publishing: 1 sentence(s) await compliance review" in err
    assert f"docs/eyebrows.md:5: “{PLANTED}”" in err
    assert "Fix: rewrite it without the claim, or sign it off in claims-signoff.yml" in err


def test_a_signed_off_sentence_passes_the_queue_and_the_gate(site, rules, capsys):
    sign_off(site, PLANTED)
    assert queued(site, rules) == []
    assert gate.main([str(site)]) == 0
    assert "ready to publish" in capsys.readouterr().out


def test_a_changed_word_makes_the_sign_off_lapse(site, rules):
    sign_off(site, PLANTED)
    changed = PAGE.replace("beards too", "beards as well")
    (site / "docs" / "eyebrows.md").write_text(changed, encoding="utf-8")
    found = queued(site, rules, changed)
    assert [f.line for f in found] == [5]
    assert gate.main([str(site)]) == 1


def test_spacing_and_emphasis_do_not_make_it_lapse(site, rules):
    sign_off(site, PLANTED)
    respaced = PAGE.replace(PLANTED, "It works on thinning **eyebrows** and\nbeards too.")
    assert queued(site, rules, respaced) == []


def test_a_sign_off_whose_hash_is_not_its_sentence_is_refused(site, capsys):
    sign_off(site, PLANTED, sha="0" * 64)
    assert gate.main([str(site)]) == 1
    assert "claims-signoff.yml:2: a sign-off's sha256 is not that of its sentence" in (
        capsys.readouterr().err
    )


def test_a_sign_off_without_a_reason_is_refused(site, capsys):
    sign_off(site, PLANTED, reason="ok")
    assert gate.main([str(site)]) == 1
    assert "a sign-off gives no reason" in capsys.readouterr().err


def test_a_claim_ok_marker_covers_its_paragraph_for_the_classifier_too(site, rules):
    page = PAGE.replace(PLANTED, f"{PLANTED} <!-- claim-ok: quoting an advert we refused -->")
    claims = check_claims(page, "docs/eyebrows.md", rules)
    assert review.check_source(page, "docs/eyebrows.md", claims, site) == []


def test_a_queued_sentence_does_not_stop_the_build(project):
    project.write("docs/eyebrows.md", page("Eyebrows", PLANTED))
    engine = source_engine(project.root)
    assert engine.errors() == []  # the build passes: editors can preview
    notices = [f for f in engine.findings if f.rule == "claims-review"]
    assert [(f.file, f.line, f.severity) for f in notices] == [("docs/eyebrows.md", 11, NOTICE)]


# -- numbers and stance ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "87% of our patients see thicker hair.",
        "Up to 3x more growth than ordinary PRP.",
        "Four out of five men regrow hair at the crown.",
        "Hair counts rose by 40% after one session.",
    ],
)
def test_an_efficacy_figure_without_a_source_is_a_claim(rules, sentence):
    assert find_claims(sentence, rules)


@pytest.mark.parametrize(
    "page",
    [
        "Hair counts rose by 40% in one study ([Gentile 2019](sources.md#gentile-2019)).\n",
        "In one study, 6 of 27 people were losing hair again after 2 years.\n"
        "[Gentile 2020](sources.md#gentile-2020)\n",
    ],
)
def test_a_figure_with_its_source_on_the_sentence_is_not(rules, page):
    assert check_claims(page, "docs/x.md", rules).findings == []


def test_a_source_two_sentences_later_does_not_cite_the_figure(rules):
    page = (
        "Hair counts rose by 40%. The study was small.\n[Gentile 2019](sources.md#gentile-2019)\n"
    )
    found = check_claims(page, "docs/x.md", rules).findings
    assert [f.severity for f in found] == [ERROR] and "Efficacy figure" in found[0].what


@pytest.mark.parametrize(
    "sentence",
    [
        # denial
        "No one can honestly promise you a full head of hair.",
        # quoted refutation
        'An advert called PRP "a stem-cell treatment"; that description is wrong.',
        'We will not tell you it is "the last treatment you will ever need", because it is not.',
        # correction
        "Myth: results are permanent. Fact: gains can fade and many people need top-ups.",
        "Saying that FDA registration means FDA approval would be wrong.",
        # a promise about the process, refusing to promise the result
        "We promise a written quote before you book, but we cannot promise how much hair will grow.",
    ],
)
def test_honest_stance_is_flagged_by_neither_layer(rules, model, sentence):
    assert find_claims(sentence, rules) == []
    assert not model.is_claim(sentence), model.score(sentence)


def test_a_claim_in_a_glossary_entry_is_never_vetoed(rules):
    """The glossary's tooltip shows on every use of the term; the classifier learnt glossary
    lines as honest, so its stance may not excuse a claim written into one."""
    raw = "*[PRP]: Platelet-rich plasma, a risk-free treatment\n"
    assert any(h.vetoed for h in find_claims(raw, rules))  # the stance alone would excuse it
    found = check_claims(raw, "docs/snippets/glossary.md", rules).findings
    assert [(f.line, f.what.split(" (")[0]) for f in found] == [(1, "medical claim “risk-free”")]


def test_an_honest_glossary_entry_is_not_flagged(rules):
    raw = "*[PRP]: Platelet-rich plasma, a treatment made from your own blood\n"
    assert check_claims(raw, "docs/snippets/glossary.md", rules).findings == []
