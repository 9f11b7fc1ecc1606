"""Index generations on disk, and the pointer that says which one is live.

    index_dir/
      CURRENT            "gen-000003 <uid>": the live generation and its unique id, replaced atomically
      gen-000002/        the previous generation, kept for readers that still hold it open
      gen-000003/        a Whoosh index + klimaviden.json (reindex metadata, written atomically)
      reindex.lock       see index/lock.py

A full rebuild writes a new generation beside the live one and then replaces CURRENT; an
incremental run commits inside the live generation (a Whoosh commit renames its table of contents
into place, so readers see the old state or the new one).
"""

from __future__ import annotations

import logging
import re
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from index.errors import ConfigError, IndexDamaged, IndexMissing
from index.faults import checkpoint
from index.fsio import fsync_path, fsync_tree, read_json, write_atomic, write_json_atomic
from index.integrity import build_manifest
from index.schema import FORMAT, build_schema
from ingest.messages import cannot_read

log = logging.getLogger(__name__)

CURRENT = "CURRENT"
META = "klimaviden.json"
_GEN = re.compile(r"^gen-(\d{6,})$")


@dataclass(frozen=True)
class Generation:
    """A generation folder. `uid` is unique to one creation: an index folder removed and rebuilt
    gets a gen-000001 again, but a new uid, so a running reader notices that it must reopen."""

    number: int
    path: Path
    uid: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    def open(self):
        return whoosh_index.open_dir(str(self.path))

    def meta(self, toc: int | None = None) -> dict:
        """The reindex metadata. An incremental run writes it just before its Whoosh commit, marked
        with the commit's generation ("toc") and holding the metadata it replaces ("previous"):
        a reader that has an older commit open passes that commit's generation as `toc` and gets
        the metadata of its documents, never the meetings of one state with the documents of another."""
        try:
            meta = read_json(self.path / META, default={}) or {}
        except (ValueError, UnicodeDecodeError) as exc:
            raise IndexDamaged(self.path, cannot_read(META, exc)) from exc
        if not isinstance(meta, dict):
            raise IndexDamaged(self.path, f"{META} indeholder ikke et JSON-objekt")
        previous = meta.pop("previous", None)
        if toc is not None and previous is not None and meta.get("toc", -1) > toc:
            return previous
        return meta

    def write_meta(self, meta: dict) -> None:
        write_json_atomic(self.path / META, meta)

    def manifest(self, meta: dict, toc: int | None) -> dict | None:
        """The checksums recorded for the commit `toc` (None if the metadata holds none for it)."""
        if meta.get("files_toc") is None or meta.get("files_toc") != toc:
            return None
        return meta.get("files")

    def record_manifest(self, meta: dict, toc: int, previous: dict | None = None) -> dict:
        """meta with the checksums of the generation's files as committed in `toc`."""
        return {**meta, "files": build_manifest(self.path, previous), "files_toc": toc}

    @property
    def compatible(self) -> bool:
        """Built with this schema and analyzer version (otherwise the next reindex rebuilds)."""
        return self.meta().get("format") == FORMAT


def reader_toc(reader) -> int | None:
    """The Whoosh generation (commit) a reader has open; None if it does not say (an empty index)."""
    toc = reader.generation()
    return toc if toc is not None and toc >= 0 else None


def _generation(index_dir: Path, name: str, uid: str = "") -> Generation | None:
    match = _GEN.match(name)
    if not match:
        return None
    return Generation(int(match.group(1)), index_dir / name, uid)


def generations(index_dir: Path) -> list[Generation]:
    if not index_dir.is_dir():
        return []
    found = [_generation(index_dir, p.name) for p in index_dir.iterdir() if p.is_dir()]
    return sorted((g for g in found if g), key=lambda g: g.number)


def current_generation(index_dir: Path) -> Generation | None:
    pointer = index_dir / CURRENT
    try:
        name, _, uid = pointer.read_text("ascii").strip().partition(" ")
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None
    except IsADirectoryError:
        raise ConfigError(
            f"indeksmappen {index_dir} indeholder en mappe ved navn {CURRENT}, hvor klimaviden gemmer "
            "navnet på det aktive indeks: flyt den mappe ud af indeksmappen"
        ) from None
    generation = _generation(index_dir, name, uid.strip())
    if generation is None or not (generation.path / META).exists():
        return None
    return generation


def require_current(index_dir: Path) -> Generation:
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexMissing(index_dir)
    return generation


def create_generation(index_dir: Path) -> Generation:
    """A new, empty generation numbered after every existing one (not live until published)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    existing = generations(index_dir)
    number = (existing[-1].number + 1) if existing else 1
    generation = Generation(number, index_dir / f"gen-{number:06d}", uuid.uuid4().hex)
    generation.path.mkdir()
    whoosh_index.create_in(str(generation.path), build_schema())
    generation.write_meta({"format": FORMAT, "created": time.time(), "uid": generation.uid})
    return generation


def publish(index_dir: Path, generation: Generation, started_ns: int = 0) -> None:
    """Make a finished generation the live one: its files are made durable, then CURRENT replaced."""
    fsync_tree(generation.path, started_ns)
    checkpoint("store.swap")
    write_atomic(index_dir / CURRENT, f"{generation.name} {generation.uid}".strip() + "\n")
    log.info("generation %s is live", generation.name)


def make_durable(generation: Generation, started_ns: int) -> None:
    """After an incremental commit: fsync what Whoosh wrote (it does not fsync itself)."""
    fsync_tree(generation.path, started_ns)


def remove_stale(index_dir: Path, keep_previous: int = 1) -> list[str]:
    """Remove generations older than the previous one(s), and unfinished ones a crashed rebuild
    left behind, with the temporary CURRENT a run killed during its swap left. Without a live
    index, every generation folder is such a leftover. Call only while holding the reindex lock,
    first thing: it frees the space that a run which filled the disk took."""
    live = current_generation(index_dir)
    removed = []
    for leftover in index_dir.glob(f".{CURRENT}.*.tmp"):
        leftover.unlink(missing_ok=True)
    if live is None:  # no live index: every generation is a rebuild that never finished
        stale = generations(index_dir)
    else:
        older = [g for g in generations(index_dir) if g.number < live.number]
        stale = older[: max(len(older) - keep_previous, 0)]
        stale += [g for g in generations(index_dir) if g.number > live.number]
    for generation in stale:
        shutil.rmtree(generation.path, ignore_errors=True)
        checkpoint("store.removing-stale")
        removed.append(generation.name)
    if removed:
        fsync_path(index_dir)
    return removed


def index_bytes(generation: Generation) -> int:
    storage = FileStorage(str(generation.path))
    return sum(storage.file_length(name) for name in storage.list())


# -- a run that refused to change the index ----------------------------------------------------

REFUSAL = "refused-run.json"


def record_refusal(index_dir: Path, refusal: dict) -> None:
    """Remember why the last run refused to touch the index (shown by stats and /healthz)."""
    try:
        write_json_atomic(index_dir / REFUSAL, refusal)
    except OSError as exc:  # a full disk must not hide the refusal itself
        log.warning("could not record the refused run: %s", exc)


def clear_refusal(index_dir: Path) -> None:
    (index_dir / REFUSAL).unlink(missing_ok=True)


def read_refusal(index_dir: Path) -> dict | None:
    try:
        refusal = read_json(index_dir / REFUSAL)
    except (OSError, ValueError):
        return None
    return refusal if isinstance(refusal, dict) else None
