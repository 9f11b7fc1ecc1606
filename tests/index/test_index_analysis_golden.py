"""Analysis output is tied to the analyzer version: an index built with other terms is rebuilt only
when the version changes, so a change in output without a new version would leave stale indexes."""

from __future__ import annotations

import json

from analysis_golden import GOLDEN, render


def test_analysis_output_matches_the_golden_file_of_this_analyzer_version():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    current = render()
    changed = [
        new["text"] for old, new in zip(golden["cases"], current["cases"], strict=True) if old != new
    ]
    if golden["fingerprint"] == current["fingerprint"]:
        assert not changed, (
            f"analysis output changed for {changed} but the analyzer fingerprint did not: bump "
            "ANALYZER_VERSION in index/analysis.py, then run tests/index/analysis_golden.py"
        )
    else:
        raise AssertionError(
            f"the analyzer is now {current['fingerprint']} (golden file: {golden['fingerprint']}): "
            "run tests/index/analysis_golden.py and review the diff"
        )
