"""Tokenising, folding and stemming Danish text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from klimaviden.danish.compounds import compound_parts
from klimaviden.danish.stopwords import STOPWORDS

# A word: letters and digits; an inner hyphen joins chemistry-style words ("CO2-fangst") which the
# analyzer then also splits, so "CO2-fangst", "CO2 fangst" and "co2-fangst" behave the same.
_WORD = re.compile(r"\w+(?:[-‐‑]\w+)*", re.UNICODE)
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "é": "e"})
_STEMMER = snowballstemmer.stemmer("danish")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words of a text with their character offsets; hyphenated words are kept whole."""
    text = unicodedata.normalize("NFC", text)
    return [Token(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def fold(word: str) -> str:
    """Lower case with æ/ø/å spelled out (ae/oe/aa), so words typed without Danish letters still match."""
    return word.lower().translate(_FOLD)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Danish Snowball stem of a lower-cased word."""
    return _STEMMER.stemWord(word.lower())


def is_stopword(word: str) -> bool:
    return word.lower() in STOPWORDS


def word_parts(word: str) -> list[str]:
    """A hyphenated word and its pieces: "co2-fangst" -> ["co2-fangst", "co2", "fangst"]."""
    pieces = [p for p in re.split(r"[-‐‑]", word) if p]
    return [word] + pieces if len(pieces) > 1 else [word]


_DANISH_LETTERS = frozenset("æøåäöüé")


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


def analyze_terms(text: str) -> list[str]:
    """The folded stems of a text's words without stop words, in order; a hyphenated word also
    gives its pieces ("co2-fangst": co2, fangst) and a compound its parts ("skybrudsplan":
    skybrudsplan, skybrud, plan)."""
    terms: list[str] = []
    for token in tokenize(unicodedata.normalize("NFKC", text)):  # "CO₂" -> "CO2", "ﬁ" -> "fi"
        for part in word_parts(token.text.lower()):
            if "-" in part or is_stopword(part):
                continue
            terms.append(term(part))
            terms.extend(term(p) for p in compound_parts(part))
    return terms
