"""Scoring extracted metadata against the labels in expected.toml. Pure functions over plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

DATE_FIELDS = ("published", "meeting_date")
SET_FIELDS = ("organizations", "presenters")


@dataclass(frozen=True)
class Facts:
    """The fields the evaluation compares, for one document (expected or extracted)."""

    type: str | None = None
    published: date | None = None
    published_precision: str = "day"
    meeting_date: date | None = None
    meeting_date_precision: str = "day"
    organizations: frozenset[str] = frozenset()
    presenters: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()


def expected_facts(entry: dict) -> Facts:
    def day(key: str) -> date | None:
        value = entry.get(key)
        return date.fromisoformat(value) if value else None

    return Facts(
        type=entry.get("type"),
        published=day("published"),
        published_precision=entry.get("published_precision", "day"),
        meeting_date=day("meeting_date"),
        meeting_date_precision=entry.get("meeting_date_precision", "day"),
        organizations=frozenset(entry.get("organizations", ())),
        presenters=frozenset(entry.get("presenters", ())),
        topics=frozenset(entry.get("topics", ())),
    )


@dataclass
class Count:
    """True positives, false positives and false negatives of one field or label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DateScore:
    count: Count = field(default_factory=Count)
    right: int = 0
    total: int = 0
    false_dates: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Report:
    documents: int = 0
    dates: dict[str, DateScore] = field(default_factory=lambda: {f: DateScore() for f in DATE_FIELDS})
    types: dict[str, Count] = field(default_factory=dict)
    type_right: int = 0
    sets: dict[str, Count] = field(default_factory=lambda: {f: Count() for f in SET_FIELDS})
    topics: dict[str, Count] = field(default_factory=dict)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # path, field, expected, got

    @property
    def type_accuracy(self) -> float:
        return self.type_right / self.documents if self.documents else 1.0

    @property
    def topics_micro(self) -> Count:
        total = Count()
        for count in self.topics.values():
            total.tp, total.fp, total.fn = total.tp + count.tp, total.fp + count.fp, total.fn + count.fn
        return total


def score(pairs: list[tuple[str, Facts, Facts]]) -> Report:
    """Compare (path, expected, extracted) triples field by field."""
    report = Report()
    for path, want, got in pairs:
        report.documents += 1
        for name in DATE_FIELDS:
            _score_date(report, path, name, want, got)
        _score_type(report, path, want, got)
        for name in SET_FIELDS:
            _score_set(report.sets[name], report, path, name, getattr(want, name), getattr(got, name))
        for slug in want.topics | got.topics:
            count = report.topics.setdefault(slug, Count())
            _score_set(count, report, path, f"topic {slug}", want.topics & {slug}, got.topics & {slug})
    return report


def _score_date(report: Report, path: str, name: str, want: Facts, got: Facts) -> None:
    score_ = report.dates[name]
    expected, found = getattr(want, name), getattr(got, name)
    precision_ok = expected is None or getattr(want, f"{name}_precision") == getattr(got, f"{name}_precision")
    right = expected == found and precision_ok
    score_.total += 1
    score_.right += right
    if found is not None:
        if right:
            score_.count.tp += 1
        else:
            score_.count.fp += 1
            score_.false_dates += 1
    if expected is not None and not right:
        score_.count.fn += 1
    if not right:
        report.errors.append((path, name, _show_date(want, name), _show_date(got, name)))


def _show_date(facts: Facts, name: str) -> str:
    value = getattr(facts, name)
    return f"{value.isoformat()} ({getattr(facts, name + '_precision')})" if value else "-"


def _score_type(report: Report, path: str, want: Facts, got: Facts) -> None:
    if want.type == got.type:
        report.type_right += 1
        report.types.setdefault(want.type or "-", Count()).tp += 1
        return
    report.types.setdefault(got.type or "-", Count()).fp += 1
    report.types.setdefault(want.type or "-", Count()).fn += 1
    report.errors.append((path, "type", want.type or "-", got.type or "-"))


def _score_set(count: Count, report: Report, path: str, name: str, want: frozenset, got: frozenset) -> None:
    want_keys = {v.casefold(): v for v in want}
    got_keys = {v.casefold(): v for v in got}
    count.tp += len(want_keys.keys() & got_keys.keys())
    missing = [want_keys[k] for k in want_keys.keys() - got_keys.keys()]
    extra = [got_keys[k] for k in got_keys.keys() - want_keys.keys()]
    count.fn += len(missing)
    count.fp += len(extra)
    if missing or extra:
        report.errors.append((path, name, ", ".join(sorted(missing)) or "-", "+" + ", ".join(sorted(extra)) if extra else "-"))
