"""The plan step and the guards are pure: corpus scan + index contents in, decisions out."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from index.writer import Indexed
from reindex.guards import MassDeleteGuard, MassDeleteRefused
from reindex.plan import make_plan


@dataclass(frozen=True)
class Scanned:
    relpath: str
    size: int
    mtime_ns: int


def indexed(path, size=10, mtime_ns=1, deps="-|-"):
    return Indexed(id=path, path=path, size=size, mtime_ns=mtime_ns, checksum="c", deps=deps)


def never_same(item, old):
    raise AssertionError("content compared although the stat said enough")


def test_new_changed_unchanged_and_vanished_files():
    files = [Scanned("a.txt", 10, 1), Scanned("b.txt", 11, 2), Scanned("new.txt", 5, 1)]
    index = {p: indexed(p) for p in ("a.txt", "b.txt", "gone.txt")}
    plan = make_plan(files, {f.relpath: "-|-" for f in files}, index, [], never_same)
    assert [f.relpath for f in plan.extract] == ["b.txt", "new.txt"]
    assert plan.unchanged == 1
    assert [old.path for old in plan.delete] == ["gone.txt"]
    assert plan.remaining == 3


def test_a_touched_file_with_the_same_bytes_is_only_remembered():
    files = [Scanned("a.txt", 10, 99)]
    plan = make_plan(files, {"a.txt": "-|-"}, {"a.txt": indexed("a.txt")}, [], lambda item, old: True)
    assert plan.extract == [] and [f.relpath for f in plan.refresh] == ["a.txt"]


def test_documents_in_an_unreadable_folder_are_kept_and_the_folder_reported():
    index = {p: indexed(p) for p in ("arkiv/x.txt", "arkiv/y.txt", "noter/z.txt")}
    files = [Scanned("noter/z.txt", 10, 1)]
    unreadable = {"path": "arkiv", "error": "the folder cannot be read"}
    plan = make_plan(
        files, {"noter/z.txt": "-|-"}, index, [], never_same,
        unlisted=lambda path: path.startswith("arkiv/"), scan_failures=[unreadable],
    )
    assert plan.delete == []
    assert sorted(old.path for old in plan.kept) == ["arkiv/x.txt", "arkiv/y.txt"]
    assert unreadable in plan.carried
    assert plan.remaining == 3


def test_a_failure_is_carried_while_the_file_is_unchanged():
    files = [Scanned("bad.pdf", 7, 3)]
    failure = {"path": "bad.pdf", "error": "PDF-filen er krypteret med en adgangskode", "stat": "7:3|-|-"}
    plan = make_plan(files, {"bad.pdf": "-|-"}, {}, [failure], never_same)
    assert plan.extract == [] and plan.carried == [failure]


@pytest.mark.parametrize("indexed_count, remaining, refused", [
    (10, 10, False), (10, 5, False), (10, 4, True), (10, 0, True), (1, 0, True), (0, 0, False),
])
def test_the_guard_refuses_losing_more_than_half_or_everything(indexed_count, remaining, refused):
    guard = MassDeleteGuard()
    if refused:
        with pytest.raises(MassDeleteRefused):
            guard.check(indexed_count, remaining)
    else:
        guard.check(indexed_count, remaining)
    MassDeleteGuard(allow=True).check(indexed_count, remaining)
