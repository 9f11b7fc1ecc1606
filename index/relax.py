"""A query that finds few documents is widened, as a reader of the results would wish.

A phrase in quotes asks for its words next to each other in this order. When a query finds fewer
than RELAX_BELOW documents (under the filters), the documents where the phrase's words stand close
together (in this order, at most proximity.NEAR_SLOP other words between them: "udtagning og
vådlægning af lavbundsjorder" for "udtagning af lavbundsjorder") follow the exact hits, and then
the documents with all the phrase's words anywhere. The search says so (`phrase_relaxed`). An
exact phrase, ="...", is never relaxed. Then a compound word's longer compounds ("varmeplan":
"varmeplanlægning", which the index splits as varme and planlægning) and its parts written apart
close together ("sortering af affald" for "affaldssortering") find more documents, ranked after
those with the word itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from index import bits
from index.compile import Compiled, all_needles, widened_compounds
from index.ranking import TermIndex, match, top

RELAX_BELOW = 10  # fewer exact hits than a page of results


@dataclass(frozen=True)
class Relaxed:
    tiers: tuple[int, ...] = ()  # the hits in order: exact, then each looser step (disjoint)
    phrase: bool = False  # a quoted phrase was relaxed: documents without it are among the hits
    clauses: tuple = ()  # the clauses to score the widened hits by (the loosest step's)
    needles: tuple[str, ...] = ()  # the terms to highlight in the widened hits


def relaxed_tiers(terms: TermIndex, compiled: Compiled, matched: int, allowed: int, forms) -> Relaxed:
    """The hits of a query that finds few documents, widened: its quoted phrases' words close
    together, then anywhere, then its compound words' longer compounds ("varmeplan":
    "varmeplanlægning") and parts apart ("sortering af affald"; `forms`, the reader's WordForms,
    looks them up); each step's new documents ranked after the earlier ones. No tiers when
    the query finds enough documents, has nothing to relax or relaxing finds nothing more."""
    if bits.count(matched & allowed) >= RELAX_BELOW:
        return Relaxed()
    steps = [(True, clauses) for clauses in compiled.relaxed]
    extended = widened_compounds(compiled, forms)
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
    return Relaxed(tuple(tiers), phrase, loosest, compiled.needles + all_needles(loosest))


def top_relaxed(terms: TermIndex, compiled: Compiled, relaxed: Relaxed, tiers, limit: int) -> list[tuple[int, float]]:
    """As ranking.top_in_tiers, each tier scored by what its documents matched: the query's
    own documents by its clauses, as if it had not been widened; the others by the widened ones."""
    found: list[tuple[int, float]] = []
    own = relaxed.tiers[0]
    for tier in tiers:
        if len(found) >= limit:
            break
        clauses = compiled.clauses if not tier & ~own else relaxed.clauses
        found.extend(top(terms, clauses, tier, limit - len(found)))
    return found
