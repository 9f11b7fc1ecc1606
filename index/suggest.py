""""Did you mean": the user's text with misspelled words corrected (index/spelling.py), and what
the corrected text finds. Search shows the correction's results when the text as typed finds
nothing, and offers it as a suggestion when it finds many more."""

from __future__ import annotations

from dataclasses import dataclass

from index import bits
from index.compile import Compiled, compile_query
from index.query import parse_user_query
from index.ranking import match

SUGGEST_BELOW = 3  # a query that finds fewer documents may be misspelled
SUGGEST_FACTOR = 5  # ... and the correction is offered when it finds at least this many times more


@dataclass(frozen=True)
class Correction:
    text: str
    compiled: Compiled
    matched: int  # documents the corrected text finds, before filters
    unknown: bool  # every corrected word was unknown to the index (not merely rare)


def correction(view, text: str, user) -> Correction | None:
    """The corrected text and what it finds, or None when no word needs correcting."""
    found = view.speller.correct_text(text, user.words)
    if found is None:
        return None
    fixed, unknown = found
    corrected = parse_user_query(fixed)
    compiled = compile_query(corrected, view.forms, view.synonyms, view.facets.organization_keys)
    return Correction(fixed, compiled, match(view.terms, compiled.clauses), unknown)


def worth_suggesting(found: int, corrected: int) -> bool:
    """Whether a correction that finds `corrected` documents (under the filters) beats the text
    as typed, which finds `found`."""
    return corrected > found and corrected >= SUGGEST_FACTOR * found


def counted(fix: Correction, allowed: int) -> int:
    return bits.count(fix.matched & allowed)
