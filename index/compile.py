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
from klimaviden.danish import is_question_word, words

OPTIONAL_WEIGHT = 0.1  # what a question word ("hvordan", "kan") adds, against 1 for other words


@dataclass(frozen=True)
class Piece:
    """One word (or hyphen piece) of the query: any of its spellings matches."""

    terms: tuple[tuple[str, str], ...]  # (field, term) alternatives


@dataclass(frozen=True)
class Clause:
    """A user word (its pieces all required) or a quoted phrase (pieces in order)."""

    pieces: tuple[Piece, ...]
    phrase: tuple[str, ...] | None = None  # exact words that must also stand in this order
    optional: bool = False  # never required to match; only adds to the score
    weight: float = 1.0  # multiplies the clause's score


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
            found.append(Clause(pieces, optional=_is_question(word), weight=1.0))
    if all(c.optional for c in found) and not user.phrases:  # "hvordan" alone: search for it
        return [Clause(c.pieces) for c in found]
    return [Clause(c.pieces, optional=True, weight=OPTIONAL_WEIGHT) if c.optional else c for c in found]


def _is_question(word: str) -> bool:
    return all(is_question_word(w) for w in words(word))


def _phrase_clauses(user: UserQuery) -> list[Clause]:
    found = []
    for words in user.phrases:
        terms = exact_terms(words)
        if terms:
            order = tuple(terms) if len(terms) > 1 else None
            found.append(Clause(tuple(Piece(((EXACT, t),)) for t in terms), order))
    return found


def _needles(clauses) -> tuple[str, ...]:
    """The terms of the words to highlight: all but question words and phrases (highlighted whole)."""
    return tuple(
        t for c in clauses if not c.optional and c.phrase is None for p in c.pieces for _, t in p.terms
    )


def compile_query(user: UserQuery) -> Compiled:
    word_clauses = _word_clauses(user)
    return Compiled(
        clauses=tuple(word_clauses + _phrase_clauses(user)),
        needles=_needles(word_clauses),
        phrases=tuple(tuple(exact_terms(p)) for p in user.phrases),
    )
