"""Whoosh analyzers over klimaviden.danish, so the index understands words as ingestion does.

Two ways of reading text:
- stemmed: lower case, Danish stop words removed, Danish Snowball stems with æ/ø/å folded, and the
  parts of compounds at the compound's position ("skybrudsplan" also gives skybrud, plan);
- exact: lower case words, not stemmed, not folded, stop words kept, for quoted phrases
  (so "for" never matches "før").
Both split hyphenated words into their pieces, so "CO2-fangst", "CO2 fangst" and "co2-fangst"
are read the same way, and both read compatibility characters plainly ("CO₂" as "CO2", the PDF
ligature "ﬁ" as "fi").

The query side uses the pure functions below rather than the analyzers, with the same rules.
Bump ANALYZER_VERSION whenever any of this (or klimaviden.danish) changes what terms a text gives:
an index built with another version is rebuilt in full by the next reindex.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import Filter, StopFilter, Tokenizer

from klimaviden.danish import compound_parts, is_stopword, term_variants
from klimaviden.danish.stopwords import STOPWORDS

ANALYZER_VERSION = 3


def _vocabulary_fingerprint() -> str:
    """Changes when the compound vocabulary changes (the domain list or the wordfreq release)."""
    import hashlib
    from importlib import metadata, resources

    domain = resources.files("klimaviden.danish").joinpath("data/domain_words.txt").read_bytes()
    digest = hashlib.sha256(domain + metadata.version("wordfreq").encode("ascii"))
    return digest.hexdigest()[:12]


# What the index records: a different value means the stored terms are stale (full rebuild).
ANALYZER_FINGERPRINT = f"{ANALYZER_VERSION}.{_vocabulary_fingerprint()}"

_WORD = re.compile(r"\w+", re.UNICODE)


_SECTION = "\x1e"  # starts a weighted section: _SECTION, boost digits, _BOOST_END, text
_BOOST_END = "\x1f"
SECTION_GAP = 10  # positions between sections, so a phrase never spans a title and the body


def weighted(*sections: tuple[str, float]) -> str:
    """One field value made of sections that weigh differently: title, headings, body.

    >>> weighted(("Skybrud", 3.0), ("Regn i byen", 1.0)).count(_SECTION)
    2
    """
    return "".join(f"{_SECTION}{boost:g}{_BOOST_END}{text}" for text, boost in sections if text)


def _sections(value: str):
    if not value.startswith(_SECTION):
        yield 1.0, value
        return
    for chunk in value.split(_SECTION)[1:]:
        boost, _, text = chunk.partition(_BOOST_END)
        yield float(boost), text


class WordTokenizer(Tokenizer):
    """Lower-case words with positions and character offsets; hyphens separate words. A value
    built by weighted() gives its sections' words their section's boost."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        from whoosh.analysis import Token

        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not unicodedata.is_normalized("NFKC", value):  # "CO₂" -> "CO2", "ﬁ" -> "fi"
            value = unicodedata.normalize("NFKC", value)
        pos = start_pos
        for boost, text in _sections(value):
            for match in _WORD.finditer(text):
                token.text = match.group(0).lower()
                token.stopped = False
                token.boost = boost
                if keeporiginal:
                    token.original = match.group(0)
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                pos += 1
                yield token
            pos += SECTION_GAP


class DanishTermFilter(Filter):
    """Replaces each word by its folded stem(s); at index time adds the parts of a compound at the
    compound's own position."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for token in tokens:
            for text in (index_terms(token.text) if token.mode != "query" else term_variants(token.text)):
                token.text = text
                yield token


@lru_cache(maxsize=200_000)
def index_terms(word: str) -> tuple[str, ...]:
    """All index terms of one lower-case word: its stems and those of its compound parts."""
    terms = list(term_variants(word))
    for part in compound_parts(word):
        terms.extend(v for v in term_variants(part) if v not in terms)
    return tuple(terms)


def stemmed_analyzer():
    return WordTokenizer() | StopFilter(stoplist=STOPWORDS, minsize=1, renumber=False) | DanishTermFilter()


def exact_analyzer():
    return WordTokenizer()


# -- the query side: the same rules as pure functions ------------------------------------------


def pieces(word: str) -> list[str]:
    """The lower-case words inside one user word: "CO2-fangst" -> ["co2", "fangst"]."""
    word = unicodedata.normalize("NFKC", word).lower()
    return _WORD.findall(word)


def stemmed_alternatives(word: str) -> list[tuple[str, ...]]:
    """For one user word: per piece, the index terms any of which matches it; stop words dropped.

    >>> stemmed_alternatives("CO2-fangst")
    [('co2',), ('fangst',)]
    """
    return [term_variants(p) for p in pieces(word) if not is_stopword(p)]


def exact_terms(words) -> list[str]:
    """The exact-field terms of a phrase's words, in order."""
    return [p for word in words for p in pieces(word)]


