"""Matching and BM25 ranking from cached per-term postings, instead of Whoosh's matchers.

Whoosh scores every hit of a query through layers of Python matcher objects (about 5 µs per hit
and term); a common word at 20,000 documents costs 100 ms. Here each term's postings are read
once per open reader into a bitset (which documents) and a dense array of BM25 contributions (how
well each matches), kept in a small LRU cache. A query is then bitset operations for matching and,
for ranking, numpy sums of the array entries of the hits and a partial sort for the best page (in C:
a Python loop over 15,000 hits of a common word cost 10-20 ms). Scores are summed in float64 in
clause order, as a Python loop would, so the ranking does not depend on how it is computed. Clauses
come from index/compile.py.

The postings themselves are read by index/postings.py, the one module that knows Whoosh's storage.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from index import bits, proximity
from index.fields import EXACT, STEMMED
from index.postings import Postings

K1 = 1.2
B = 0.75
# A rare term keeps only its own documents' scores (8 bytes a posting, a few KB); a term in more
# than COMMON_SHARE of the documents keeps a dense array (4 bytes a document: 80 KB at 20,000),
# read directly by docnum. Common terms are costly to read again (tens of milliseconds at 20,000
# documents), so they have a cache of their own that rarer terms cannot flush: a long query of 32
# rare compounds would otherwise push "kan" or "kommune" out. The bench's 285 queries use 166
# common terms at 20,000 documents: a cache of 128 read 100 of them again on every pass.
CACHED_TERMS = 512
COMMON_SHARE = 0.05
CACHED_COMMON_TERMS = 384  # at most 31 MB at 20,000 documents


@dataclass(frozen=True)
class TermData:
    """A term's documents and BM25 contributions: `scores` per docnum (dense), or, when `docnums`
    is given, per entry of `docnums` (the term's documents, ascending)."""

    mask: int
    scores: np.ndarray  # float32
    docnums: np.ndarray | None = None

    def at(self, docnums: np.ndarray) -> np.ndarray:
        """The term's float32 contribution for each of the docnums (0.0 where it is absent)."""
        if self.docnums is None:
            return np.asarray(self.scores)[docnums]
        if not len(self.docnums):
            return np.zeros(len(docnums), dtype=np.float32)
        where = np.minimum(np.searchsorted(self.docnums, docnums), len(self.docnums) - 1)
        return np.where(self.docnums[where] == docnums, self.scores[where], np.float32(0.0))

    def best(self) -> float:
        """The highest contribution of the term in any document."""
        return float(np.max(self.scores)) if len(self.scores) else 0.0


class TermIndex:
    """Per open searcher: field lengths and the cached postings of recently used terms."""

    def __init__(self, searcher, live: int, field: str = STEMMED, postings: Postings | None = None):
        self.searcher = searcher
        self.live = live
        reader = searcher.reader()
        self.postings = postings if postings is not None else Postings(reader)
        self.size = reader.doc_count_all()
        self.count = max(reader.doc_count(), 1)
        self.lengths = self.postings.field_lengths(field)
        total = sum(self.lengths.tolist())  # in document order, as the scores were always computed
        self.average = (total / self.count) or 1.0
        self._cache: OrderedDict[tuple[str, str], TermData] = OrderedDict()
        self._common: OrderedDict[tuple[str, str], TermData] = OrderedDict()
        # (field, words, slop) -> (documents looked at, those among them where the phrase stands)
        self._phrases: OrderedDict[object, tuple[int, int]] = OrderedDict()

    def term(self, field: str, text: str) -> TermData:
        key = (field, text)
        for cache in (self._common, self._cache):
            found = cache.get(key)
            if found is not None:
                cache.move_to_end(key)
                return found
        found = self._read(field, text)
        common = found.docnums is None
        cache, limit = (self._common, CACHED_COMMON_TERMS) if common else (self._cache, CACHED_TERMS)
        cache[key] = found
        if len(cache) > limit:
            cache.popitem(last=False)
        return found

    def preload(self, field: str, number: int) -> int:
        """Read the postings of the field's `number` most frequent terms into the cache of common
        terms (at most its size), as a search would; how many were read."""
        number = min(number, CACHED_COMMON_TERMS)
        reader = self.searcher.reader()
        texts = [text for _, text in reader.most_frequent_terms(field, number=number)] if self.size else []
        for text in texts:
            self.term(field, text.decode("utf-8") if isinstance(text, bytes) else text)
        return len(texts)

    def _read(self, field: str, text: str) -> TermData:
        docnums, weights = self.postings.read(field, text)
        found = np.asarray(docnums, dtype=np.int64)
        mask = bits.from_docnums(found, self.size) & self.live
        scores = np.zeros(len(found), dtype=np.float32)
        if len(found):
            frequency = bits.count(mask) or len(found)
            idf = math.log(1 + (self.count - frequency + 0.5) / (frequency + 0.5))
            weight = np.asarray(weights, dtype=np.float64)
            # float64 throughout, in the order of the formula, then stored as float32
            norm = K1 * ((1 - B) + B * self.lengths[found].astype(np.float64) / self.average)
            scores[:] = idf * weight * (K1 + 1) / (weight + norm)
        if bits.count(mask) > COMMON_SHARE * self.count:
            dense = np.zeros(self.size, dtype=np.float32)
            dense[found] = scores
            return TermData(mask, dense)
        return TermData(mask, scores, found.astype(np.int32))

    def in_order(self, field: str, words: tuple[tuple[str, ...], ...], candidates: int, slop: int = 0) -> int:
        """Among the candidates (documents with all the words), those where the words stand in
        this order, each position in any of its forms: next to each other, or (`slop`) with at
        most that many other words between them in all. Reads positions for the candidates
        only, once for the exact phrase and its words close together (proximity.NEAR_SLOP),
        which a phrase that finds few documents asks for next; cached per document looked at,
        so a later call reads only the candidates not looked at before."""
        key = (field, words, slop)
        looked, found = self._phrases.get(key, (0, 0))
        if key in self._phrases:
            self._phrases.move_to_end(key)
        new = candidates & ~looked
        if not new:
            return found & candidates
        # left to right: where the first words stand in order, then only there the next word
        reach = max(slop, proximity.NEAR_SLOP)
        states = proximity.start(self._places(field, words[0], bits.flags_of(new, self.size)))
        for forms in words[1:]:
            if not len(states[0]):
                break
            wanted = np.zeros(self.size, dtype=bool)
            wanted[proximity.documents(states)] = True
            states = proximity.advance(states, self._places(field, forms, wanted), reach)
        docnums, fewest = proximity.fewest_between(states)
        for level in dict.fromkeys((0, reach, slop)):
            mask = bits.from_docnums(docnums[fewest <= level], self.size)
            level_key = (field, words, level)
            if level_key in self._phrases:  # what an earlier call found stays: other documents
                seen, earlier = self._phrases[level_key]
                self._phrases[level_key] = (seen | new, earlier | mask)
            else:
                self._phrases[level_key] = (new, mask)
            if len(self._phrases) > CACHED_TERMS:
                self._phrases.popitem(last=False)
        return self._phrases[key][1] & candidates

    def _places(self, field: str, forms: tuple[str, ...], wanted: np.ndarray) -> np.ndarray:
        """The places (proximity.places) of any of the forms, in the wanted documents (wanted[docnum])."""
        found = [self.postings.positions(field, form, wanted) for form in forms]
        return proximity.places(np.concatenate([d for d, _ in found]), np.concatenate([p for _, p in found]))

    def frequency(self, field: str, text: str) -> int:
        return bits.count(self.term(field, text).mask)


def piece_mask(index: TermIndex, piece) -> int:
    mask = 0
    for field, text in piece.terms:
        mask |= index.term(field, text).mask
    return mask


def clause_mask(index: TermIndex, clause, within: int | None = None) -> int:
    """Documents with all the clause's pieces (in order, for a phrase), or matching any of its
    alternatives (synonyms); among `within` only (default: every live document), so a phrase's
    positions are read only for documents that can still match."""
    within = index.live if within is None else within
    mask = within if clause.pieces else 0
    for piece in clause.pieces:
        mask &= piece_mask(index, piece)
        if not mask:
            break
    if clause.phrase and mask:
        mask = index.in_order(EXACT, clause.phrase, mask, clause.slop)
    for alternative in clause.alternatives:
        mask |= clause_mask(index, alternative, within)
    return mask


def _reads_positions(clause) -> bool:
    return bool(clause.phrase) or any(_reads_positions(a) for a in clause.alternatives)


def required(clauses) -> list:
    """The clauses a document must match: all but the optional ones."""
    return [c for c in clauses if not c.optional]


def match(index: TermIndex, clauses, any_clause: bool = False) -> int:
    """Documents matching all required clauses (or any of them), as a bitset."""
    clauses = required(clauses)
    if not clauses:
        return 0
    if any_clause:
        mask = 0
        for clause in clauses:
            mask |= clause_mask(index, clause)
        return mask
    mask = index.live
    # the clauses that need word positions last, each among the documents the others left
    for clause in sorted(clauses, key=_reads_positions):
        mask = clause_mask(index, clause, mask)
        if not mask:
            return 0
    return mask


def _weighted_terms(index: TermIndex, clauses, weight: float = 1.0) -> list[tuple[TermData, float]]:
    found = []
    for c in clauses:
        found.extend((index.term(f, t), weight * c.weight) for p in c.pieces for f, t in p.terms)
        found.extend(_weighted_terms(index, c.alternatives, weight * c.weight))
    return found


def weighted_sum(weighted, docnums: np.ndarray) -> np.ndarray:
    """Per docnum, the float64 sum of the term's contribution x weight over the (TermData,
    weight) pairs, added in their order (as Python's `sum()` over them would)."""
    total = np.zeros(len(docnums), dtype=np.float64)
    for data, w in weighted:
        picked = data.at(docnums).astype(np.float64)
        total += picked if w == 1.0 else picked * w
    return total


def _scored(index: TermIndex, clauses, docnums: np.ndarray) -> np.ndarray:
    """The float64 score of each of the docnums: the sum of its unweighted terms' contributions
    in clause order, plus the sum of its weighted ones."""
    weighted = _weighted_terms(index, clauses)
    total = weighted_sum([(data, 1.0) for data, w in weighted if w == 1.0], docnums)
    scaled = [(data, w) for data, w in weighted if w != 1.0]
    return total + weighted_sum(scaled, docnums) if scaled else total


def best(scores: np.ndarray, docnums: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """The `limit` best (docnum, score), best first, docnum order on ties."""
    if len(scores) > limit:
        kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= kth  # the limit best, and every hit tied with the last of them
        scores, docnums = scores[keep], docnums[keep]
    order = np.lexsort((docnums, -scores))[:limit]
    return list(zip(docnums[order].tolist(), scores[order].tolist()))


def top(index: TermIndex, clauses, hits: int, limit: int) -> list[tuple[int, float]]:
    """The `limit` best-scoring documents among the hits, best first (docnum order on ties).

    Optional clauses (question words) add at most `bound` to a score, so they are added only for
    the hits whose score without them is within `bound` of the limit-th best: the result is the
    same as scoring every hit with them, at the cost of a query without them."""
    docnums = bits.to_array(hits)
    if not len(docnums) or limit <= 0:
        return []
    main = [c for c in clauses if not c.optional]
    extra = [c for c in clauses if c.optional]
    if not main or not extra:
        return best(_scored(index, clauses, docnums), docnums, limit)
    scores = _scored(index, main, docnums)
    if len(scores) > limit:
        bound = sum(data.best() * w for data, w in _weighted_terms(index, extra))
        cutoff = np.partition(scores, len(scores) - limit)[len(scores) - limit] - bound
        keep = scores >= cutoff
        scores, docnums = scores[keep], docnums[keep]
    return best(scores + _scored(index, extra, docnums), docnums, limit)


def top_in_tiers(index: TermIndex, clauses, tiers, limit: int) -> list[tuple[int, float]]:
    """As top(), over tiers of hits (disjoint bitsets): all of a tier before the next one. Only
    the tiers that fill the `limit` are scored."""
    found: list[tuple[int, float]] = []
    for tier in tiers:
        if len(found) >= limit:
            break
        if tier:
            found.extend(top(index, clauses, tier, limit - len(found)))
    return found


def coordination_tiers(index: TermIndex, clauses, hits: int) -> list[int]:
    """The hits by how many of the required clauses they match, most first: the order of an OR
    fallback ("the documents with most of your words first"). Counted for all hits at once
    with a bit-sliced adder over the clauses' bitsets."""
    planes: list[int] = []  # planes[i]: the documents whose count has bit i set
    for clause in required(clauses):
        carry = clause_mask(index, clause) & hits
        i = 0
        while carry:
            if i == len(planes):
                planes.append(0)
            planes[i], carry = planes[i] ^ carry, planes[i] & carry
            i += 1
    tiers = []
    for count in range((1 << len(planes)) - 1, 0, -1):
        tier = hits
        for i, plane in enumerate(planes):
            tier &= plane if count >> i & 1 else ~plane
            if not tier:
                break
        if tier:
            tiers.append(tier)
    return tiers


def scores_of(index: TermIndex, clauses, docnums: list[int]) -> dict[int, float]:
    found = np.asarray(docnums, dtype=np.int64)
    return dict(zip(docnums, _scored(index, clauses, found).tolist()))
