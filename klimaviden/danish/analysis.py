"""The rules of reading Danish text, written once as pure functions.

- normalize: compatibility characters read plainly ("CO₂" as "CO2", the ligature "ﬁ" as "fi");
- words: lower-case runs of letters and digits; a hyphen separates words, so "CO2-fangst",
  "CO2 fangst" and "co2-fangst" are read the same way;
- stems (klimaviden.danish.stems): Danish Snowball stems with æ/ø/å folded, plus the stem of the
  folded spelling, so "miljø" and "miljoe" meet;
- compound parts (klimaviden.danish.compounds): "skybrudsplan" also gives skybrud, plan.

The index's Whoosh analyzers (index/analysis.py), the query side and topic tagging in ingestion
all call these functions, so a word is understood the same way wherever it is read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple
from functools import lru_cache

from klimaviden.danish.compounds import compound_parts
from klimaviden.danish.stems import derived_variants, is_stopword, term, term_variants

# A token of topic tagging: letters and digits; an inner hyphen joins chemistry-style words
# ("CO2-fangst"), which word_parts then also splits.
_TOKEN = re.compile(r"\w+(?:[-‐‑]\w+)*", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)


class Token(NamedTuple):  # a tuple: made for every word of every document, cheaply
    text: str
    start: int
    end: int


def normalize(text: str) -> str:
    """Compatibility characters read plainly: "CO₂" -> "CO2", "ﬁ" -> "fi" (Unicode NFKC)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def word_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(lower-case word, start, end) of each word of an already normalized text."""
    for match in _WORD.finditer(text):
        yield match.group(0).lower(), match.start(), match.end()


def words(text: str) -> list[str]:
    """The lower-case words of a text: "CO₂-fangst" -> ["co2", "fangst"]."""
    return [word for word, _, _ in word_spans(normalize(text))]


@lru_cache(maxsize=200_000)
def index_terms(word: str) -> tuple[str, ...]:
    """All index terms of one lower-case word: its stems and those of its compound parts."""
    terms = list(term_variants(word))
    for part in compound_parts(word):
        terms.extend(v for v in term_variants(part) if v not in terms)
    return tuple(terms)


def query_alternatives(text: str) -> list[tuple[str, ...]]:
    """For one user word: per piece, the index terms any of which matches it; stop words dropped.
    Compounds are not split (a query word matches the compound's own term and, through the
    index's parts, the compounds that contain it). An -ere verb also matches its -ering noun and
    back ("finansieres", "finansiering").

    >>> query_alternatives("CO2-fangst")
    [('co2',), ('fangst',)]
    """
    return [tuple(dict.fromkeys(term_variants(w) + derived_variants(w))) for w in words(text) if not is_stopword(w)]


def tokenize(text: str) -> list[Token]:
    """Words of a text with their character offsets; hyphenated words are kept whole."""
    text = unicodedata.normalize("NFC", text)
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def word_parts(word: str) -> list[str]:
    """A hyphenated word and its pieces: "co2-fangst" -> ["co2-fangst", "co2", "fangst"]."""
    pieces = [p for p in re.split(r"[-‐‑]", word) if p]
    return [word] + pieces if len(pieces) > 1 else [word]


def analyze_terms(text: str) -> list[str]:
    """The main folded stems of a text's words without stop words, in order; a compound also
    gives its parts ("skybrudsplan": skybrudsplan, skybrud, plan)."""
    found: list[str] = []
    for word in words(text):
        if is_stopword(word):
            continue
        found.append(term(word))
        found.extend(term(p) for p in compound_parts(word))
    return found
