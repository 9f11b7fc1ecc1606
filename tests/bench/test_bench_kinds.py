"""bench/kinds.py: the quick per-kind comparison with tantivy names its kinds and marks a missed target."""

from __future__ import annotations

import pytest

from bench.kinds import _kinds, table
from bench.queries import KIND_COUNTS, PLAIN_KINDS


def test_kind_groups_expand_and_unknown_kinds_are_refused():
    assert _kinds("all") == tuple(KIND_COUNTS)
    assert _kinds("plain,misspelled") == PLAIN_KINDS + ("misspelled",)
    assert _kinds("words2,words2") == ("words2",)
    with pytest.raises(SystemExit, match="wordz"):
        _kinds("wordz")


def test_the_table_marks_a_plain_kind_over_twice_tantivy():
    summary = lambda p50, p95: {"p50": p50, "p95": p95}  # noqa: E731
    ours = {"by_kind": {"words2": summary(3.0, 9.0), "frequent": summary(2.0, 4.0)}, "all": summary(2.5, 8.0),
            "first_pass": summary(5.0, 20.0), "error_count": 0}
    theirs = {"by_kind": {"words2": summary(1.0, 4.0), "frequent": summary(1.0, 4.0)}}
    lines = table(ours, theirs, 20000, "ms").splitlines()
    words2 = next(line for line in lines if line.startswith("words2"))
    frequent = next(line for line in lines if line.startswith("frequent"))
    assert "2.25" in words2 and "MISSED" in words2
    assert "1.00" in frequent and "MISSED" not in frequent
    assert "= 2.50x" in lines[-1]
