"""The labelled evaluation set (tests/eval, `make eval`) meets issue 12's targets, so a change to
dates, types, organisations, presenters or topics that loses accuracy fails here."""

import tomllib

from tests.eval.__main__ import evaluate
from tests.eval.generate import EXPECTED


def test_the_set_is_big_and_varied_enough():
    labels = tomllib.loads(EXPECTED.read_text(encoding="utf-8"))
    assert len(labels) >= 80
    assert {entry["type"] for entry in labels.values()} == {
        "announcement", "news", "presentation", "report", "case", "minutes", "notes", "other"}
    assert sum(len(entry.get("presenters", ())) == 2 for entry in labels.values()) >= 2


def test_the_evaluation_set_meets_the_targets(tmp_path):
    report = evaluate(tmp_path)
    for name in ("published", "meeting_date"):
        assert report.dates[name].accuracy >= 0.95, name
        assert report.dates[name].false_dates == 0, name
    assert report.type_accuracy >= 0.90
    for name in ("organizations", "presenters"):
        assert report.sets[name].precision >= 0.95, name
        assert report.sets[name].recall >= 0.85, name
    topics = report.topics_micro
    assert topics.f1 >= 0.85 and topics.precision >= 0.90
