"""nDCG@10 and reciprocal rank on tiny rankings worked out by hand, and the averaging per kind."""

import math

import pytest

from bench.relevance.evaluate import score
from bench.relevance.judgements import JudgedQuery
from bench.relevance.metrics import dcg, ndcg_at, reciprocal_rank

JUDGED = {"a": 2, "c": 1}   # grades: gain 3 for a, 1 for c


def test_dcg_discounts_by_log2_of_rank_plus_one():
    assert dcg([2, 0, 1]) == pytest.approx(3 / 1 + 0 + 1 / 2)
    assert dcg([]) == 0


def test_ideal_ranking_scores_one():
    assert ndcg_at(10, ["a", "c"], JUDGED) == pytest.approx(1.0)
    assert ndcg_at(10, ["a", "c", "x", "y"], JUDGED) == pytest.approx(1.0)


def test_an_unjudged_document_in_between_costs_the_lower_grade_its_rank():
    # DCG 3 + 1/log2(4) = 3.5 against the ideal 3 + 1/log2(3)
    assert ndcg_at(10, ["a", "b", "c"], JUDGED) == pytest.approx(3.5 / (3 + 1 / math.log2(3)))


def test_the_better_document_second_scores_below_it_first():
    swapped = ndcg_at(10, ["c", "a"], JUDGED)
    assert swapped == pytest.approx((1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3)))
    assert swapped < ndcg_at(10, ["a", "c"], JUDGED)


def test_only_the_first_k_count():
    ranking = [f"x{i}" for i in range(10)] + ["a"]
    assert ndcg_at(10, ranking, JUDGED) == 0.0
    assert ndcg_at(11, ranking, JUDGED) > 0.0
    assert ndcg_at(10, [], JUDGED) == 0.0


def test_a_query_with_nothing_relevant_cannot_be_scored():
    with pytest.raises(ValueError):
        ndcg_at(10, ["a"], {"a": 0})


def test_reciprocal_rank_of_the_first_relevant_document():
    assert reciprocal_rank(["x", "y", "c", "a"], JUDGED) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "y", "c", "a"], JUDGED, minimum=2) == pytest.approx(1 / 4)
    assert reciprocal_rank(["x", "y"], JUDGED) == 0.0


def test_score_averages_per_kind_and_counts_failures_as_no_results():
    queries = [JudgedQuery("keywords", "skybrud", {"a": 2}), JudgedQuery("keywords", "regnvand", {"b": 2}),
               JudgedQuery("phrases", '"grøn omstilling"', {"a": 1})]
    rankings = {"skybrud": ["a"], "regnvand": ["x", "b"]}

    def rank(spec):
        if spec.phrase:
            assert spec.words == ("grøn", "omstilling")
            raise RuntimeError("syntax error")
        return rankings[spec.q]

    result = score(queries, rank)
    assert result["by_kind"]["keywords"]["mrr"] == pytest.approx((1 + 1 / 2) / 2)
    assert result["by_kind"]["keywords"]["zero_rate"] == 0
    assert result["by_kind"]["phrases"] == {"n": 1, "ndcg10": 0.0, "mrr": 0.0, "zero_rate": 1.0}
    assert result["all"]["zero_rate"] == pytest.approx(1 / 3)
    assert result["errors"] == [{"q": '"grøn omstilling"', "error": "RuntimeError: syntax error"}]
