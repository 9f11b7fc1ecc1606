"""Summary statistics for timings: percentiles by linear interpolation, and the spread around them."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) with linear interpolation between closest ranks."""
    if not values:
        raise ValueError("percentile of an empty sequence")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be within 0..100, got {p}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = math.floor(rank)
    high = math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(values: Sequence[float]) -> dict:
    """n, min, p25, p50, p75, p95, p99, max, mean and stdev of a sample (empty sample -> {"n": 0})."""
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "min": float(min(values)),
        "p25": percentile(values, 25),
        "p50": percentile(values, 50),
        "p75": percentile(values, 75),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": float(max(values)),
        "mean": statistics.fmean(values),
        "stdev": statistics.stdev(values) if len(values) > 1 else 0.0,
    }


def scaled(summary: dict, factor: float) -> dict:
    """The same summary with every figure multiplied (e.g. seconds -> milliseconds)."""
    return {k: (v if k == "n" else v * factor) for k, v in summary.items()}


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is zero."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def spread(summary: dict, unit: str = "ms") -> str:
    """A one-line human reading of a summary: median, interquartile range, p95/p99 and extremes."""
    if not summary or summary.get("n", 0) == 0:
        return "no samples"
    return (
        f"p50 {summary['p50']:.1f} {unit} (IQR {summary['p25']:.1f}-{summary['p75']:.1f}), "
        f"p95 {summary['p95']:.1f}, p99 {summary['p99']:.1f}, "
        f"min {summary['min']:.1f}, max {summary['max']:.1f}, n={summary['n']}"
    )
