"""Whoosh analyzers over klimaviden.danish, so the index understands words as ingestion does.

Two ways of reading text:
- stemmed: lower case, Danish stop words removed, Danish Snowball stems with æ/ø/å folded, and the
  parts of compounds at the compound's position ("skybrudsplan" also gives skybrud, plan);
- exact: lower case words, not stemmed, not folded, stop words kept, for quoted phrases
  (so "for" never matches "før").
Both split hyphenated words into their pieces, so "CO2-fangst", "CO2 fangst" and "co2-fangst"
are read the same way, and both read compatibility characters plainly ("CO₂" as "CO2", the PDF
ligature "ﬁ" as "fi").

The rules themselves are pure functions in klimaviden.danish (normalize, word_spans, index_terms,
query_alternatives); this module only adapts them to Whoosh's tokenizer and filter interfaces, and
the query side calls the same functions. Bump ANALYZER_VERSION whenever any of this (or
klimaviden.danish) changes what terms a text gives: an index built with another version is rebuilt
in full by the next reindex, and tests/index/test_index_analysis_golden.py fails until then.
"""

from __future__ import annotations

import hashlib
from importlib import metadata, resources

from whoosh.analysis import Filter, StopFilter, Token, Tokenizer

from klimaviden.danish import index_terms, normalize, query_alternatives, term_variants, word_spans, words
from klimaviden.danish.stopwords import STOPWORDS

ANALYZER_VERSION = 4  # 4: query words in -ere also match their -ering nouns and back (query side)


def _vocabulary_fingerprint() -> str:
    """Changes when the compound vocabulary changes (the domain list or the wordfreq release)."""
    domain = resources.files("klimaviden.danish").joinpath("data/domain_words.txt").read_bytes()
    digest = hashlib.sha256(domain + metadata.version("wordfreq").encode("ascii"))
    return digest.hexdigest()[:12]


# What the index records: a different value means the stored terms are stale (full rebuild).
ANALYZER_FINGERPRINT = f"{ANALYZER_VERSION}.{_vocabulary_fingerprint()}"

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


class Words:
    """A field value already split into words, for analysing one text for several fields while
    reading it once: each field's analyzer takes it in place of the text and gives what it would
    have given for the text (its WordTokenizer replays these words)."""

    __slots__ = ("spans",)

    def __init__(self, value: str):
        self.spans = tuple(_word_spans(value))


def _word_spans(value: str):
    """(word, position, boost, start, end, section text) of each word of a field value; start and
    end are offsets in the section's text (a weighted() value's title, headings or body)."""
    pos = 0
    for boost, text in _sections(normalize(value)):
        for word, start, end in word_spans(text):
            yield word, pos, boost, start, end, text
            pos += 1
        pos += SECTION_GAP


class WordTokenizer(Tokenizer):
    """Lower-case words with positions and character offsets; hyphens separate words. A value
    built by weighted() gives its sections' words their section's boost. The value may also be
    a Words (the text split once already)."""

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
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        spans = value.spans if isinstance(value, Words) else _word_spans(value)
        for word, pos, boost, start, end, text in spans:
            token.text = word
            token.stopped = False
            token.boost = boost
            if keeporiginal:
                token.original = text[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


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


def stemmed_analyzer():
    return WordTokenizer() | StopFilter(stoplist=STOPWORDS, minsize=1, renumber=False) | DanishTermFilter()


def exact_analyzer():
    return WordTokenizer()


# -- the query side: the same rules, called directly -------------------------------------------

stemmed_alternatives = query_alternatives


def exact_terms(phrase_words) -> list[str]:
    """The exact-field terms of a phrase's words, in order."""
    return [w for word in phrase_words for w in words(word)]
