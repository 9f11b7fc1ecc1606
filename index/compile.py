"""Query compilation: the user's words and phrases as clauses of index terms, and the needles
that highlight them in a snippet. Search and spelling suggestion both compile through here.

A clause is one user word (all its pieces required: "CO2-fangst" is co2 and fangst) or one quoted
phrase (its words in this order); index/ranking.py matches and scores clauses.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.analysis import exact_terms, stemmed_alternatives
from index.fields import EXACT, STEMMED
from index.forms import as_written
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
    phrase: tuple[tuple[str, ...], ...] | None = None  # per position, the exact words allowed there
    optional: bool = False  # never required to match; only adds to the score
    weight: float = 1.0  # multiplies the clause's score


@dataclass(frozen=True)
class Compiled:
    clauses: tuple[Clause, ...]
    needles: tuple[str, ...]  # folded stems to highlight
    phrases: tuple[tuple[tuple[str, ...], ...], ...]  # phrases to highlight, as Clause.phrase


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
    if all(c.optional for c in found) and not (user.phrases or user.exact_phrases):  # "hvordan" alone: search for it
        return [Clause(c.pieces) for c in found]
    return [Clause(c.pieces, optional=True, weight=OPTIONAL_WEIGHT) if c.optional else c for c in found]


def _is_question(word: str) -> bool:
    return all(is_question_word(w) for w in words(word))


def _phrase_clause(words: tuple[str, ...], forms) -> tuple[Clause, tuple] | None:
    """A phrase: its words must stand in this order, each in one of its `forms` (a word ->
    exact words function: all inflections for "...", the word itself for ="...")."""
    terms = exact_terms(words)
    if not terms:
        return None
    positions = tuple(forms(t) for t in terms)
    # which documents: the phrase's words by stem (fast), unless stems cannot say it
    stemmed = tuple(
        Piece(tuple((STEMMED, v) for v in variants)) for variants in stemmed_alternatives(" ".join(words))
    )
    exact = tuple(Piece(tuple((EXACT, f) for f in alternatives)) for alternatives in positions)
    pieces = stemmed if stemmed and forms is not as_written else exact
    return Clause(pieces, positions if len(terms) > 1 else None), positions


def _needles(clauses) -> tuple[str, ...]:
    """The terms of the words to highlight: all but question words and phrases (highlighted whole)."""
    return tuple(
        t for c in clauses if not c.optional and c.phrase is None for p in c.pieces for _, t in p.terms
    )


def compile_query(user: UserQuery, forms=as_written) -> Compiled:
    """The clauses and highlight needles of a query; `forms` gives a word's inflected forms in the
    index (index/forms.py), so quoted phrases match inflections."""
    word_clauses = _word_clauses(user)
    phrases = [(words, forms) for words in user.phrases] + [(w, as_written) for w in user.exact_phrases]
    compiled = [found for words, f in phrases if (found := _phrase_clause(words, f)) is not None]
    return Compiled(
        clauses=tuple(word_clauses) + tuple(clause for clause, _ in compiled),
        needles=_needles(word_clauses),
        phrases=tuple(positions for _, positions in compiled),
    )
