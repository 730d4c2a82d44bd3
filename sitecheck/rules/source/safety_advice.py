"""Safety advice is said once, in the reviewed snippets, and no page says the opposite.

The emergency and urgency cards (docs/snippets/urgency-*.md), the "see a doctor" signs
(see-a-doctor.md) and the blood-thinner warning (safety-blood-thinners.md) were written with the
medical team. A page or snippet may not tell patients, in any words or language:

- to stop, pause or skip a medicine ("Stop it 7 days before", "deje de tomarlo");
- that they need not call, or should not call, about a sign ("You do not need to call us");
- to get themselves to hospital instead of calling the emergency number ("Ask someone to drive
  you to the emergency room");
- to text or message a personal phone;
- a dose of a medicine to take ("800 mg every 4 hours"): doses are for the prescriber.

Each of these contradicts the reviewed cards, so the build stops at the line, and the fix is to
include the reviewed snippet (or ask the medical reviewer to change it, in the snippet).
"""

from __future__ import annotations

import re

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import without_code

MEDICINE = re.compile(
    r"\b(blood[- ]thinners?|anticoagulant\w*|anti-?platelet\w*|aspirin|warfarin|heparin|"
    r"apixaban|rivaroxaban|clopidogrel|eliquis|xarelto|coumadin|ibuprofen|naproxen|"
    r"paracetamol|acetaminophen|tylenol|advil|medicines?|medications?|drugs?|tablets?|pills?|"
    r"prescri\w+|insulin|finasteride|minoxidil|antibiotics?|steroids?|supplements?|"
    r"anticoagulante\w*|medicamento\w*|medicina\w*|aspirina|pastillas?|anticoagulant\w*|"
    r"m[ée]dicaments?)\b",
    re.IGNORECASE,
)
# An instruction (or leave) to stop a medicine: at a sentence's or clause's start, or after
# "you should/can/may/must". "Do not stop it" and "Stopping it can cause a stroke" pass.
STOP = re.compile(
    r"(?:^\s*|[.!?:;,(]\s*|\b(?:you|patients|people)\s+(?:should|can|may|must|will|need to|have to|"
    r"ought to|are (?:asked|told) to)\s+(?:also\s+)?|\bplease\s+|\bthen\s+|\bjust\s+)"
    r"(?P<verb>stop|pause|skip|hold(?: off)?|halt|come off|discontinue|quit|cut out|leave off)"
    r"\s+(?:taking\s+|using\s+)?(?:it|them|your|any|all|the|a|an|this|these|those|"
    r"blood|aspirin|warfarin|ibuprofen)\b"
    r"|\b(?:deje|dejar|deja|dejen)\s+de\s+tomar\w*|\bsuspend[ae]n?\s+(?:el|la|los|las|su|sus)\b"
    r"|\b(?:arr[êe]tez|arr[êe]ter)\s+(?:de\s+prendre|le|la|les|votre|vos)\b",
    re.IGNORECASE | re.MULTILINE,
)
NO_CALL = re.compile(
    r"\b(?:you\s+)?(?:do\s+not|don[\u2019']t|never|no)\s+need\s+to\s+(?:call|phone|ring|contact|"
    r"tell|see|go\s+to)\b"
    r"|\bno\s+need\s+to\s+(?:call|phone|ring|contact|worry|see|go)\b"
    r"|\b(?:do\s+not|don[\u2019']t|never|please\s+do\s+not)\s+(?:call|phone|ring)\s+(?:us|the\s+clinic|"
    r"911|999|112|an?\s+ambulance|the\s+emergency|\{\{)"
    r"|\b(?:do\s+not|don[\u2019']t)\s+go\s+to\s+(?:the\s+)?(?:emergency|hospital|er\b|a&e)"
    r"|\bno\s+(?:es\s+necesario|hace\s+falta|necesita)\s+llamar\w*|\bno\s+llame\b",
    re.IGNORECASE,
)
OWN_WAY = re.compile(
    r"\b(?:drive|take|bring|give)\s+(?:you|yourself|them)\s+(?:a\s+lift\s+)?to\s+(?:the\s+)?"
    r"(?:nearest\s+)?(?:hospital|emergency|er\b|a&e|urgent\s+care)"
    r"|\b(?:get|take|call)\s+a\s+(?:lift|ride|taxi|cab|uber|lyft)\s+to\s+(?:the\s+)?(?:nearest\s+)?"
    r"(?:hospital|emergency|er\b|a&e)"
    r"|\bdrive\s+(?:yourself\s+)?to\s+(?:the\s+)?(?:nearest\s+)?(?:hospital|emergency|er\b|a&e)",
    re.IGNORECASE,
)
PERSONAL_PHONE = re.compile(
    r"\b(?:text|sms|whats\s?app|message|signal|imessage)\s+(?:me|him|her|dr\.?\s+\w+|the\s+doctor|"
    r"the\s+nurse|us|our\s+nurse|[A-Z][a-z]+)\b[^.\n]*(?:\d[\d\s().-]{6,}\d|personal|"
    r"(?:cell|mobile)\s*(?:phone|number))"
    r"|\b(?:my|his|her|the\s+doctor[\u2019']s|dr\.?\s+\w+[\u2019']s)\s+(?:personal\s+|own\s+)?"
    r"(?:mobile|cell(?:\s*phone)?|personal\s+(?:phone|number))\b",
    re.IGNORECASE,
)
DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|milligrams?|micrograms?|ml|millilit(?:er|re)s?|iu|units?|"
    r"tablets?|pills?|capsules?|puffs?|drops?)\b(?:\s+of\s+[\w-]+)?"
    r"(?=[^.\n]*\b(?:every|a\s+day|per\s+day|daily|times|hours|twice|each\s+(?:day|morning|night)|"
    r"cada|al\s+d[ií]a|diari\w+))",
    re.IGNORECASE,
)

KINDS = [
    (
        STOP,
        True,
        "this tells patients to stop a medicine (“{m}”); the reviewed warning says never to stop "
        "a blood thinner or other medicine on your own: stopping one can cause a stroke or a "
        "clot",
        'include the reviewed warning instead: --8<-- "safety-blood-thinners.md"; only the '
        "doctor who prescribed a medicine decides about it (a change to the warning goes "
        "through the medical reviewer, in docs/snippets/)",
    ),
    (
        NO_CALL,
        False,
        "this tells patients not to call (“{m}”); the reviewed urgency cards say when to call "
        "the clinic or the emergency number, and a sign after treatment is always worth a call",
        "take the sentence out and include the reviewed card that fits (--8<-- "
        '"urgency-soon.md", "urgency-urgent.md" or "urgency-emergency.md"); write '
        "'Call us if you are not sure' rather than 'no need to call'",
    ),
    (
        OWN_WAY,
        False,
        "this sends patients to hospital on their own (“{m}”); with the signs on the emergency "
        "card they must call {{ emergency_number }} and not drive or be driven",
        'keep the reviewed emergency card\'s words (--8<-- "urgency-emergency.md": call 911, '
        "do not drive yourself)",
    ),
    (
        PERSONAL_PHONE,
        False,
        "this gives patients a personal phone or messaging route (“{m}”); messages there are "
        "not seen out of hours and are not private",
        "give the clinic's phone only: [{{ clinic.phone }}](tel:{{ clinic.phone_link }}), and "
        "for emergencies {{ emergency_number }}",
    ),
    (
        DOSE,
        False,
        "this tells patients a dose of a medicine to take (“{m}”); a dose depends on the "
        "person and is for the doctor who prescribes it",
        "write 'ask your doctor or pharmacist which painkiller and how much' (or use the "
        "clinic's fact {{ clinic.pain_relief }}); the medical reviewer signs off any dose",
    ),
]


def _paragraphs(text: str):
    """(first line number, paragraph text) of each paragraph of the Markdown."""
    start, lines = None, []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if start is None:
                start = number
            lines.append(line)
        elif start is not None:
            yield start, lines
            start, lines = None, []
    if start is not None:
        yield start, lines


def check_source(raw: str, file: str) -> list[Finding]:
    text = without_code(raw)
    out = []
    before = ""  # the paragraph above (a box's title, a question) gives the medicine too
    for first, lines in _paragraphs(text):
        paragraph = before + " " + " ".join(lines)
        before = " ".join(lines)
        for pattern, needs_medicine, what, fix in KINDS:
            for index, line in enumerate(lines):
                found = pattern.search(line)
                if not found:
                    continue
                if needs_medicine and not MEDICINE.search(paragraph):
                    continue
                shown = found.group(0).strip(" .,;:(")
                out.append(Finding(file, first + index, what.format(m=shown) + ".", fix + "."))
                break
    return out
