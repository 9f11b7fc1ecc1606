"""A query that finds few documents is widened, as a reader of the results would wish.

A phrase in quotes asks for its words next to each other in this order. When a query finds fewer
than RELAX_BELOW documents (under the filters), the documents where the phrase's words stand close
together (in this order, at most proximity.NEAR_SLOP other words between them: "udtagning og
vådlægning af lavbundsjorder" for "udtagning af lavbundsjorder") follow the exact hits, and then
the documents with all the phrase's words anywhere. The search says so (`phrase_relaxed`). An
exact phrase, ="...", is never relaxed. Then a compound word's longer compounds ("varmeplan":
"varmeplanlægning", which the index splits as varme and planlægning) find more documents, ranked
after those with the word itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from index import bits
from index.compile import Compiled, with_longer_compounds
from index.ranking import TermIndex, match

RELAX_BELOW = 10  # fewer exact hits than a page of results


@dataclass(frozen=True)
class Relaxed:
    tiers: tuple[int, ...] = ()  # the hits in order: exact, then each looser step (disjoint)
    phrase: bool = False  # a quoted phrase was relaxed: documents without it are among the hits
    clauses: tuple = ()  # the clauses to score all the hits by (the loosest step's)


def relaxed_tiers(terms: TermIndex, compiled: Compiled, matched: int, allowed: int, longer) -> Relaxed:
    """The hits of a query that finds few documents, widened: its quoted phrases' words close
    together, then anywhere, then its compound words' longer compounds ("varmeplan":
    "varmeplanlægning"; `longer` looks them up, index/forms.py); each step's new documents ranked
    after the earlier ones. No tiers when
    the query finds enough documents, has nothing to relax or relaxing finds nothing more."""
    if bits.count(matched & allowed) >= RELAX_BELOW:
        return Relaxed()
    steps = [(True, clauses) for clauses in compiled.relaxed]
    extended = with_longer_compounds(compiled, longer)
    if extended:
        steps.append((False, extended))
    tiers, seen, phrase, loosest = [matched], matched, False, compiled.clauses
    for is_phrase, clauses in steps:
        more = match(terms, clauses) & ~seen
        if more & allowed:
            tiers.append(more)
            seen |= more
            phrase = phrase or is_phrase
            loosest = clauses
    if len(tiers) == 1:
        return Relaxed()
    return Relaxed(tuple(tiers), phrase, loosest)
