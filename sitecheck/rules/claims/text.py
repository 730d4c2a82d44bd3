"""Find claims in plain text: split it into sentences, match the concepts, drop honest uses.

Honest uses, for every concept: the claim is negated earlier in its clause ("no treatment is
risk-free"), rejected later in its sentence ("... is misleading"), warned about ("be wary of
clinics that promise a cure"), asked about ("Is it permanent?", "ask whether it is approved"), or
said of another treatment ("a transplant moves hair permanently").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from sitecheck.rules.claims.concepts import Rule, Rules, prefixes

PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
# A new unit starts at a list item, heading, quote or table row, and at a table cell.
LINE_START = re.compile(r"\n(?=[ \t]*(?:[-*+\u2022][ \t]|\d+[.)][ \t]|#{1,6}[ \t]|>|\|))|\|")
LIST_ITEM = re.compile(r"[ \t]*(?:[-*+\u2022]|\d+[.)])[ \t]")
SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]*_]*(?=\s+)")
ABBREVIATION = re.compile(r"(?:\b(?:no|dr|mr|mrs|ms|e\.g|i\.e|vs|approx|fig|st)\.)$", re.I)
LEADING = re.compile(r"[\s#>*+|_\u2022-]*(?:\d+[.)]\s+)?")
NEGATION = re.compile(
    r"\b(no|not|never|none|nobody|nothing|neither|nor|cannot|can't|don't|doesn't|didn't|isn't|"
    r"aren't|wasn't|weren't|won't|wouldn't|shouldn't|hasn't|haven't|unlikely|rarely|seldom|"
    r"hardly|without|whether|if|no one|may not|might not)\b"
)
# Phrases that contain a negation word but do not negate what follows them.
NOT_NEGATION = re.compile(
    r"\b(not only|not just|no matter|no doubt|no wonder|no question|nothing but|never been|"
    r"no longer|no more than|nothing less than|nothing more than|if you want|"
    r"whether (your|the) (hair loss|thinning|baldness) (is|comes|was))\b"
)
# A sentence that starts by denying its subject ("No treatment is ...") denies it until "but".
DENIED_SUBJECT = re.compile(
    r"^(no|none|nobody|no one|nothing|neither|not one|not all|not every|few|hardly any\w*|"
    r"almost no\w*)\b"
)
WARNING = re.compile(
    r"\b(wary|beware|caution|cautious|careful|suspicious|sceptical|skeptical|avoid|wrongly|falsely|"
    r"misleading(ly)?|red flag|warning sign|watch out for|do not believe|don't believe|"
    r"do not trust|don't trust|"
    # Stance: the sentence reports, corrects or refuses the claim (issue 29).
    r"warn(s|ed|ing)?|myths?|misconceptions?|(common|popular) belief|contrary to|"
    r"you (may|might|will|could) (hear|read|see)( \w+)? (that|it said|phrases?|words?|claims?|adverts?|ads?)|(marketed|advertised|sold|promoted|mislabell?ed) as|"
    r"mislabel\w*|objected to|banned|declined|refused?|removed?|no longer (say|use|call)\w*)\b"
)
REJECTED_AFTER = re.compile(
    r"\b((would not be|wouldn't be) (true|accurate|honest|right|correct|fair)|"
    r"(is|are|was|were|would be) (not (true|available|possible|proven|supported|approved|honest|"
    r"accurate|correct|right|telling)|misleading|false|untrue|wrong|a myth|exaggerated|unproven)|"
    r"(does|do|did) not (exist|support)|not supported by|(has|have) not been (shown|proven|found)|"
    r"(treated|read|taken|viewed) with (caution|care|suspicion|scepticism|skepticism)|"
    r"(is|are) (a )?(red flags?|warning signs?)|(is|are|was) (a mistake|an error|incorrect|inaccurate)|"
    r"(a |the )?(wrong|incorrect|mistaken) (name|term|word|description)|"
    # Stance: what a registration, clearance or slogan does not mean (issue 29).
    r"(does not|doesn't|do not|don't) (mean|make|prove|show|tell you|extend)|"
    r"(is|are|was) (not|n't) (the same|evidence|proof|approval|accurate|true|typical)|"
    r"(isn't|aren't|wasn't) (the same|evidence|proof|approval|accurate|true|typical|right)|"
    r"(two|very) different things|means nothing|tells you nothing|no (good |real |reliable )?evidence (for|behind|supporting|that|to)|"
    r"no (trial|study) (has|have)|not aware of|(we|i) (do not|don't|won't|will not|no longer|would not|"
    r"wouldn't) (say|use|make|claim|quote|do)|nope|is advertising|should not be used)\b"
)
CLAUSE_BREAK = re.compile(
    r"[,;:()|\u2014\u2013?!]|\s-+\s|\b(but|and|so|because|although|though|while|whereas|"
    r"however|yet|unless)\b"
)
# Where a denied subject's scope ends: "No treatment is risk-free and painless" keeps it over
# "and"; "Nothing artificial, so nothing to worry about" ends it at the comma.
CONTRAST = re.compile(r"\b(but|however|yet|although|though|whereas|so|because)\b|[,;:\u2014?!]")
COMPARISON = re.compile(
    r"\b(than|unlike|compared|versus|vs|instead of|rather than|forget|no need for|why|superior|alternative|in the dust|to shame|"
    r"as (good|effective|safe) as|outperform\w*|outshine\w*|surpass\w*|beats?|replaces?|fails?)\b"
)
# Sales questions make claims; other questions ask them.
SALES_QUESTION = re.compile(
    r"^(why|want|wanting|ready|tired|fed up|dreaming|looking for|wish|imagine|what if|"
    r"who wouldn't|isn't it time)\b",
    re.I,
)
HEDGE = re.compile(r"\b(if|whether)\b")
LOOKBACK_WORDS = 8


@dataclass(frozen=True)
class Hit:
    start: int  # offsets in the text given to find_claims
    end: int
    concept: str  # the concept's name, e.g. "Permanence claim"
    sentence: str  # the sentence, heading, list item or table cell it is in
    phrase: str  # the words that make the claim, as the editor wrote them
    rule: Rule = field(repr=False, compare=False)
    vetoed: bool = False  # the sentence denies or corrects it (the classifier's stance)
    read: str = field(default="", repr=False, compare=False)  # with its question or lead-in


def phrase_of(text: str) -> str:
    return " ".join(text.replace("*", " ").replace("_", " ").split())


URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")


def normalise(text: str) -> str:
    """Same length as the text, so offsets still point at the original. Web addresses are
    blanked: "are-we-close-to-a-cure" in an address is not a sentence."""
    text = URL.sub(lambda m: " " * len(m.group(0)), text)
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u00a0", " ")
        .replace("\u2011", "-")
    )


def units(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Sentences, headings, list items and table cells in text[start:end], as spans, each with
    whether it starts a list item."""
    cuts = [start]
    for match in LINE_START.finditer(text, start, end):
        cuts.append(match.start() + 1 if text[match.start()] == "\n" else match.end())
    for match in SENTENCE_END.finditer(text, start, end):
        if ABBREVIATION.search(text[max(start, match.start() - 6) : match.start() + 1]):
            following = text[match.end() :].lstrip()[:1]
            if following.isdigit() or following.islower():
                continue
        cuts.append(match.end())
    cuts = [*sorted(set(cuts)), end]
    spans = []
    for a, b in pairwise(cuts):
        item = bool(LIST_ITEM.match(text, a, b))
        lead = LEADING.match(text, a, b)
        a = lead.end() if lead else a
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b, item))
    return spans


def clause_start(sentence: str, at: int) -> int:
    cut = 0
    for match in CLAUSE_BREAK.finditer(sentence, 0, at):
        cut = match.end()
    return cut


def clause_end(sentence: str, at: int) -> int:
    match = CLAUSE_BREAK.search(sentence, at)
    return match.start() if match else len(sentence)


# A claim inside quotation marks, in a sentence that rejects something outside the quotes, is
# being quoted to correct it ("An ad said "no side effects"; that is not true.").
QUOTATION = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{2,})[\"\u201d]")
REJECTS = re.compile(
    r"\b(no|not|never|nothing|nope|isn't|aren't|wasn't|don't|doesn't|didn't|won't|can't|cannot|"
    r"wouldn't|false|untrue|wrong|myth|misleading|removed?|refused?|declined|objected|banned|"
    r"ruled|evidence|"
    # Talk about the wording itself: the quotation is a specimen, not the page's own claim.
    r"means?|phrases?|words?|wording|terms?|labels?|banners?|slogans?|captions?|claims like|ads?|"
    r"adverts?|advertis\w*|marketing|ask)\b"
)


def quoted_and_rejected(sentence: str, start: int, end: int) -> bool:
    for quote in QUOTATION.finditer(sentence):
        if quote.start(1) <= start and end <= quote.end(1):
            outside = sentence[: quote.start()] + " " + sentence[quote.end() :]
            return bool(REJECTS.search(outside.lower()))
    return False


def negated(sentence: str, start: int, end: int, gaps: list[str]) -> bool:
    if quoted_and_rejected(sentence, start, end):
        return True
    lower = NOT_NEGATION.sub(lambda m: " " * len(m.group(0)), sentence.lower())
    before = lower[clause_start(lower, start) : start]
    if NEGATION.search(" ".join(before.split()[-LOOKBACK_WORDS:])):
        return True
    # Inside a claim, "if" states its condition ("helps if your hair loss is from stress").
    if any(NEGATION.search(NOT_NEGATION.sub(" ", HEDGE.sub(" ", g.lower()))) for g in gaps):
        return True
    contrast = [m.end() for m in CONTRAST.finditer(lower, 0, start)]
    head = lower[contrast[-1] if contrast else 0 : start].lstrip(" ,")
    if DENIED_SUBJECT.search(head) or WARNING.search(lower[:start]):
        return True
    return bool(REJECTED_AFTER.search(" ".join(lower[end:].split())))


AFFIRMATION = re.compile(
    r"(yes|absolutely|definitely|of course|certainly|totally|100 ?%)\b\W*"
    r"((completely|totally|absolutely|definitely|always|forever|for life|100 ?%)\W*)?$",
    re.I,
)
# An indirect question asks too: "How long any new hair lasts." in a list of unknowns.
INDIRECT_QUESTION = re.compile(r"^how (long|much|many|well|often|soon|far)\b", re.I)


def is_question(sentence: str) -> bool:
    return sentence.rstrip("\"'\u201d)*_ ").endswith("?") or bool(INDIRECT_QUESTION.match(sentence))


def matches(rule: Rule, sentence: str, answer_from: int, lines) -> list[tuple[int, int, list[str]]]:
    """Spans of the rule's lines in the sentence (ending after answer_from), with their gaps.
    `lines`: those of the rule's lines whose quick word test passed (Rules.lines_for)."""
    found = []
    for line in lines:
        if len(line.parts) == 1:
            for m in line.parts[0].finditer(sentence):
                gaps = [v for k, v in m.groupdict().items() if k.startswith("g") and v]
                found.append((m.start(), m.end(), gaps))
        else:
            spans = [p.search(sentence) for p in line.parts]
            if all(spans):
                found.append((min(s.start() for s in spans), max(s.end() for s in spans), []))
    # Leftmost first; at one place the longest, so the editor sees the whole claim.
    return sorted((f for f in found if f[1] > answer_from), key=lambda f: (f[0], -f[1]))


OWN = re.compile(
    r"\b(stem ?cells?|prp|platelet|exosomes?|micrografts?|svf|fat|our|ours|we|us|this treatment|"
    r"the treatment|the injections?|the procedure)\b",
    re.I,
)


def about_other_treatment(rules: Rules, sentence: str, start: int, end: int) -> bool:
    if rules.other_treatments is None or COMPARISON.search(sentence.lower()):
        return False
    clause = sentence[clause_start(sentence, start) : clause_end(sentence, end)]
    if rules.other_treatments.search(clause):
        return True
    # "Minoxidil is sold over the counter and is FDA approved": the sentence's subject is the
    # other treatment, and nothing in it speaks of this clinic's treatment.
    return bool(rules.other_treatments.search(sentence[:start]) and not OWN.search(sentence))


def hits_in(rules: Rules, rule: Rule, sentence: str, answer_from: int, paragraph: str, lines):
    found = matches(rule, sentence, answer_from, lines)
    if not found:  # most sentences: no need to look for what would excuse a match
        return
    if rule.unless_near and any(p.search(sentence[answer_from:]) for p in rule.unless_near):
        return
    if rule.only_near and not any(p.search(paragraph) for p in rule.only_near):
        return
    taken = -1
    for start, end, gaps in found:
        if start < taken:
            continue
        if any(
            m.start() < end and start < m.end() for p in rule.not_when for m in p.finditer(sentence)
        ):
            continue
        if negated(sentence, start, end, gaps):
            continue
        if rule.other_treatments and about_other_treatment(rules, sentence, start, end):
            continue
        taken = end
        yield start, end


# A source cited on a sentence: a link to the sources page, or an author and year in brackets
# as plain text writes it ("(Kang 2021)", "(Gentile et al. 2020)").
CITATION = re.compile(
    r"\[[^\]\n]*\]\((?:\.\./)*sources\.md#[\w-]+\)|"
    r"\((?:[^()\n]*\s)?[A-Z][\w'-]+(?: et al\.?| and [A-Z][\w'-]+)?,? (?:19|20)\d\d[a-z]?\)"
)
LINK_TEXT = re.compile(r"\[[^\]\n]*\]")


def cited(shown: str, spans: list, index: int) -> bool:
    """The unit `spans[index]` cites a source, or the unit right after it is only a citation
    (this site puts "[Gentile 2020](sources.md#gentile-2020)" after the sentence it supports)."""
    a, b, _ = spans[index]
    following = spans[index + 1][0] if index + 1 < len(spans) else len(shown)
    if any(m.start() < b for m in CITATION.finditer(shown, a, max(b, following))):
        return True
    if index + 1 < len(spans):
        c, d, _ = spans[index + 1]
        first = CITATION.match(shown, c)
        rest = LINK_TEXT.sub(" ", CITATION.sub(" ", shown[first.end() : d])) if first else "x"
        return not re.search(r"[^\W\d_]", rest)
    return False


def find_claims(text: str, rules: Rules, shown: str | None = None) -> list[Hit]:
    """Every claim in plain text (e.g. a page's visible text): blank lines separate paragraphs.

    A sentence is read with its topic when it has one: the question before it ("Side effects?
    There are none.") or, for a list item, the sentence that introduces the list ("It helps hair
    loss caused by:" then "- thyroid problems").
    """
    hits: list[Hit] = []
    # `shown`: the same text with link addresses kept (check.py blanks them), for citations.
    shown = text if shown is None or len(shown) != len(text) else shown
    norm = normalise(text)
    lower = norm.lower()
    if len(lower) != len(norm):  # a few letters (e.g. "İ") grow when lowered
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in norm)
    lead_in: tuple[int, int] | None = None
    previous: tuple[int, int] | None = None  # the unit before, also across a heading
    for paragraph in PARAGRAPH.finditer(norm):
        spans = units(norm, paragraph.start(), paragraph.end())
        if lead_in and not (spans and spans[0][2]):
            lead_in = None
        p_lower = prefixes(lower[paragraph.start() : paragraph.end()])
        for topic in (lead_in, previous):
            if topic:
                p_lower |= prefixes(lower[topic[0] : topic[1]])
        gated = [(n, r) for n, r in enumerate(rules) if r.may_match(p_lower)]
        for index, (a, b, item) in enumerate(spans):
            sentence = norm[a:b]
            topic, answering = None, False
            if previous and is_question(norm[previous[0] : previous[1]]):
                topic, answering = previous, True  # the question is the answer's topic
            elif item and lead_in:
                topic = lead_in
            elif not item:
                lead_in = None
            previous = (a, b)
            if sentence.rstrip("*_ ").endswith(":"):
                lead_in = (a, b)
            if not gated or (is_question(sentence) and not SALES_QUESTION.search(sentence)):
                continue
            if answering and AFFIRMATION.match(sentence):
                # "Is it permanent? Yes!": the answer makes the question's claim.
                base, context = topic[0], norm[topic[0] : topic[1]].rstrip("?") + "."
                sentence = context
            elif topic and not norm[topic[1] : a].strip():
                base, context = topic[0], norm[topic[0] : b]  # right before: quote both
            else:  # a list's lead-in further up: read it with the item, quote the item
                base, context = a, (norm[topic[0] : topic[1]] + " " if topic else "") + sentence
            answer_from = len(context) - len(sentence)
            candidates = rules.lines_for(prefixes(context.lower()))
            for position, rule in gated:
                lines = candidates.get(position)
                if not lines or (rule.needs_source and cited(shown, spans, index)):
                    continue
                for start, end in hits_in(rules, rule, context, answer_from, norm, lines):
                    if base == a:
                        start, end = max(0, start - answer_from), end - answer_from
                    at, to = base + start, base + end
                    phrase = phrase_of(text[at:to])
                    # The stance is read on the words as written: "Is it permanent? Yes!".
                    read = norm[topic[0] : b] if answering else context
                    hits.append(Hit(at, to, rule.name, text[a:b], phrase, rule, read=read))
    # A figure another concept already names ("90% of patients": a success rate) is said once.
    said = [(h.start, h.end) for h in hits if not h.rule.needs_source]
    hits = [
        h
        for h in hits
        if not h.rule.needs_source or not any(s < h.end and h.start < e for s, e in said)
    ]
    stance = rules.stance
    if stance is None or stance.veto is None:
        return hits
    # Stance, not negation words: a sentence that denies, warns about or corrects the claim it
    # names reads as honest to the classifier, however it is phrased. Kept, marked, so a
    # claim-ok marker over it still counts as used.
    return [
        replace(h, vetoed=h.rule.stance and stance.score(h.read or h.sentence) < stance.veto)
        for h in hits
    ]


def standing(hits: list[Hit]) -> list[Hit]:
    """The hits that make a claim: those the classifier's stance does not veto."""
    return [h for h in hits if not h.vetoed]
