"""Assigning DK2020 topics to a document from its analysed text.

A term matches a word when their Danish stems are equal ("varmepumper" ~ "varmepumpe"), when it is
one of the compound parts the shared analyser finds ("skybrudsplan": skybrud + plan), or as part of
a compound by spelling: the term's stem (at least 5 letters) begins or ends the word's stem, or the
term's word begins the word ("fjernvarmenettet" ~ "fjernvarme", "klimaledelsen" ~ "ledelse").
Multi-word terms match as a phrase of stems, stop words skipped.

Evidence is weighted: a match in the title counts 3, in the opening of the text (first 60 words) 2,
elsewhere 1. A topic is assigned at a score of at least 3 (and, in a long text, at least one match
per 1,500 words), so three mentions anywhere or one in the title are enough, but a passing mention
further down (a footer, a list of earlier themes) is not. A topic must also reach a sixth of the
strongest topic's score: a report about energy that names transport twice is not about transport.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ingest.document import TopicMatch
from ingest.taxonomy import Topic
from klimaviden.danish import analyze_terms, fold, tokenize

TITLE_WEIGHT = 3
OPENING_WEIGHT = 2
BODY_WEIGHT = 1
OPENING_WORDS = 60
MIN_SCORE = 3
MIN_SHARE_OF_BEST = 1 / 6
WORDS_PER_REQUIRED_MATCH = 1500
MIN_COMPOUND_STEM = 5
MIN_COMPOUND_WORD = 5
MAX_INFLECTION = 4
_MAX_KNOWN_WORDS = 200_000


class _Item(NamedTuple):
    """One analysed word (or hyphen part): its folded form, its stem, the stems of its compound
    parts (from the shared Danish analyser) and the token it came from. (A tuple: one is made for
    every word of every document.)"""

    word: str
    stem: str
    token: int
    parts: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)  # a dict key per hit: hashed by identity, not by its four fields
class _Term:
    topic: int
    text: str
    words: tuple[str, ...]
    stems: tuple[str, ...]


class _Matcher:
    """A taxonomy compiled for matching: single-word terms are tested once per distinct word (and
    remembered across documents), multi-word terms are looked up by their first stem."""

    def __init__(self, topics: tuple[Topic, ...]):
        self.terms: list[_Term] = []
        for index, topic in enumerate(topics):
            for text in topic.terms:
                pieces = [piece for token in tokenize(text) for piece in _token_items(token.text)]
                if pieces:
                    words = tuple(word for word, _, _ in pieces)
                    self.terms.append(_Term(index, text, words, tuple(stem for _, stem, _ in pieces)))
        self.singles = [t for t in self.terms if len(t.stems) == 1]
        self.phrases: dict[str, list[_Term]] = {}
        for term in self.terms:
            if len(term.stems) > 1:
                self.phrases.setdefault(term.stems[0], []).append(term)
        self._known: dict[tuple, tuple[_Term, ...]] = {}
        self.rank = {term: index for index, term in enumerate(self.terms)}  # taxonomy order

    def hits(self, items: list[_Item]) -> dict[_Term, list[int]]:
        """For each matching term, the token positions where it matches (once per token)."""
        found: dict[_Term, list[int]] = {}
        for index, item in enumerate(items):
            matched = list(self._singles_for(item))
            for phrase in self.phrases.get(item.stem, ()):
                window = items[index : index + len(phrase.stems)]
                if len(window) == len(phrase.stems) and all(i.stem == s for i, s in zip(window, phrase.stems)):
                    matched.append(phrase)
            for term in matched:
                positions = found.setdefault(term, [])
                if not positions or positions[-1] != item.token:
                    positions.append(item.token)
        return found

    def _singles_for(self, item: _Item) -> tuple[_Term, ...]:
        key = (item.word, item.stem, item.parts)
        if key not in self._known:
            if len(self._known) > _MAX_KNOWN_WORDS:
                self._known.clear()
            self._known[key] = tuple(t for t in self.singles if _word_matches(item, t.words[0], t.stems[0]))
        return self._known[key]


def match_topics(title: str, body: str, topics: tuple[Topic, ...]) -> tuple[TopicMatch, ...]:
    """The topics whose evidence passes the threshold, best first, each with its triggering terms."""
    matcher = _matcher(topics)
    title_items, _ = _analyse(title)
    body_items, body_words = _analyse(body)
    required = max(MIN_SCORE, body_words / WORDS_PER_REQUIRED_MATCH)
    title_hits = matcher.hits(title_items)
    body_hits = matcher.hits(body_items)
    scores = [0] * len(topics)
    triggered: list[list[str]] = [[] for _ in topics]
    for term in sorted(title_hits.keys() | body_hits.keys(), key=matcher.rank.__getitem__):  # only terms found
        hits = len(title_hits.get(term, ())) * TITLE_WEIGHT
        hits += sum(OPENING_WEIGHT if t < OPENING_WORDS else BODY_WEIGHT for t in body_hits.get(term, ()))
        if hits:
            scores[term.topic] += hits
            triggered[term.topic].append(term.text)
    required = max(required, max(scores, default=0) * MIN_SHARE_OF_BEST)
    matches = [
        TopicMatch(topic.slug, tuple(triggered[i]), float(scores[i]))
        for i, topic in enumerate(topics)
        if triggered[i] and scores[i] >= required
    ]
    order = {t.slug: i for i, t in enumerate(topics)}
    return tuple(sorted(matches, key=lambda m: (-m.score, order[m.slug])))


def _word_matches(item: _Item, term_word: str, term_stem: str) -> bool:
    if item.stem == term_stem or item.word == term_word or term_stem in item.parts:
        return True
    if len(term_stem) >= MIN_COMPOUND_STEM and len(item.stem) > len(term_stem):
        if item.stem.startswith(term_stem) or item.stem.endswith(term_stem):
            return True
    if len(term_word) >= MIN_COMPOUND_WORD and len(item.word) > len(term_word):
        if item.word.startswith(term_word):
            return True
        at = item.word.rfind(term_word)
        if at > 0 and len(item.word) - at - len(term_word) <= MAX_INFLECTION:
            return True
    return False


def _analyse(text: str) -> tuple[list[_Item], int]:
    """The analysed items of a text and its number of words (stop words included)."""
    items: list[_Item] = []
    tokens = tokenize(text)
    for index, token in enumerate(tokens):
        items.extend(_Item(word, stem, index, parts) for word, stem, parts in _token_items(token.text))
    return items, len(tokens)


@lru_cache(maxsize=100_000)
def _token_items(token: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(folded word, stem, compound part stems) for each hyphen part of a token, stop words dropped:
    "CO2-fangst" -> ("co2", "co2", ()), ("fangst", "fangst", ())."""
    pieces = []
    for part in re.split(r"[-‐‑]", token.lower()):
        terms = analyze_terms(part) if part else []
        if terms:
            pieces.append((fold(part), terms[0], tuple(terms[1:])))
    return tuple(pieces)


@lru_cache(maxsize=8)
def _matcher(topics: tuple[Topic, ...]) -> _Matcher:
    return _Matcher(topics)
