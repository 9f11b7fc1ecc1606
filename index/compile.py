"""Query compilation: the user's words and phrases as clauses of index terms, and the needles
that highlight them in a snippet. Search and spelling suggestion both compile through here.

A clause is one user word (all its pieces required: "CO2-fangst" is co2 and fangst) or one quoted
phrase (its words in this order); index/ranking.py matches and scores clauses.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.analysis import exact_terms, stemmed_alternatives
from index.fields import EXACT, STEMMED
from index.query import UserQuery


@dataclass(frozen=True)
class Piece:
    """One word (or hyphen piece) of the query: any of its spellings matches."""

    terms: tuple[tuple[str, str], ...]  # (field, term) alternatives


@dataclass(frozen=True)
class Clause:
    """A user word (its pieces all required) or a quoted phrase (pieces in order)."""

    pieces: tuple[Piece, ...]
    phrase: tuple[str, ...] | None = None  # exact words that must also stand in this order


@dataclass(frozen=True)
class Compiled:
    clauses: tuple[Clause, ...]
    needles: tuple[str, ...]  # folded stems to highlight
    phrases: tuple[tuple[str, ...], ...]  # exact word sequences to highlight


def _word_clauses(user: UserQuery) -> list[Clause]:
    found = []
    only_stop_words = not any(stemmed_alternatives(w) for w in user.words)
    for word in user.words:
        alternatives = stemmed_alternatives(word)
        if alternatives:
            pieces = tuple(Piece(tuple((STEMMED, v) for v in variants)) for variants in alternatives)
        elif only_stop_words:  # "for", "og": look for the words themselves in the exact text
            pieces = tuple(Piece(((EXACT, t),)) for t in exact_terms([word]))
        else:  # a stop word beside real words adds nothing
            continue
        if pieces:
            found.append(Clause(pieces))
    return found


def _phrase_clauses(user: UserQuery) -> list[Clause]:
    found = []
    for words in user.phrases:
        terms = exact_terms(words)
        if terms:
            order = tuple(terms) if len(terms) > 1 else None
            found.append(Clause(tuple(Piece(((EXACT, t),)) for t in terms), order))
    return found


def _needles(user: UserQuery) -> tuple[str, ...]:
    stems = [v for w in user.words for variants in stemmed_alternatives(w) for v in variants]
    if not stems:  # the query is stop words only
        stems = [t for w in user.words for t in exact_terms([w])]
    return tuple(stems)


def compile_query(user: UserQuery) -> Compiled:
    return Compiled(
        clauses=tuple(_word_clauses(user) + _phrase_clauses(user)),
        needles=_needles(user),
        phrases=tuple(tuple(exact_terms(p)) for p in user.phrases),
    )
