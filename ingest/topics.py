"""Assigning DK2020 topics to a document from its analysed text.

A term matches a word when their Danish stems are equal ("varmepumper" ~ "varmepumpe"), or as part
of a compound: the term's stem (at least 5 letters) begins or ends the word's stem, or the term's
word begins the word ("fjernvarmenettet" ~ "fjernvarme", "skybrudsplan" ~ "skybrud",
"klimaledelsen" ~ "ledelse"). Multi-word terms match as a phrase of stems, stop words skipped.

Evidence is weighted: a match in the title counts 3, in the opening of the text (first 60 words) 2,
elsewhere 1. A topic is assigned at a score of at least 2 (and, in a long text, at least one match
per 1,500 words), so two mentions anywhere or one in the title or opening are enough, but a single
passing mention further down (a footer, a list of earlier themes) is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.document import TopicMatch
from ingest.taxonomy import Topic
from klimaviden.danish import analyze_terms, fold, tokenize

TITLE_WEIGHT = 3
OPENING_WEIGHT = 2
BODY_WEIGHT = 1
OPENING_WORDS = 60
MIN_SCORE = 2
WORDS_PER_REQUIRED_MATCH = 1500
MIN_COMPOUND_STEM = 5
MIN_COMPOUND_WORD = 5
MAX_INFLECTION = 4


@dataclass(frozen=True)
class _Item:
    """One analysed word (or hyphen part): its folded form, its stem and the token it came from."""

    word: str
    stem: str
    token: int


@dataclass(frozen=True)
class _Term:
    text: str
    words: tuple[str, ...]
    stems: tuple[str, ...]


def match_topics(title: str, body: str, topics: tuple[Topic, ...]) -> tuple[TopicMatch, ...]:
    """The topics whose evidence passes the threshold, best first, each with its triggering terms."""
    title_items, _ = _analyse(title)
    body_items, body_words = _analyse(body)
    required = max(MIN_SCORE, body_words / WORDS_PER_REQUIRED_MATCH)
    matches = []
    for topic in topics:
        score = 0
        triggered: list[str] = []
        for term in _compiled(topic):
            hits = _count(term, title_items) * TITLE_WEIGHT
            for token in _hits(term, body_items):
                hits += OPENING_WEIGHT if token < OPENING_WORDS else BODY_WEIGHT
            if hits:
                score += hits
                triggered.append(term.text)
        if triggered and score >= required:
            matches.append(TopicMatch(topic.slug, tuple(triggered), float(score)))
    order = {t.slug: i for i, t in enumerate(topics)}
    return tuple(sorted(matches, key=lambda m: (-m.score, order[m.slug])))


def _count(term: _Term, items: list[_Item]) -> int:
    return len(_hits(term, items))


def _hits(term: _Term, items: list[_Item]) -> list[int]:
    """Token positions where the term matches (once per token)."""
    found: list[int] = []
    size = len(term.stems)
    for start in range(len(items) - size + 1):
        window = items[start : start + size]
        if size == 1:
            ok = _word_matches(window[0], term.words[0], term.stems[0])
        else:
            ok = all(item.stem == stem for item, stem in zip(window, term.stems))
        if ok and (not found or found[-1] != window[0].token):
            found.append(window[0].token)
    return found


def _word_matches(item: _Item, term_word: str, term_stem: str) -> bool:
    if item.stem == term_stem or item.word == term_word:
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
        items.extend(_Item(word, stem, index) for word, stem in _token_items(token.text))
    return items, len(tokens)


@lru_cache(maxsize=100_000)
def _token_items(token: str) -> tuple[tuple[str, str], ...]:
    """(folded word, stem) pairs of one token; hyphen parts separately, stop words dropped."""
    stems = analyze_terms(token)
    parts = [fold(p) for p in re.split(r"[-‐‑]", token.lower()) if p]
    if len(parts) != len(stems):
        # The analyser dropped stop-word parts or added compound parts: pair stems with the whole word.
        return tuple((fold(token.lower()), s) for s in stems)
    return tuple(zip(parts, stems))


@lru_cache(maxsize=64)
def _compiled(topic: Topic) -> tuple[_Term, ...]:
    compiled = []
    for text in topic.terms:
        pairs = [pair for token in tokenize(text) for pair in _token_items(token.text)]
        if pairs:
            compiled.append(_Term(text, tuple(w for w, _ in pairs), tuple(s for _, s in pairs)))
    return tuple(compiled)
