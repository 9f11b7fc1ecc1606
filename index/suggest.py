""""Did you mean": a corrected query when a word looks misspelled and the correction finds more."""

from __future__ import annotations

import re

from index import bits
from index.analysis import stemmed_alternatives
from index.compile import compile_query
from index.fields import EXACT, STEMMED
from index.query import parse_user_query
from index.ranking import match

MIN_WORD = 4


def _known(reader, word: str) -> bool:
    if reader.doc_frequency(EXACT, word):
        return True
    return any(
        reader.doc_frequency(STEMMED, v) for variants in stemmed_alternatives(word) for v in variants
    )


def correction(reader, word: str) -> str | None:
    """The most common indexed word within a small edit distance of an unknown word, or None."""
    word = word.lower()
    if len(word) < MIN_WORD or not word.isalpha() or _known(reader, word):
        return None
    maxdist = 1 if len(word) <= 5 else 2
    best = None
    for distance in range(1, maxdist + 1):
        candidates = [c for c in reader.terms_within(EXACT, word, distance, prefix=1) if c != word]
        if candidates:
            best = max(candidates, key=lambda c: (reader.doc_frequency(EXACT, c), c))
            break
    return best


def suggest(view, text: str, user, allowed: int, total: int) -> str | None:
    """A corrected version of text whose search (with the same filters) finds more than `total`."""
    reader = view.searcher.reader()
    fixed = {}
    for word in user.words:
        better = correction(reader, word)
        if better:
            fixed[word] = better
    if not fixed:
        return None
    suggested = text
    for wrong, right in fixed.items():
        suggested = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, suggested)
    found = compile_query(parse_user_query(suggested)).clauses
    if found and bits.count(match(view.terms, found) & allowed) > total:
        return suggested
    return None
