"""index/ranking.py over hand-made term data: matching, optional clauses, synonyms' alternatives
and the coordination tiers of an OR fallback."""

from __future__ import annotations

import random
from array import array

import numpy as np

from index import bits
from index.compile import Clause, Piece
from index.ranking import TermData, coordination_tiers, match, top, top_in_tiers

SIZE = 64


class FakeTerms:
    """A TermIndex stand-in: term -> the documents holding it, each scoring 1.0."""

    def __init__(self, postings: dict[str, list[int]]):
        self.live = (1 << SIZE) - 1
        self.size = SIZE
        self._data = {}
        for term, docnums in postings.items():
            scores = array("f", (0.0,)) * SIZE
            for d in docnums:
                scores[d] = 1.0
            self._data[term] = TermData(bits.from_docnums(docnums, SIZE), scores)

    def term(self, field, text):
        return self._data.get(text, TermData(0, array("f", (0.0,)) * SIZE))


def word(text: str, **kwargs) -> Clause:
    return Clause((Piece((("text", text),)),), **kwargs)


TERMS = FakeTerms({f"w{i}": [d for d in range(SIZE) if d >> i & 1] for i in range(6)})


def test_coordination_tiers_hold_the_hits_by_how_many_clauses_they_match():
    clauses = [word(f"w{i}") for i in range(6)]
    hits = match(TERMS, clauses, any_clause=True)
    tiers = coordination_tiers(TERMS, clauses, hits)
    assert [sorted({bin(d).count("1") for d in bits.to_docnums(t)}) for t in tiers] == [
        [6], [5], [4], [3], [2], [1]
    ]
    assert sum(bits.count(t) for t in tiers) == bits.count(hits) == SIZE - 1


def test_tiers_come_before_scores():
    clauses = [word("w0"), word("w1")]
    ranked = top_in_tiers(TERMS, clauses, [bits.from_docnums([1], SIZE), bits.from_docnums([3, 2], SIZE)], 3)
    assert [d for d, _ in ranked] == [1, 3, 2]  # 3 has both words, so outscores 2 in its tier


def test_optional_clauses_never_decide_a_match_but_add_to_the_score():
    clauses = [word("w0"), word("w1", optional=True, weight=0.1)]
    assert bits.to_docnums(match(TERMS, clauses)) == bits.to_docnums(match(TERMS, [word("w0")]))
    best = top(TERMS, clauses, match(TERMS, clauses), 1)
    assert best[0][0] == 3 and abs(best[0][1] - 1.1) < 1e-6


def test_an_alternative_matches_instead_of_the_words_and_scores_its_weight():
    synonym = word("w2", weight=0.5)
    clause = Clause(word("w0").pieces + word("w1").pieces, alternatives=(synonym,))
    expected = {d for d in range(SIZE) if (d & 1 and d & 2) or d & 4}
    assert set(bits.to_docnums(match(TERMS, [clause]))) == expected
    only_synonym = top(TERMS, [clause], bits.from_docnums([4], SIZE), 1)
    assert only_synonym == [(4, 0.5)]


def test_optional_clauses_rank_as_if_every_hit_had_been_scored_with_them():
    rng = random.Random(7)
    postings = {f"t{i}": sorted(rng.sample(range(SIZE), rng.randrange(5, 50))) for i in range(5)}
    terms = FakeTerms(postings)
    for t, docnums in postings.items():  # varied scores
        for d in docnums:
            terms.term("text", t).scores[d] = rng.uniform(0.1, 3.0)
    optional = {"optional": True, "weight": 0.1}
    clauses = [word("t0"), word("t1"), word("t2", **optional), word("t3", **optional)]
    hits = match(terms, [word("t0")], any_clause=True) | match(terms, [word("t1")], any_clause=True)
    for limit in (1, 3, 10, 64):
        weights = (("t0", 1), ("t1", 1), ("t2", 0.1), ("t3", 0.1))
        full = [(sum(terms.term("text", t).scores[d] * w for t, w in weights), d) for d in bits.to_docnums(hits)]
        brute = sorted(full, key=lambda item: (-item[0], item[1]))[:limit]
        got = top(terms, clauses, hits, limit)
        assert [d for d, _ in got] == [d for _, d in brute]
        assert all(abs(s - b) < 1e-5 for (_, s), (b, _) in zip(got, brute))


def test_top_equals_a_full_sort_with_ties_broken_by_document_number():
    rng = random.Random(3)
    postings = {f"t{i}": sorted(rng.sample(range(SIZE), rng.randrange(10, 60))) for i in range(3)}
    terms = FakeTerms(postings)
    for t, docnums in postings.items():  # few distinct scores: many ties
        for d in docnums:
            terms.term("text", t).scores[d] = rng.choice((0.5, 1.0, 1.5))
    clauses = [word("t0"), word("t1", weight=0.5), word("t2")]
    hits = match(terms, clauses, any_clause=True)
    weights = (("t0", 1), ("t2", 1), ("t1", 0.5))
    full = [(sum(terms.term("text", t).scores[d] * w for t, w in weights), d) for d in bits.to_docnums(hits)]
    for limit in (1, 2, 5, 17, 64):
        brute = sorted(full, key=lambda item: (-item[0], item[1]))[:limit]
        assert top(terms, clauses, hits, limit) == [(d, s) for s, d in brute]


def test_a_rare_term_kept_sparse_scores_as_its_dense_array():
    rng = random.Random(9)
    docnums = np.array(sorted(rng.sample(range(SIZE), 12)), dtype=np.int32)
    values = np.array([rng.uniform(0.1, 3.0) for _ in docnums], dtype=np.float32)
    dense = np.zeros(SIZE, dtype=np.float32)
    dense[docnums] = values
    mask = bits.from_docnums(docnums.tolist(), SIZE)
    sparse_data, dense_data = TermData(mask, values, docnums), TermData(mask, dense)
    everyone = np.arange(SIZE)
    assert sparse_data.at(everyone).tolist() == dense_data.at(everyone).tolist()
    assert sparse_data.best() == dense_data.best()
    assert TermData(0, np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int32)).at(everyone).tolist() == [0.0] * SIZE
