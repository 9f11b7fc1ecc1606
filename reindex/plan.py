"""The plan step: what a run has to do, as a pure diff of the corpus scan against the index.

Inputs are plain values (the scan, each file's dependency stamp, what the index holds, the failures
the last run recorded); the only question it cannot answer from them, whether a file whose stat
changed still has the same bytes, is asked through `same_content`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from index.writer import Indexed


@dataclass
class Plan:
    """What an incremental run has to do, decided from stat, stamps and checksums only."""

    extract: list = field(default_factory=list)  # CorpusFile to parse
    refresh: list = field(default_factory=list)  # CorpusFile: same content, new stat
    delete: list[Indexed] = field(default_factory=list)
    kept: list[Indexed] = field(default_factory=list)  # in folders that cannot be read now
    unchanged: int = 0
    carried: list[dict] = field(default_factory=list)  # failures of files unchanged since
    skipped: int = 0
    deps: dict[str, str] = field(default_factory=dict)

    @property
    def remaining(self) -> int:
        """Documents the index holds once the plan is carried out (before parsing failures)."""
        return len(self.extract) + len(self.refresh) + self.unchanged + len(self.kept)


def stat_key(item, deps: str) -> str:
    return f"{item.size}:{item.mtime_ns}|{deps}"


def make_plan(
    files: list,
    deps: dict[str, str],
    indexed: dict[str, Indexed],
    failures: list[dict],
    same_content: Callable[[object, Indexed], bool],
    *,
    skipped: int = 0,
    unlisted: Callable[[str], bool] = lambda relpath: False,
    scan_failures: Iterable[dict] = (),
) -> Plan:
    """files: the scan's CorpusFiles; deps: their dependency stamps by relpath; unlisted: whether a
    path lies where the scan could not look (its indexed document is kept, not deleted);
    scan_failures: what the scan could not read, reported again by every run."""
    earlier = {f["path"]: f for f in failures if "stat" in f}
    result = Plan(skipped=skipped, deps=dict(deps))
    seen = set()
    for item in files:
        seen.add(item.relpath)
        stamp = deps[item.relpath]
        old = indexed.get(item.relpath)
        if old is None:
            failure = earlier.get(item.relpath)
            if failure and failure["stat"] == stat_key(item, stamp):
                result.carried.append(failure)
            else:
                result.extract.append(item)
        elif (old.size, old.mtime_ns, old.deps) == (item.size, item.mtime_ns, stamp):
            result.unchanged += 1
        elif old.deps == stamp and old.size == item.size and same_content(item, old):
            result.refresh.append(item)
        else:
            result.extract.append(item)
    for path, old in indexed.items():
        if path in seen:
            continue
        (result.kept if unlisted(path) else result.delete).append(old)
    result.carried.extend(scan_failures)
    return result


def with_stats(indexed: dict[str, Indexed], meta: dict) -> dict[str, Indexed]:
    """The indexed files with the stat a later run recorded for them when only their stat changed
    (touched, copied, restored from backup): such files are not rewritten, just remembered."""
    stats = meta.get("stats") or {}
    out = dict(indexed)
    for path, (size, mtime_ns, deps) in stats.items():
        old = out.get(path)
        if old is not None:
            out[path] = Indexed(old.id, old.path, size, mtime_ns, old.checksum, deps)
    return out


def stats_after(meta: dict, todo: Plan, indexed: dict[str, Indexed]) -> dict:
    """The recorded stats once the plan is carried out (see with_stats)."""
    rewritten = {item.relpath for item in todo.extract} | {old.path for old in todo.delete}
    stats = {p: v for p, v in (meta.get("stats") or {}).items() if p in indexed and p not in rewritten}
    for item in todo.refresh:
        stats[item.relpath] = [item.size, item.mtime_ns, todo.deps[item.relpath]]
    return stats
