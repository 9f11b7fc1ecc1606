"""The corpus's trash, `.papirkurv/`: removed files (and their sidecars) wait there to be restored.

The scan ignores dot folders, so a file in the trash is out of the search at the next reindex. Each
removal is one entry folder `.papirkurv/<entry>/` holding the file under its corpus path and an
`entry.json` saying where it came from, when, and who removed it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ingest.sidecar import sidecar_path

TRASH_DIR = ".papirkurv"
ENTRY_FILE = "entry.json"
_ENTRY_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}$")


class TrashError(ValueError):
    """A removal or restore that cannot be done; the message is Danish."""


@dataclass(frozen=True)
class Entry:
    id: str
    relpath: str
    removed_at: datetime
    user: str | None
    files: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"id": self.id, "relpath": self.relpath, "removed_at": self.removed_at.isoformat(),
                "user": self.user, "files": list(self.files)}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def remove(corpus: Path, relpath: str, user: str | None, now: datetime | None = None) -> Entry:
    """Moves corpus/relpath and its sidecar into a new trash entry."""
    corpus = Path(corpus)
    source = corpus / relpath
    if not source.is_file() or source.is_symlink():
        raise TrashError("Filen findes ikke længere i materialemappen.")
    now = now or _now()
    entry_id = f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(4)}"
    folder = corpus / TRASH_DIR / entry_id
    moved = []
    for path in (source, sidecar_path(source)):
        if path.is_file():
            rel = path.relative_to(corpus).as_posix()
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(path, target)
            moved.append(rel)
    entry = Entry(entry_id, relpath, now, user, tuple(moved))
    (folder / ENTRY_FILE).write_text(json.dumps(entry.as_dict(), ensure_ascii=False), encoding="utf-8")
    return entry


def entries(corpus: Path) -> list[Entry]:
    """The trash's entries, newest first."""
    root = Path(corpus) / TRASH_DIR
    found = []
    if root.is_dir():
        for folder in root.iterdir():
            if _ENTRY_ID.match(folder.name) and (folder / ENTRY_FILE).is_file():
                data = json.loads((folder / ENTRY_FILE).read_text(encoding="utf-8"))
                found.append(Entry(folder.name, data["relpath"], datetime.fromisoformat(data["removed_at"]),
                                   data.get("user"), tuple(data["files"])))
    return sorted(found, key=lambda e: e.removed_at, reverse=True)


def get(corpus: Path, entry_id: str) -> Entry:
    for entry in entries(corpus) if _ENTRY_ID.match(entry_id or "") else ():
        if entry.id == entry_id:
            return entry
    raise TrashError("Filen findes ikke i papirkurven.")


def restore(corpus: Path, entry_id: str) -> Entry:
    """Moves an entry's files back where they were; refused when a file of that name is there again."""
    corpus = Path(corpus)
    entry = get(corpus, entry_id)
    folder = corpus / TRASH_DIR / entry.id
    taken = [rel for rel in entry.files if (corpus / rel).exists()]
    if taken:
        raise TrashError(f"Der ligger allerede en fil ved navn »{taken[0]}«. Flyt eller omdøb den først.")
    for rel in entry.files:
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        os.rename(folder / rel, corpus / rel)
    shutil.rmtree(folder)
    return entry


def delete(corpus: Path, entry_id: str) -> Entry:
    """Deletes an entry for good (the only deletion there is)."""
    entry = get(corpus, entry_id)
    shutil.rmtree(Path(corpus) / TRASH_DIR / entry.id)
    return entry


def expired(corpus: Path, days: int, now: datetime | None = None) -> list[Entry]:
    cutoff = (now or _now()) - timedelta(days=days)
    return [entry for entry in entries(corpus) if entry.removed_at < cutoff]


DAYS_ENV = "KLIMAVIDEN_TRASH_DAYS"
DEFAULT_DAYS = 90


def retention_days(environ) -> int:
    """How many days removed files stay in the trash (KLIMAVIDEN_TRASH_DAYS, default 90)."""
    return int(environ.get(DAYS_ENV) or DEFAULT_DAYS)


def purge(corpus: Path, days: int, now: datetime | None = None) -> list[Entry]:
    """Delete for good every entry older than `days` days; the entries deleted, for the audit trail."""
    gone = expired(corpus, days, now)
    for entry in gone:
        delete(corpus, entry.id)
    return gone
