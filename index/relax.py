"""A quoted phrase that finds few documents is relaxed, as a reader of the results would wish.

A phrase in quotes asks for its words next to each other in this order. When that finds fewer
than RELAX_BELOW documents (under the filters), the documents where the phrase's words stand close
together (in this order, at most proximity.NEAR_SLOP other words between them: "udtagning og
vådlægning af lavbundsjorder" for "udtagning af lavbundsjorder") follow the exact hits, and then
the documents with all the phrase's words anywhere. The search says so (`phrase_relaxed`). An
exact phrase, ="...", is never relaxed.
"""

from __future__ import annotations

from index import bits
from index.compile import Compiled
from index.ranking import TermIndex, match

RELAX_BELOW = 10  # fewer exact hits than a page of results


def relaxed_tiers(terms: TermIndex, compiled: Compiled, matched: int, allowed: int) -> tuple[int, ...]:
    """The hits in the order of a relaxed phrase (exact, close together, anywhere; disjoint
    bitsets), or () when the query keeps its phrases strict: it has no quoted phrase, the exact
    phrase finds enough documents, or relaxing finds no more of them under the filters."""
    if not compiled.relaxed or bits.count(matched & allowed) >= RELAX_BELOW:
        return ()
    tiers, seen = [matched], matched
    for clauses in compiled.relaxed:
        more = match(terms, clauses) & ~seen
        if more:
            tiers.append(more)
            seen |= more
    if not (seen & ~matched & allowed):
        return ()
    return tuple(tiers)
