import pytest

from bench.stats import percentile, ratio, summarize


def test_percentile_interpolates_between_ranks():
    values = [10, 20, 30, 40]
    assert percentile(values, 0) == 10
    assert percentile(values, 50) == 25
    assert percentile(values, 100) == 40
    assert percentile(values, 95) == pytest.approx(38.5)


def test_percentile_ignores_input_order():
    assert percentile([5, 1, 3], 50) == 3


def test_summary_of_an_empty_sample_says_so():
    assert summarize([]) == {"n": 0}


def test_summary_has_the_reported_percentiles():
    summary = summarize(list(range(1, 101)))
    assert summary["n"] == 100
    assert summary["p50"] == pytest.approx(50.5)
    assert summary["p99"] == pytest.approx(99.01)
    assert summary["min"] == 1 and summary["max"] == 100


def test_ratio_is_none_without_a_baseline():
    assert ratio(3.0, 1.5) == 2.0
    assert ratio(3.0, 0) is None
    assert ratio(None, 2.0) is None
