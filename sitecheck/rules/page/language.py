"""A paragraph in another language needs its language set, so screen readers pronounce it and
browsers translate it: `{ lang="es" }` on the line under the paragraph.

Detection is a small stop-word count (no downloads): a paragraph of at least five words where
common words of another language outnumber English ones.
"""

from __future__ import annotations

import re

from sitecheck.core.finding import Finding
from sitecheck.core.source_lines import locate
from sitecheck.rules.facts.page_placeholders import PLACEHOLDER

STOP_WORDS = {
    "en": "the a an and or of to in is are you your we our it for on with that this be not "
    "can do have has if at by from as they their will what how when who which no so me he she "
    "i my be but all any more most some one two",
    "es": "el la los las un una y o de del en es son usted su sus nosotros nuestro para con "
    "que por no se le lo al como cuando qué cuánto cuesta está están más muy pero llámenos "
    "hola usted puede tiene tenemos sin también gracias costo teléfono",
    "fr": "le la les un une et ou de des du en est sont vous votre nous notre pour avec que "
    "qui par pas ne se au aux dans sur ce cette il elle",
    "de": "der die das ein eine und oder von zu im ist sind sie ihr wir unser für mit dass "
    "nicht den dem des auf bei wie",
    "pt": "o a os as um uma e ou de do da em é são você seu sua nós nosso para com que por "
    "não se ao como temos sem também obrigado custo telefone pode tem mais mas muito",
    "it": "il lo la i gli le un una e o di del della in è sono lei suo sua noi nostro per con "
    "che non si al come",
}
WORDS = {lang: set(words.split()) for lang, words in STOP_WORDS.items()}
NAMES = {"es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian"}


def guess(text: str) -> str | None:
    """The other language a text is written in, or None (English or too short to tell)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 5:
        return None
    english = sum(w in WORDS["en"] for w in words)
    best, count = None, 0
    for lang, stops in WORDS.items():
        if lang == "en":
            continue
        hits = sum(w in stops and w not in WORDS["en"] for w in words)
        if hits > count:
            best, count = lang, hits
    if best and count >= 3 and count / len(words) >= 0.2 and count > english:
        return best
    return None


SENTENCE = re.compile(r"(?<=[.!?])\s+")
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _wrong_mark(declared: str, lang: str | None, text: str) -> tuple[str, str] | None:
    """(what, fix) when the language a text is marked with cannot be right."""
    code = declared.strip()
    if not LANG_CODE.match(code):
        return (
            f"the language mark “{code}” is not a language code, so the text is not marked: "
            f"“{text[:50]}”.",
            'write the two-letter code in straight quotes, e.g. { lang="es" } for Spanish.',
        )
    base = code.split("-")[0].lower()
    words = re.findall(r"[^\W\d_]+", text.lower())
    own = sum(w in WORDS.get(base, ()) and w not in WORDS["en"] for w in words)
    # Close languages share words ("por", "para"): words only the guessed one has decide.
    theirs, ours = WORDS.get(lang or "", set()), WORDS.get(base, set())
    only_theirs = sum(w in theirs - ours for w in words)
    if (
        lang
        and base != lang
        and base in NAMES
        and (own < 2 or only_theirs > sum(w in ours - theirs for w in words))
    ):
        return (
            f"this text looks {NAMES[lang]} but is marked as {NAMES[base]} (“{code}”): "
            f"“{text[:50]}”.",
            f"if it belongs here, write it in {NAMES[base]}; if it is meant to be in "
            f'{NAMES[lang]}, mark it {{ lang="{lang}" }}.',
        )
    english = sum(w in WORDS["en"] for w in words)
    if base != "en" and not lang and len(words) >= 6 and english / len(words) >= 0.3:
        return (
            f"this text reads as English but is marked as another language (“{code}”): "
            f"“{text[:50]}”; screen readers would read it with the wrong sounds.",
            "remove the language mark from English text, or put the mark under the "
            "translated paragraph only.",
        )
    return None


def check_page(page, context) -> list[Finding]:
    content = page.content
    if content is None or not page.is_doc:
        return []
    out = []
    for element in content.iter("p", "li", "summary", "h2", "h3", "h4", "td", "dd"):
        if element.xpath("./p"):
            continue
        text = " ".join("".join(t for t in element.xpath(".//text()[not(ancestor::code)]")).split())
        lang = guess(text)
        declared = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
        # A clinic fact still to fill in is English by design; ./run deploy refuses it anyway.
        if declared and PLACEHOLDER.search(text):
            continue
        if declared:
            # Each sentence too: a Portuguese sentence pasted into a Spanish paragraph.
            parts = [text, *(x for x in SENTENCE.split(text) if len(x.split()) >= 5)]
            wrong = next((w for x in parts if (w := _wrong_mark(declared[0], guess(x), x))), None)
            if wrong:
                where = wrong[0].split("“")[-1].split("”")[0][:40]
                file, line = locate(page.raw, page.file, getattr(context, "project", None), where)
                out.append(Finding(file, line, wrong[0], wrong[1]))
                continue
        if not lang:
            continue
        if declared and not declared[0].lower().startswith("en"):
            continue
        file, line = locate(page.raw, page.file, getattr(context, "project", None), text[:60])
        if not line:
            file, line = locate(page.raw, page.file, None, " ".join(text.split()[:3]))
        name = NAMES[lang]
        out.append(
            Finding(
                file,
                line,
                f"this text looks {name} but the page says it is English: “{text[:60]}”. "
                "Screen readers would read it with English sounds.",
                f'set its language: put {{ lang="{lang}" }} on the line right under the '
                "paragraph (for a box's title, write the box's text in English, or put the "
                'whole box in a <div lang="' + lang + '" markdown> … </div>).',
            )
        )
    return out
