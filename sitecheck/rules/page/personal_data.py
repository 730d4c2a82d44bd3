"""No personal data on a public page.

E-mail addresses, phone numbers and postal addresses that are not the clinic's own facts are
refused (a patient's, a doctor's own cell phone, another clinic's). A person's name in the same
paragraph as health words is stopped until the editor confirms it is not a patient: a cited
author or the reviewing clinician is confirmed with a comment in the page,
`<!-- not a patient: Dr Karen Lee -->`; names in docs/snippets/sources.yml are authors already.
"""

from __future__ import annotations

import contextlib
import re

from sitecheck.core.finding import Finding
from sitecheck.core.source_lines import locate
from sitecheck.rules.page.link_targets import AGENCY_EMAILS, AGENCY_PHONES

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A phone number: 7 digits or more in groups, as people type them; not dates, years or DOIs.
PHONE = re.compile(
    r"(?<![\w/.#-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])?\d{3}[\s.-]\d{4}"
    r"(?![\w/.-]*\d)(?!%)"
)
STREET = (
    r"Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Way|"
    r"Court|Ct\.?|Place|Pl\.?|Terrace|Parkway|Pkwy\.?|Highway|Hwy\.?|Square|Sq\.?"
)
ADDRESS = re.compile(rf"\b\d{{1,5}}\s+(?:[A-Z][\w'-]*\s+){{1,4}}(?:{STREET})(?=[\s,.;]|$)")
TITLE_NAME = r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)?"
INITIAL_NAME = r"(?<![\w.])[A-Z]\.\s?[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?\b"


def words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = words(
    "James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel "
    "Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy "
    "Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin "
    "Scott Brandon Benjamin Samuel Gregory Frank Alexander Raymond Patrick Jack Dennis Jerry "
    "Tyler Aaron Jose Adam Henry Nathan Douglas Peter Zachary Kyle Walter Harold Carl Jeremy "
    "Keith Roger Gerald Ethan Arthur Terry Christian Sean Lawrence Austin Joe Noah Jesse Albert "
    "Bryan Billy Bruce Willie Jordan Dylan Alan Ralph Gabriel Roy Juan Wayne Eugene Logan "
    "Randy Louis Russell Vincent Philip Bobby Johnny Bradley Carlos Luis Miguel Jorge Pedro "
    "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty "
    "Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah "
    "Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela "
    "Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria "
    "Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan "
    "Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara "
    "Madison Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris "
    "Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla "
    "Alexis Lori Rosa Carmen Ana Sofia Lucia Priya Aisha Fatima Mohammed Ahmed Wei Li"
)
# "Kevin Miller", and "Kevin D." as a patient's story signs it.
FIRST_NAME = rf"\b(?:{'|'.join(FIRST_NAMES)})\s+(?:[A-Z][a-z'-]{{2,}}\b|[A-Z]\.(?=[\s,]))"
PERSON = re.compile(f"{TITLE_NAME}|{INITIAL_NAME}|{FIRST_NAME}")
HEALTH = re.compile(
    r"\b(diabet\w*|surgery|operation|infect\w*|warfarin|medicine|medication|tablets?|"
    r"diagnos\w*|cancer|pregnan\w*|heart|blood|HIV|hepatitis|depress\w*|anxiety|"
    r"follow-up|first visit|wound|pus|antibiotics?|allerg\w*|treated|treatment|patients?|"
    r"alopecia|hair loss|bald\w*|PRP|side effects?|symptoms?|\d+ years old|is \d\d|aged \d\d|"
    r"stem cells?|injections?|sessions?)\b",
    re.IGNORECASE,
)
# Capitalised words that start sentences: "Grade A. Read the…" is not a name.
NOT_SURNAMES = set(
    words(
        "Read See The This That What When Where Why How Our We You Your It If In On At For Ask Call "
        "Book Go Find Most Some Many Any All No Not Yes Each Every Then There These Those They "
        "Also And But Or So After Before During With Without About More Less Only One Two Three "
        "Studies Study Trial Trials Results Sources Source Grade Learn Check Talk Tell Take Keep"
    )
)
# Staff-only secrets: a door or alarm code, a password, a PIN, a login.
SECRET = re.compile(
    r"\b(door|gate|alarm|key ?safe|lock ?box|wi-?fi|entry|staff)\s+(code|password|pin)\b|"
    r"\b(password|passcode|pin code|login|username)\s*(is|:)\s*\S+|\bcode is \d+",
    re.IGNORECASE,
)
CONFIRMED = re.compile(r"<!--\s*not a patient:\s*(.*?)\s*-->", re.IGNORECASE | re.DOTALL)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)] if value is not None else []


def clinic_own(facts: dict) -> tuple[set[str], set[str], list[str]]:
    """The clinic's own e-mail addresses, phone numbers (their last 7 digits) and addresses."""
    texts = _strings(facts)
    emails = {e.lower() for t in texts for e in EMAIL.findall(t)}
    phones = {
        _digits(t)[-7:] for t in texts if len(_digits(t)) >= 7 and re.fullmatch(r"[+\d\s().-]+", t)
    }
    phones |= {_digits(p)[-7:] for t in texts for p in PHONE.findall(t)}
    places = [" ".join(t.split()).lower() for t in texts]
    return emails, phones, places


def confirmed_names(raw: str | None, context) -> str:
    """Names the editor confirmed are not patients (page comments), and the sources' authors."""
    out = " ".join(CONFIRMED.findall(raw or ""))
    project = getattr(context, "project", None)
    if project is not None:
        with contextlib.suppress(OSError):
            out += " " + (project / "docs/snippets/sources.yml").read_text(encoding="utf-8")
    return out


def _paragraphs(page):
    content = page.content
    if content is None:
        return
    foot = page.foot
    for element in content.iter("p", "li", "td", "dd", "dt", "summary", "h2", "h3", "h4"):
        if foot is not None and any(a is foot for a in element.iterancestors()):
            continue
        if element.tag == "li" and element.xpath("./p"):
            continue
        parts = []
        for node in element.iter():
            if node.tag in ("code", "pre", "script", "style"):
                continue
            parts.append(node.text or "")
            parts.append("" if node is element else (node.tail or ""))
        yield " ".join("".join(parts).split())
    # A note in <!-- --> is not shown, but every browser receives it (View source): a patient's
    # details in a note for a colleague are as public as the page. The rules' own markers
    # (claim-ok, not a patient) name no one.
    for note in content.xpath(".//comment()"):
        text = " ".join(str(note.text or "").split())
        if not re.match(r"(claim-ok|not a patient)\s*:", text, re.IGNORECASE):
            yield text


def check_page(page, context) -> list[Finding]:
    if not page.is_doc:
        return []
    emails, phones, places = clinic_own(getattr(context, "clinic", {}) or {})
    # The public agencies patients are told to contact are nobody's personal data.
    emails |= AGENCY_EMAILS
    phones |= {_digits(p)[-7:] for p in AGENCY_PHONES}
    confirmed = None
    out: list[Finding] = []
    said: set[str] = set()

    def add(shown: str, what: str, fix: str) -> None:
        if shown in said:
            return
        said.add(shown)
        file, line = locate(page.raw, page.file, getattr(context, "project", None), shown)
        out.append(Finding(file, line, what, fix))

    for href in page.content.xpath(".//a/@href") if page.content is not None else []:
        if href.lower().startswith("mailto:"):
            address = href[7:].split("?")[0].lower()
            if address and address not in emails:
                add(
                    address,
                    f"the e-mail address '{address}' is not the clinic's.",
                    "remove it; link only to the clinic's own address, written as "
                    "{{ clinic.email }}.",
                )
        elif (
            href.lower().startswith("tel:")
            and _digits(href)[-7:] not in phones
            and len(_digits(href)) >= 7
        ):
            add(
                href[4:],
                f"the phone number '{href[4:]}' is not the clinic's.",
                "remove it; give the clinic's own number as {{ clinic.phone }}.",
            )
    for text in _paragraphs(page):
        for found in EMAIL.finditer(text):
            address = found.group(0).rstrip(".").lower()
            if address not in emails:
                add(
                    found.group(0).rstrip("."),
                    f"the page shows an e-mail address that is not the clinic's ({address}): "
                    "it may be a patient's or a member of staff's own.",
                    "remove it; the clinic's address is written as {{ clinic.email }}.",
                )
        for found in PHONE.finditer(text):
            number = found.group(0)
            if _digits(number)[-7:] in phones or len(_digits(number)) < 7:
                continue
            add(
                number,
                f"the page shows a phone number that is not the clinic's ({number}): it may be "
                "a patient's, a member of staff's own phone or another clinic's.",
                "remove it; the clinic's number is written as {{ clinic.phone }} (change "
                "the number itself in the clinic's facts).",
            )
        for found in ADDRESS.finditer(text):
            if any(found.group(0).lower() in place for place in places):
                continue
            add(
                found.group(0),
                f"the page shows a postal address that is not the clinic's ({found.group(0)}): "
                "it may be a patient's or a member of staff's home.",
                "remove it; the clinic's address is written as {{ clinic.address }}.",
            )
        if found := SECRET.search(text):
            add(
                found.group(0),
                f"the page gives away something only staff should know (“{found.group(0)}”).",
                "remove it: patients and everyone on the internet can read the page; tell staff "
                "in person or in the staff handbook.",
            )
        if HEALTH.search(text):
            for found in PERSON.finditer(text):
                name = found.group(0)
                if confirmed is None:
                    confirmed = confirmed_names(page.raw, context)
                surname = name.split()[-1].strip(".").split(".")[-1]
                if len(surname) < 3:  # "Kevin D.": only the whole name can be confirmed
                    surname = name
                if surname in confirmed or surname in NOT_SURNAMES:
                    continue
                add(
                    name,
                    f"the page names a person (“{name}”) next to health details; if this is a "
                    "patient, their health is now public.",
                    "remove the name (write “one of our patients”); if the person is not a "
                    f"patient (an author, our doctor), confirm it by adding the line "
                    f"<!-- not a patient: {name} --> to the page.",
                )
    return out
