"""Medical claims are caught in every form, informative negations are not, quotations need a marker."""

import pytest

from tests.checks.editorial import (
    allowed_claims,
    allowed_report,
    editorial_problems,
    source_engine,
)
from tests.checks.problems import report
from tests.conftest import page

# (text planted in a page, the phrase the message must quote, the rule's name)
CLAIMS = [
    # A benefit tied to a calendar date (held-out editor set 3): the stance never excuses it.
    (
        "Start your first course before January 31 and your first later session is included.",
        "Start your first course before January",
        "Urgency or scarcity",
    ),
    ("Book by March 15 and the consultation is free.", "Book by March", "Urgency or scarcity"),
    ("The treatment is Completely\nsafe for everyone.", "Completely safe", "Absolute safety claim"),
    ("It is 100% safe.", "100% safe", "Absolute safety claim"),
    ("A risk-free way to thicker hair.", "risk-free", "Absolute safety claim"),
    ("There are no side effects.", "no side effects", "Absolute safety claim"),
    (
        "It uses your own cells, so it is safe.",
        "your own cells, so it is safe",
        "Natural therefore safe",
    ),
    ("The results are **permanent**.", "permanent", "Permanence claim"),
    ("New hair lasts forever.", "lasts forever", "Permanence claim"),
    ("Results are guaranteed.", "Results are guaranteed", "Guaranteed result"),
    ("Not happy? Money back.", "Money back", "Guaranteed result"),
    ("It cures baldness.", "cures", "Cure or full regrowth claim"),
    (
        "Stem cells reverse your hair\nloss.",
        "reverse your hair loss",
        "Cure or full regrowth claim",
    ),
    ("It stops hair loss.", "stops hair loss", "Cure or full regrowth claim"),
    ("The ultimate solution for thinning hair.", "ultimate", "Superiority claim"),
    ("We are the best clinic in town.", "the best clinic", "Superiority claim"),
    ("Voted No. 1 for hair.", "No. 1", "Superiority claim"),
    (
        "It works better than a hair transplant.",
        "better than a hair transplant",
        "Superiority claim",
    ),
    ("The treatment is FDA-approved.", "FDA-approved", "Authority, approval or proof claim"),
    ("A clinically proven method.", "clinically proven", "Authority, approval or proof claim"),
    ("You will see instant results.", "instant results", "Speed claim"),
    ("Expect very fast results.", "very fast results", "Speed claim"),
    (
        "You may see slight results in the first two weeks.",
        "results in the first two weeks",
        "Speed claim",
    ),
    (
        "We collect fat from your belly. There is no downtime.",
        "no downtime",
        "No recovery after fat collection",
    ),
    (
        "We take fat from your belly; it does not require a recovery period.",
        "does not require a recovery",
        "No recovery after fat collection",
    ),
    (
        "The therapy has proven to have a great effect.",
        "has proven to",
        "Authority, approval or proof claim",
    ),
    ("We use protein-rich plasma.", "protein-rich plasma", "Wrong name for PRP"),
    ("Limited-time offer: 20% off.", "Limited-time offer", "Urgency or scarcity"),
    ("Only 3 places left this month.", "Only 3 places left", "Urgency or scarcity"),
    ("Some clinics advertise instant results.", "instant results", "Speed claim"),
    ("Results are permanent and there is no evidence of harm.", "permanent", "Permanence claim"),
    # Kinds the phrase list never had: each is a concept, caught in wording it was not given.
    (
        "Stem cells also help hair loss from thyroid problems.",
        "Stem cells also help hair loss from thyroid",
        "Treats conditions without evidence",
    ),
    (
        "A non-surgical way to collect your stem cells.",
        "non-surgical",
        "Fat collection called non-surgical",
    ),
    (
        "“My bald patch filled in!” — Anna, 38",
        "“My bald patch filled in!”",
        "Success rate or testimonial as typical",
    ),
    (
        "9 in 10 patients see thicker hair.",
        "9 in 10 patients",
        "Success rate or testimonial as typical",
    ),
    (
        "Turn back the clock on your hairline.",
        "Turn back the clock",
        "Miracle or rejuvenation claim",
    ),
    (
        "Say goodbye to bald patches forever",
        "Say goodbye to bald patches",
        "Cure or full regrowth claim",
    ),
    ("- Pain-free\n- Side-effect-free", "Pain-free", "Absolute safety claim"),
    ("Results that last — for life.", "last — for life", "Permanence claim"),
    (
        "Recommended by dermatologists",
        "Recommended by dermatologists",
        "Authority, approval or proof claim",
    ),
    (
        "If you see no new growth, your next course is free.",
        "If you see no new growth, your next course is free",
        "Guaranteed result",
    ),
    ("Side effects? There are none.", "Side effects? There are none", "Absolute safety claim"),
    ("Why take pills when stem cells work better?", "Why take pills", "Superiority claim"),
]

# Honest sentences that contain a claim's words but must not be flagged.
NOT_CLAIMS = [
    "The clinic is closed from December 24 to January 2.",
    "We are closed on July 4 and on December 25.",
    "Prices on this page were checked in January 2026.",
    "You can start in any month: the price does not change before March or after it.",
    "No treatment is 100% effective.",
    "This is not a permanent cure.",
    "It is not FDA approved.",
    "No stem-cell product is approved by the FDA for hair loss.",
    "There is no cure for pattern hair loss.",
    "We cannot guarantee a result, and there is no money-back offer.",
    "Be wary of any clinic that promises a cure.",
    "The claim that results are permanent is misleading.",
    "Gains may be temporary, not permanent.",
    "Scarring can cause permanent hair loss.",
    "Is it permanent?",
    "The scalp injection alone needs no downtime.",
    "Medicines can slow or stop hair loss while you take them.",
    "For the best results, do not wash your hair for a day.",
    "Most people see no change in the first few weeks.",
    "Swelling goes down within two weeks.",
    "It is not painless.",
    "Hair loss is the leading cause of worry.",
    "No one can promise results that last forever.",
    "Write `completely safe` in code.",
    "```\nrisk-free\n```",
    "The review found no serious side effects, but the studies were small.",
    "Transplant surgery does not stop hair loss around the new hair.",
    "Minoxidil and finasteride are proven to slow hair loss in trials.",
    "It has not been proven to work.",
    "A cure for pattern hair loss does not exist.",
    "Some clinics advertise instant results; the trials do not support this.",
    "The best way to find out if this treatment suits you is a consultation.",
    "Hair loss from chemotherapy usually grows back after treatment ends.",
    "It can take 2 weeks for the bruising to fade.",
    "The scalp injection alone does not require a recovery period.",
    # Honest uses of the new concepts' words.
    "No treatment is risk-free.",
    "Nobody can promise results.",
    "Ask whether it is FDA approved.",
    "Antifungal tablets can cure scalp ringworm.",
    "A transplant moves hair permanently.",
    # A figure states a study's result with its source on the sentence (issue 29).
    "Density rose by 17% in the low-dose group at 6 months ([Kerastem](sources.md#kerastem-results)).",
    "Be wary of clinics that promise a cure.",
    "Thyroid problems are treated at the cause.",
    "Your own cells do not make the treatment risk-free.",
    "PRP is made from a small blood sample; fat collection is minor surgery.",
    "Testimonials do not show typical results.",
    "There is no miracle treatment for hair loss.",
    "Take as long as you need to decide.",
    "Do not wait for a consultation if you have a fever: call your doctor.",
]


@pytest.mark.parametrize(("text", "phrase", "rule"), CLAIMS, ids=[c[1] for c in CLAIMS])
def test_claim_is_reported_with_file_line_rule_and_safer_wording(project, text, phrase, rule):
    project.write("docs/claim.md", page("Claim", text))
    messages = report(editorial_problems(project.root), "")
    assert f"docs/claim.md:11: medical claim “{phrase}” ({rule})" in messages
    assert "Fix:" in messages and "Source:" in messages


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_informative_text_is_not_flagged(project, text):
    project.write("docs/honest.md", page("Honest", text))
    # A new care instruction also waits for the medical reviewer (tests/unit/
    # test_content_guards.py); this catalogue asks only whether it is read as a claim.
    problems = source_engine(project.root).errors()
    assert [f for f in problems if f.rule != "medical-review"] == []


def test_a_list_item_is_read_with_the_sentence_that_introduces_it(project):
    project.write(
        "docs/list.md",
        page("List", "Our PRP also helps hair loss caused by:\n\n- thyroid problems\n- hair care"),
    )
    messages = report(editorial_problems(project.root), "")
    assert "1 problem(s)" in messages
    assert (
        "docs/list.md:13: medical claim “thyroid” (Treats conditions without evidence)" in messages
    )


def test_a_bare_yes_makes_the_claim_its_question_asks(project):
    project.write(
        "docs/faq2.md",
        page(
            "FAQ",
            "## Is it permanent?\n\nYes!\n\n## Is it safe?\n\nYes, but every injection has side effects.",
        ),
    )
    messages = report(editorial_problems(project.root), "")
    assert "1 problem(s)" in messages
    assert "docs/faq2.md:11: medical claim “permanent” (Permanence claim)" in messages


def test_several_claims_are_all_reported(project):
    project.write(
        "docs/many.md",
        page("Many", "It is risk-free.\n\nResults are permanent.\n\nIt cures baldness."),
    )
    messages = report(editorial_problems(project.root), "")
    assert "3 problem(s)" in messages
    for line in (11, 13, 15):
        assert f"docs/many.md:{line}: medical claim" in messages


def test_marker_with_a_reason_allows_a_quotation_and_is_listed(project):
    project.write(
        "docs/quote.md",
        page(
            "Quote",
            "The article called it a “permanent solution”. <!-- claim-ok: quoting the article to correct it -->\n\n"
            "<!-- claim-ok: a real advert, shown as a warning example -->\n"
            "Our old leaflet called it completely safe, with no side effects.\n\nIt is risk-free.",
        ),
    )
    messages = report(editorial_problems(project.root), "")
    assert "1 problem(s)" in messages
    assert "docs/quote.md:16: medical claim “risk-free”" in messages
    listed = allowed_report(allowed_claims(project.root))
    assert "docs/quote.md:11: allowed (quoting the article to correct it): permanent" in listed
    assert (
        "docs/quote.md:13: allowed (a real advert, shown as a warning example): "
        "completely safe, no side effects" in listed
    )


def test_marker_without_a_reason_allows_nothing(project):
    project.write("docs/lazy.md", page("Lazy", "Results are permanent. <!-- claim-ok -->"))
    messages = report(editorial_problems(project.root), "")
    assert "docs/lazy.md:11: a claim-ok marker has no reason." in messages
    assert "docs/lazy.md:11: medical claim “permanent”" in messages


def test_marker_that_allows_nothing_is_reported(project):
    project.write(
        "docs/stale.md",
        page("Stale", "<!-- claim-ok: left over from an old quote -->\nPlain text."),
    )
    messages = report(editorial_problems(project.root), "")
    assert "docs/stale.md:11: a claim-ok marker allows nothing" in messages


def test_compliance_can_add_a_concept_without_code(project):
    project.append(
        "sitecheck/rules/claims/rules.yml",
        "\n  - id: made-up\n    name: Made-up concept\n    claims:\n"
        "      - '{OURS} ... (boosts?|supercharges?) (your )?(confidence|love life)'\n"
        "    why: Test why.\n    instead: Say what happens.\n    source: Test source\n",
    )
    project.write(
        "docs/grow.md",
        page(
            "Grow",
            "Our PRP sessions\nsupercharge your confidence.\n\nPRP does not boost confidence.",
        ),
    )
    messages = report(editorial_problems(project.root), "")
    assert "1 problem(s)" in messages
    assert (
        "docs/grow.md:11: medical claim “PRP sessions supercharge your confidence” "
        "(Made-up concept): Test why.\n    Fix: Say what happens. Source: Test source." in messages
    )


def test_a_concept_without_a_reason_stops_the_build_with_its_line(project):
    project.replace(
        "sitecheck/rules/claims/rules.yml",
        "    why: >-\n      Pressure",
        "    wy: >-\n      Pressure",
    )
    result = project.build()
    assert result.returncode != 0
    assert "sitecheck/rules/claims/rules.yml:" in result.output
    assert "concept 'Urgency or scarcity' has no why" in result.output


def test_an_unknown_word_group_is_named_with_its_line(project):
    project.replace("sitecheck/rules/claims/rules.yml", "'{OURS} ...", "'{OUR_TREATMENTS} ...")
    result = project.build()
    assert result.returncode != 0
    assert "{OUR_TREATMENTS} is not one of the word groups under 'words:'" in result.output


def test_broken_rules_file_stops_the_build_with_its_line(project):
    project.replace(
        "sitecheck/rules/claims/rules.yml",
        "    name: Guaranteed result",
        "    name: [Guaranteed result",
    )
    result = project.build()
    assert result.returncode != 0
    assert "sitecheck/rules/claims/rules.yml:" in result.output
    assert "the claims rules file is not valid YAML" in result.output


def test_claims_in_title_and_description_count_too(project):
    project.write(
        "docs/meta.md",
        page("A permanent fix", "Plain text.").replace(
            "description: A test page planted by a negative test.",
            "description: >-\n  A calm summary that is\n  completely safe for everyone.",
        ),
    )
    messages = report(editorial_problems(project.root), "")
    assert "docs/meta.md:2: medical claim “permanent”" in messages
    assert "docs/meta.md:5: medical claim “completely safe”" in messages


def test_box_titles_read_as_headings_not_as_quotations(project):
    honest = '??? question "Can I stop at any time?"\n\n    Yes. You can stop whenever you like.'
    claim = '!!! note "It is completely safe"\n\n    Text under the box.'
    project.write("docs/boxes.md", page("Boxes", honest + "\n\n" + claim))
    messages = report(editorial_problems(project.root), "")
    assert "docs/boxes.md:15: medical claim “completely safe”" in messages
    assert "Can I stop" not in messages
