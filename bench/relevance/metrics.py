"""Ranking metrics on one query: a ranking (document keys, best first) against graded judgements.

Grades are 0 (not relevant), 1 (related) or 2 (answers the query); unjudged documents count as 0.
nDCG uses the exponential gain 2**grade - 1 and a log2(rank + 1) discount, as in TREC and most
learning-to-rank work; a document counts as relevant for the reciprocal rank from grade 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(grades: Sequence[int]) -> float:
    """Discounted cumulative gain of grades in rank order (rank 1 first)."""
    return sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(grades, 1))


def ndcg_at(k: int, ranking: Sequence[str], judged: Mapping[str, int]) -> float:
    """DCG of the first k of `ranking` over the DCG of the best possible first k (0.0 to 1.0)."""
    ideal = dcg(sorted((g for g in judged.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        raise ValueError("a query needs at least one document graded above 0")
    return dcg([judged.get(key, 0) for key in ranking[:k]]) / ideal


def reciprocal_rank(ranking: Sequence[str], judged: Mapping[str, int], minimum: int = 1) -> float:
    """1 / the rank of the first document graded at least `minimum`; 0.0 when none is ranked."""
    for rank, key in enumerate(ranking, 1):
        if judged.get(key, 0) >= minimum:
            return 1.0 / rank
    return 0.0
