"""Danish stems and folding of single words: the rules every other part of the analysis builds on."""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

from klimaviden.danish.stopwords import QUESTION_FRAME_WORDS, QUESTION_OPENERS, QUESTION_WORDS, STOPWORDS

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "é": "e"})
_STEMMER = snowballstemmer.stemmer("danish")
_DANISH_LETTERS = frozenset("æøåäöüé")


def fold(word: str) -> str:
    """Lower case with æ/ø/å spelled out (ae/oe/aa), so words typed without Danish letters still match."""
    return word.lower().translate(_FOLD)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Danish Snowball stem of a lower-cased word."""
    return _STEMMER.stemWord(word.lower())


def is_stopword(word: str) -> bool:
    return word.lower() in STOPWORDS


def is_question_word(word: str) -> bool:
    """A word of a question ("hvordan", "kan") that a query should not require."""
    return word.lower() in QUESTION_WORDS


def is_question(words) -> bool:
    """Whether the words of a query ask a question: one of them opens a question ("hvad", "hvem")."""
    return any(w.lower() in QUESTION_OPENERS for w in words)


def is_question_frame_word(word: str) -> bool:
    """A word that frames a question around its subject ("står bag", "stiller", "vigtig"): not
    required in a query that asks a question."""
    return word.lower() in QUESTION_FRAME_WORDS


@lru_cache(maxsize=200_000)
def term_variants(word: str) -> tuple[str, ...]:
    """The index terms of one lower-case word: its folded stem, and for words with æ/ø/å also the
    stem of the folded spelling, so "miljø" and "miljoe", "bæredygtigt" and "baeredygtigt" meet.
    """
    primary = fold(stem(word))
    if _DANISH_LETTERS.isdisjoint(word):
        return (primary,)
    alternative = stem(fold(word))
    return (primary,) if alternative == primary else (primary, alternative)


def term(word: str) -> str:
    """The main index term of a word: its Danish stem, folded."""
    return term_variants(word.lower())[0]


# A Danish verb in -ere ("finansiere", "renovere") has its noun in -ering ("finansiering",
# "renovering"); the stemmer keeps them apart ("finansi" and "finansiering"), so a question
# ("hvordan finansieres ...") would miss the pages that speak of "finansiering". Longest first.
_VERB_ENDINGS = ("erende", "erede", "eredes", "erest", "eret", "erer", "eres", "ere")
_NOUN_ENDINGS = ("eringernes", "eringerne", "eringens", "eringer", "eringen", "ering")
_SHORTEST_BASE = 4  # "flere", "mere", "andre": too short to be an -ere verb


def derived_variants(word: str) -> tuple[str, ...]:
    """The index terms of the other half of a lower-case -ere verb / -ering noun pair:
    "finansieres" -> the terms of "finansiering", "finansieringen" -> those of "finansiere".
    Empty for any other word. Used on the query side only: the index keeps plain stems."""
    for endings, other in ((_NOUN_ENDINGS, "ere"), (_VERB_ENDINGS, "ering")):
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_BASE:
                return term_variants(word[: -len(ending)] + other)
    return ()

