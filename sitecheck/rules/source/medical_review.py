"""Medical advice is published as the medical reviewer read it.

`medical-review.yml` (at the top of the project, committed; CODEOWNERS names the medical
reviewer) holds, for each page and snippet, the sentences with medical words that the reviewer
has read, in page order, as typed (facts stay as `{{ clinic.… }}`, so a price change in the
facts changes nothing here). Each build compares the page's medical sentences with that list:

- a reviewed sentence whose meaning changed (its numbers, its "not"/"never", or its medical
  words differ from the reviewed wording at the same place) stops the build: "are pregnant or
  breastfeeding" becoming "are in the first 3 months of pregnancy" is medical advice changed
  without review;
- a new sentence, and a reviewed one reworded without such a change (a typo, a comma), is a
  notice in the build and the preview, and `./run deploy` refuses to publish it until the
  reviewer signs it off (new FAQ entries keep building).

The reviewer signs off a page's current sentences with

    .venv/bin/python -m sitecheck.rules.source.medical_review docs/faq.md [more files]
    .venv/bin/python -m sitecheck.rules.source.medical_review --check   # what ./run deploy runs
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

import yaml

from sitecheck.core.finding import NOTICE, Finding
from sitecheck.core.markdown_source import without_code
from sitecheck.core.yaml_loader import SafeLoader
from sitecheck.rules.facts.page_placeholders import PLACEHOLDER
from sitecheck.rules.project import scripts

LEDGER = "medical-review.yml"
HEADER = (
    "# Sentences with medical words the medical reviewer has read, per page, in page order.\n"
    "# Written by: .venv/bin/python -m sitecheck.rules.source.medical_review docs/page.md\n"
    "# (run by the reviewer after reading the page). Do not edit by hand.\n"
)
MEDICAL = re.compile(
    r"\b(pregnan\w*|breast-?feed\w*|blood|bleed\w*|thinners?|medicines?|medications?|drugs?|"
    r"doses?|mg|tablets?|pills?|infect\w*|fever|pain\w*|stroke|clots?|911|emergenc\w*|doctors?|"
    r"nurse|inject\w*|cells?|side effects?|risks?|safe\w*|cancer|tumou?r|allerg\w*|surgery|"
    r"anesthe\w*|anaesthe\w*|wounds?|swell\w*|bruis\w*|scars?|scarr\w*|steroids?|antibiotic\w*|"
    r"diabet\w*|heart|breath\w*|chest|faint\w*|numb|numbness|pus|symptoms?|sign|signs|treat\w*|"
    r"therap\w*|exosomes?|stem|prp|plasma|finasteride|minoxidil|transplant\w*|fda|approved|"
    r"evidence|studies|study|trials?|results?|regrow\w*|hair roots?|follicles?|immune|"
    r"condition\w*|disease\w*|disorder\w*|illness\w*|ill|unwell|hospital|ambulance|"
    r"hair loss|balding|alopecia|lasers?|devices?|products?|supplements?|vitamins?|"
    r"scalp|skin|face|arms?|legs?|body|eyes?|sight|speech|alcohol|smok\w*|ice|sun|sunburn\w*|sunlight|sunscreen|sunshine|wash\w*|"
    r"aspirin|ibuprofen|warfarin|embaraz\w*|medicamento\w*|anticoagulante\w*|sangr\w*|dolor|"
    r"hurts?|hurting|aches?|aching|sore|soreness|paracetamol|acetaminophen|tylenol|advil|"
    r"motrin|aleve|naproxen|antihistamines?|creams?|ointments?|"
    # a dose, whatever the medicine's name: "every 4 hours", "twice a day", "500 mg"
    r"every (?:\d+|\w+) hours?|(?:once|twice|\w+ times) (?:a|per) day|\d+ ?(?:mg|ml|g))\b",
    re.IGNORECASE,
)
NUMBER = re.compile(
    r"\d+(?:[.,]\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I
)
NEGATION = re.compile(
    r"\b(not|no|never|none|nothing|without|don't|doesn't|cannot|can't|avoid|stop)\b", re.I
)
ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]*_]*\s+(?=[A-Z¿¡\"'(*_\[])")


def sentences(raw: str, every: bool = False) -> list[tuple[int, str]]:
    """(line, sentence) of each sentence with a medical word (`every`: each sentence), as
    typed, in page order: list items and table rows one each, paragraphs split at full stops."""
    text = without_code(raw, keep_shown_fields=True)
    out: list[tuple[int, str]] = []
    block: list[tuple[int, str]] = []

    def flush():
        if not block:
            return
        first = block[0][0]
        joined = " ".join(part for _, part in block)
        offsets = []
        position = 0
        for number, part in block:
            offsets.append((position, number))
            position += len(part) + 1
        start = 0
        for piece in [*SENTENCE_END.split(joined)]:
            where = joined.find(piece, start)
            start = where + len(piece)
            line = next((n for o, n in reversed(offsets) if o <= where), first)
            clean = " ".join(piece.split())
            # A clinic fact still to fill in is not a medical sentence: ./run deploy refuses it.
            if clean and (every or MEDICAL.search(clean)) and not PLACEHOLDER.search(clean):
                out.append((line, clean))
        block.clear()

    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("!!!", "???", "===", "--8<--", "#", "{")):
            flush()
            if stripped.startswith("#") and (every or MEDICAL.search(stripped)):
                out.append((number, " ".join(stripped.lstrip("#").split())))
            continue
        if ITEM.match(line) or stripped.startswith("|"):
            flush()
        block.append((number, ITEM.sub("", stripped) if ITEM.match(line) else stripped))
    flush()
    return out


def read_ledger(project: Path) -> dict[str, list[str]] | None:
    path = project / LEDGER
    if not path.is_file():
        return None
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(s) for s in (v or [])] for k, v in data.items()}


def _meaning(sentence: str) -> tuple:
    words = lambda pattern: tuple(sorted(m.lower() for m in pattern.findall(sentence)))  # noqa: E731
    return words(NUMBER), words(NEGATION), words(MEDICAL)


# A new sentence that offers patients something new: the clinic's treatments are reviewed.
OFFER = re.compile(
    r"\b(?:we|the clinic|our clinic)\s+(?:now\s+)?(?:also\s+)?(?:offers?|provides?|sells?|"
    r"performs?|(?:can|will)\s+(?:now\s+)?(?:offer|give|provide))\s+(?:[\w-]+\s+){0,3}?"
    r"(?:injections?|treatments?|therap\w+|procedures?|prp|exosomes?|lasers?|transplants?|"
    r"medicines?|drugs?|products?|supplements?|shots?|infusions?|implants?|devices?)\b",
    re.IGNORECASE,
)
ADDRESS = re.compile(r"\]\([^)\s]*\)|<?\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:md|html?|pdf)\b\S*")
WORD = re.compile(r"(?<![\w-])[a-z][a-z-]{4,}(?![\w-])")


def unknown_terms(sentence: str, known: set[str]) -> list[str]:
    """Words of the sentence that are in no English dictionary and in no reviewed sentence:
    a treatment, product or medical term the reviewer has never seen on the site."""
    from sitecheck.rules.page.readability import pronunciations

    words = pronunciations("en_US")
    if words is None:
        return []
    sentence = ADDRESS.sub(" ", sentence)  # "medlineplus.gov/hairloss.html" names no term
    all_words = re.findall(r"[a-z]+", sentence.lower())
    if sum(w in words.first for w in all_words) < 0.7 * len(all_words):
        return []  # another language: its words are not in the English dictionary
    out = []
    for word in WORD.findall(sentence):  # lower-case words only: names are not terms
        stem = word.rstrip("s")
        if word in known or stem in known or word in words.first or stem in words.first:
            continue
        if "-" in word and all(part in words.first for part in word.split("-") if part):
            continue
        if difflib.get_close_matches(word, known, n=1, cutoff=0.8):
            continue  # a typo of a reviewed word, not a new term
        out.append(word)
    return out


def vocabulary(ledger: dict[str, list[str]]) -> set[str]:
    out: set[str] = set()
    for reviewed in ledger.values():
        for sentence in reviewed:
            out |= {w.rstrip("s") for w in WORD.findall(sentence.lower())}
            out |= set(WORD.findall(sentence.lower()))
    return out


# The reviewed safety snippets every page includes: the urgency cards, the "see a doctor"
# signs, the blood-thinner warning. A sentence changed or removed stops the build until the
# medical reviewer signs it off; a sign added (the doctor's new line) waits for the reviewer
# like any new medical sentence: it builds, and ./run deploy holds it.
SAFETY_SNIPPET = re.compile(r"^docs/snippets/(urgency-|safety-|see-a-doctor)[\w-]*\.md$")
# The site's own scripts answer patients too (the self-check: "This does not show that the
# treatment is right for you"): their words are reviewed like a safety card.
SCRIPT = re.compile(r"^docs/javascripts/[\w-]+\.js$")


def is_safety(file: str) -> bool:
    return bool(SAFETY_SNIPPET.match(file) or SCRIPT.match(file))


def script_words(raw: str) -> str:
    """The words a script shows, on their own lines: each line's strings of two words or more
    (code such as "input[type=checkbox]" left out), a blank line where there are none."""
    lines: list[list[str]] = [[] for _ in range(raw.count("\n") + 1)]
    for kind, value, line in scripts.tokens(raw):
        words = value.split()
        if kind == "string" and len(words) >= 2 and not re.search(r"[=\[\]{}<>#]", value):
            lines[line - 1].append(" ".join(words))
    return "\n".join(" ".join(parts) for parts in lines)


def _as_text(file: str, raw: str) -> str:
    return script_words(raw) if SCRIPT.match(file) else raw


# A new instruction about care: what to take, stop, put on or do to the body, told or allowed
# ("you can swim the next day"), after a lead-in such as "**For your scalp:**".
CARE = (
    r"take|stop|use|apply|wash|avoid|drink|eat|start|skip|put|rub|massage|sleep|exercise|"
    r"swim|shower|shave|dye|ice|remove|change|double|increase|reduce|lower|wait|drive|fly|"
    r"lift|bend|go\s+back\s+to"
    r"\s+(?:the\s+)?(?:gym|sport|swimming|exercise)"
)
INSTRUCTION = re.compile(
    r"^(?:\**[^*:\n]{1,40}:\**\s+)?(?:(?:yes|no|then|after that|afterwards|at home)[,.]?\s+)?"
    rf"(?:please\s+)?(?:{CARE}|do\s+not|don[\u2019']t|never|"
    rf"you\s+(?:should|must|need\s+to|have\s+to)|you\s+(?:can|may)\s+(?:now\s+)?(?:{CARE}))\b",
    re.IGNORECASE,
)


def compare(
    raw: str,
    file: str,
    reviewed: list[str] | None,
    known: set[str] | None = None,
    current: list[tuple[int, str]] | None = None,
) -> list[Finding]:
    """Findings for the page's medical sentences against the reviewed ones (None: the page was
    never reviewed, every sentence is new). `known`: every word the reviewer has read;
    `current`: the sentences, when they are not a page's (clinic.yml's medical facts)."""
    if current is None:
        current = sentences(raw, every=is_safety(file))
    if file == FACTS:
        card, shows = "medical fact", "every page that shows the fact"
    elif SCRIPT.match(file):
        card, shows = "script text", "every page that runs the script"
    else:
        card, shows = "safety card", "every page that includes the card"
    old = reviewed or []
    matcher = difflib.SequenceMatcher(None, old, [s for _, s in current], autojunk=False)
    out = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        safety = (is_safety(file) or file == FACTS) and reviewed is not None
        if op == "delete":
            line = current[b1][0] if b1 < len(current) else (current[-1][0] if current else 1)
            for gone in old[a1:a2]:
                if safety:
                    out.append(
                        Finding(
                            file,
                            line,
                            f"{'a' if file == FACTS else 'a sentence of this'} reviewed {card} was "
                            f"removed: “{gone[:90]}”; "
                            f"{shows} loses it.",
                            f"put it back; a change to a {card} is made by the medical "
                            "reviewer (python -m sitecheck.rules.source.medical_review "
                            f"{file}).",
                        )
                    )
                    continue
                out.append(
                    Finding(
                        file,
                        line,
                        f"a reviewed medical sentence was removed here: “{gone[:90]}”. It "
                        "builds, but ./run deploy will not publish the page until the medical "
                        "reviewer agrees.",
                        "put it back if it was removed by mistake, or ask the medical reviewer "
                        f"to sign off the page (python -m sitecheck.rules.source.medical_review "
                        f"{file}).",
                        rule="medical-review",
                        severity=NOTICE,
                    )
                )
            continue
        for index in range(b1, b2):
            line, sentence = current[index]
            before = None
            if op == "replace":
                if a2 - a1 == b2 - b1:
                    before = old[a1 + index - b1]
                else:
                    close = difflib.get_close_matches(sentence, old[a1:a2], n=1, cutoff=0.6)
                    before = close[0] if close else None
            if before is not None and _meaning(before) != _meaning(sentence):
                was, now = _changed_parts(before, sentence)
                out.append(
                    Finding(
                        file,
                        line,
                        f"a reviewed medical sentence was changed without review: it said "
                        f"“{was}”, now “{now}”.",
                        "put the reviewed wording back, or ask the medical reviewer to read the "
                        "change and sign it off (python -m sitecheck.rules.source.medical_review "
                        f"{file}).",
                    )
                )
                continue
            # A fact filled in where there was none (a placeholder answered), or a line added
            # to a card, is new, as a new sentence on a page is; a reviewed one changed is a
            # safety change.
            if safety and not (before is None and (file == FACTS or op == "insert")):
                out.append(
                    Finding(
                        file,
                        line,
                        f"this reviewed {card} was changed: “{sentence[:90]}” is not the "
                        "wording the medical reviewer signed off"
                        + (f" (it said “{before[:70]}”)" if before else "")
                        + f"; {shows} shows it.",
                        "put the reviewed wording back (git checkout the file); a change to a "
                        f"{card} is made by the medical reviewer (python -m "
                        f"sitecheck.rules.source.medical_review {file}).",
                    )
                )
                continue
            said = sentence.split(": ", 1)[-1] if file == FACTS else sentence  # the value
            if before is None and INSTRUCTION.match(said):
                out.append(
                    Finding(
                        file,
                        line,
                        f"this is a new instruction about care that no medical reviewer has read: "
                        f"“{sentence[:90]}”.",
                        "take it out until the medical reviewer has read it and signed it off "
                        f"(python -m sitecheck.rules.source.medical_review {file}); advice on "
                        "medicines and aftercare comes from the reviewed pages and snippets.",
                    )
                )
                continue
            offer = OFFER.search(sentence)
            new_terms = unknown_terms(sentence, known) if known is not None else []
            if offer or new_terms:
                said = f"“{offer.group(0)}”" if offer else f"the term “{new_terms[0]}”"
                out.append(
                    Finding(
                        file,
                        line,
                        f"this new medical sentence offers or names something the medical "
                        f"reviewer has never seen on the site ({said}): “{sentence[:90]}”.",
                        "take it out until the medical reviewer has read it and signed it off "
                        f"(python -m sitecheck.rules.source.medical_review {file}); a treatment "
                        "the clinic offers needs its evidence and sources first.",
                    )
                )
                continue
            out.append(
                Finding(
                    file,
                    line,
                    f"this medical sentence is not reviewed yet: “{sentence[:90]}”. It builds, "
                    "but ./run deploy will not publish it until the medical reviewer signs it "
                    "off.",
                    "ask the medical reviewer to read it (python -m "
                    f"sitecheck.rules.source.medical_review {file}).",
                    rule="medical-review",
                    severity=NOTICE,
                )
            )
    return out


FACTS = "clinic.yml"


def fact_sentences(project: Path) -> list[tuple[int, str]]:
    """(line, "name: value") of each fact in clinic.yml with a medical word: the pages show
    them through {{ clinic.… }}, so a dose or a contraindication there is medical advice."""
    return _read_facts(project)[0]


def _read_facts(project: Path) -> tuple[list[tuple[int, str]], set[str]]:
    """clinic.yml read once: its medical facts (see fact_sentences) and the names of the facts
    still waiting for the clinic's answer (a placeholder). A fact is named by its own key, not
    its place in a list, so removing one item does not renumber the others."""
    from sitecheck.rules.facts.clinic_facts import node_lines

    try:
        lines = node_lines((project / FACTS).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [], set()  # the facts check reports an unreadable file
    medical, waiting = [], set()
    for key_path, (line, value) in sorted(lines.items(), key=lambda item: item[1][0]):
        if not isinstance(value, str):
            continue
        name = next((str(k) for k in reversed(key_path) if not isinstance(k, int)), "")
        if PLACEHOLDER.search(value):
            waiting.add(name)
            continue
        # The name counts for a text (pain_relief: "…"), not for a price or a yes/no (prp: 900).
        named = not PLAIN_VALUE.fullmatch(value) and MEDICAL.search(name.replace("_", " "))
        if named or MEDICAL.search(value):
            medical.append((line, f"{name}: {' '.join(value.split())}"))
    return medical, waiting


PLAIN_VALUE = re.compile(r"[\d.,$ ]+|true|false|yes|no", re.IGNORECASE)


def check_facts(project: Path) -> list[Finding]:
    """clinic.yml's medical facts against the reviewed ones: any change stops the build, but a
    fact set back to a placeholder waits for the clinic (./run deploy refuses placeholders)."""
    ledger = read_ledger(project)
    if ledger is None or not (project / FACTS).is_file():
        return []
    current, waiting = _read_facts(project)
    reviewed = ledger.get(FACTS)
    if reviewed is not None:  # a reviewed fact now waiting for the clinic is not a removal
        reviewed = [r for r in reviewed if r.split(": ", 1)[0] not in waiting]
    return compare("", FACTS, reviewed, _vocabulary(project, ledger), current)


def _changed_parts(before: str, after: str, width: int = 90) -> tuple[str, str]:
    """Both sentences from a few words before their first difference: two long sentences
    that start alike must not read the same in the message."""
    same = 0
    for a, b in zip(before, after, strict=False):
        if a != b:
            break
        same += 1
    if same < width - 20:
        return before[:width], after[:width]
    start = before.rfind(" ", 0, max(same - 20, 0)) + 1
    return "…" + before[start : start + width], "…" + after[start : start + width]


def check_source(raw: str, file: str, project: Path | None) -> list[Finding]:
    if project is None:
        return []
    ledger = read_ledger(project)
    if ledger is None:
        return []  # no ledger: nothing signed yet (the first sign-off writes it)
    raw = _as_text(file, raw)
    return compare(
        raw, file, reviewed_for(project, ledger, file, raw), _vocabulary(project, ledger)
    )


def check_scripts(project: Path) -> list[Finding]:
    """The site's scripts' words against the reviewed ones (the build reads no script as a
    page, so the project check calls this)."""
    out = []
    for path in sorted((project / "docs" / "javascripts").glob("*.js")):
        file = path.relative_to(project).as_posix()
        out += check_source(path.read_text(encoding="utf-8"), file, project)
    return out


def reviewed_for(
    project: Path, ledger: dict[str, list[str]], file: str, raw: str
) -> list[str] | None:
    """The reviewed sentences of `file`. A page not in the ledger takes those of a page renamed
    to it (gone from the project, most of its medical sentences the same): moving a page, with
    its redirect, keeps its review; a copy or a new page does not."""
    if file in ledger:
        return ledger[file]
    current = [s for _, s in sentences(raw, every=is_safety(file))]
    best, score = None, RENAMED
    for old, reviewed in ledger.items():
        if not reviewed or (project / old).exists():
            continue
        ratio = difflib.SequenceMatcher(None, reviewed, current, autojunk=False).ratio()
        if ratio >= score:
            best, score = reviewed, ratio
    return best


RENAMED = 0.6  # the share of sentences a renamed page keeps, at least


_known: dict[tuple, set[str]] = {}


def _vocabulary(project: Path, ledger: dict[str, list[str]]) -> set[str]:
    """Every word of the reviewed sentences and the glossary, once per version of the ledger."""
    path = project / LEDGER
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        key = (str(path), 0)
    if key not in _known:
        _known.clear()
        words = vocabulary(ledger)
        glossary = project / "docs" / "snippets" / "glossary.md"
        if glossary.is_file():
            text = glossary.read_text(encoding="utf-8").lower()
            words |= set(WORD.findall(text)) | {w.rstrip("s") for w in WORD.findall(text)}
        _known[key] = words
    return _known[key]


def _files(project: Path) -> list[Path]:
    docs = project / "docs"
    pages = [p for p in docs.rglob("*.md") if p.is_file()]
    return sorted(pages + [p for p in (docs / "javascripts").glob("*.js") if p.is_file()])


def sign(project: Path, files: list[str]) -> None:
    ledger = read_ledger(project) or {}
    for file in files:
        if file == FACTS:
            ledger[file] = [s for _, s in fact_sentences(project)]
            continue
        text = _as_text(file, (project / file).read_text(encoding="utf-8"))
        ledger[file] = [s for _, s in sentences(text, every=is_safety(file))]
    body = yaml.safe_dump(dict(sorted(ledger.items())), allow_unicode=True, width=100)
    (project / LEDGER).write_text(HEADER + body, encoding="utf-8")


def refusals(project: Path) -> list[str]:
    """What ./run deploy refuses: every medical sentence not signed off."""
    ledger = read_ledger(project)
    if ledger is None:
        return []
    out = [str(f) for f in check_facts(project)]
    for path in _files(project):
        file = path.relative_to(project).as_posix()
        text = _as_text(file, path.read_text(encoding="utf-8"))
        reviewed = reviewed_for(project, ledger, file, text)
        for f in compare(text, file, reviewed, _vocabulary(project, ledger)):
            out.append(str(f))
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    project = Path(".").resolve()
    if args and args[0] == "--check":
        lines = refusals(project)
        if lines:
            print(
                f"Not publishing: {len(lines)} medical sentence(s) await review.", file=sys.stderr
            )
            for line in lines:
                print(f"  {line}", file=sys.stderr)
            return 1
        print("Medical review: every medical sentence is signed off.")
        return 0
    if any(a.startswith("-") for a in args):
        print(
            "Usage (the medical reviewer, after reading the pages): python -m "
            "sitecheck.rules.source.medical_review [docs/page.md ...]   or   --check",
            file=sys.stderr,
        )
        return 2
    missing = [a for a in args if not (project / a).is_file()]
    if missing:
        print(f"No such page: {', '.join(missing)}. Fix: name files under docs/.", file=sys.stderr)
        return 2
    files = args or [p.relative_to(project).as_posix() for p in _files(project)]
    if not args and (project / FACTS).is_file():
        files.append(FACTS)
    sign(project, files)
    print(f"Signed off the medical sentences of {len(files)} file(s) in {LEDGER}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
