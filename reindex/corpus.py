"""What the index needs to know about the corpus besides its documents: the metadata files each
document depends on (stamps), the meetings and the DK2020 taxonomy (snapshots for the web app)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import ingest
from index.fsio import sha256_file
from ingest.entities import entities_path
from ingest.meetings import MEETING_FILE, load_meeting_or_folder, meeting_id_for
from ingest.programme import invitation_files
from ingest.sidecar import sidecar_path
from ingest.taxonomy import load_taxonomy, taxonomy_path


def content_stamp(path: Path) -> str:
    """A short hash of a small file's bytes, or "-" when it does not exist. Content, not mtime:
    a corpus copied or restored with new mtimes is not reindexed for it."""
    try:
        data = path.read_bytes()
    except OSError:
        return "-"
    return hashlib.sha256(data).hexdigest()[:16]


def context_stamp(corpus_dir: Path) -> str:
    """Changes when the taxonomy or the entity list changes: every document must then be rebuilt."""
    corpus_dir = Path(corpus_dir)
    return (
        f"taxonomy={content_stamp(taxonomy_path(corpus_dir))};"
        f"entities={content_stamp(entities_path(corpus_dir))}"
    )


class DependencyStamps:
    """The stamp of the metadata files one document is built with: its sidecar, meeting.toml and
    the meeting's invitation (whose programme names the presenters of its talks)."""

    def __init__(self, corpus_dir: Path):
        self.corpus_dir = Path(corpus_dir)
        self._meetings: dict[str, str] = {}

    def __call__(self, relpath: str, has_sidecar: bool = True) -> str:
        """The document's stamp; ``has_sidecar=False`` (the scan saw no sidecar beside it) spares
        looking for one."""
        meeting = meeting_id_for(relpath)
        sidecar = content_stamp(sidecar_path(self.corpus_dir / relpath)) if has_sidecar else "-"
        return f"{sidecar}|{self.meeting(meeting) if meeting else '-'}"

    def meeting(self, meeting_id: str) -> str:
        """The stamp of a meeting folder's meeting.toml and invitations."""
        if meeting_id not in self._meetings:
            folder = self.corpus_dir / meeting_id
            invitations = ",".join(content_stamp(p) for p in invitation_files(folder))  # the programme
            own = content_stamp(folder / MEETING_FILE)
            self._meetings[meeting_id] = f"{own}+{invitations}" if invitations else own
        return self._meetings[meeting_id]


def file_checksum(path: Path) -> str:
    """sha256 of a file's bytes, as ingest computes Document.checksum."""
    return sha256_file(path)


def _reader_fingerprint() -> str:
    """Changes with any change to the code that reads meetings (all of ingest/): meetings recorded
    by other code are read again, whatever their stamps."""
    digest = hashlib.sha256()
    for source in sorted(Path(ingest.__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


_READER = _reader_fingerprint()


def meetings_snapshot(
    corpus_dir: Path, stamps: DependencyStamps, previous: dict | None = None
) -> tuple[list[dict], list[dict], dict]:
    """(meetings as dicts, failures, their stamps) for every meeting folder; a broken meeting.toml
    is a failure, and its meeting is the one its folder name gives.

    ``previous`` is the last run's metadata: a folder whose meeting files have the stamp recorded
    there gets the meeting recorded there, instead of being read again (reading an invitation's
    programme means parsing it). The stamps returned are what the next run compares."""
    known = _known_meetings(previous or {})
    meetings, failures, kept = [], [], {}
    for folder in sorted(Path(corpus_dir).iterdir()):
        if not folder.is_dir() or folder.is_symlink() or folder.name.startswith("."):
            continue
        stamp = stamps.meeting(folder.name)
        if known.get(folder.name, (None,))[0] == stamp:
            meeting = known[folder.name][1]
            kept[folder.name] = stamp
        else:
            loaded, error = load_meeting_or_folder(Path(corpus_dir), folder.name)
            meeting = loaded.as_dict() if loaded is not None else None
            if error is None:
                kept[folder.name] = stamp
            else:  # not kept: read again next time, so the failure is reported on every run
                reason = f"{error.reason}; mødet og dets dokumenter vises med det, mappens navn og filerne selv oplyser"
                failures.append({"path": error.path, "error": reason})
        if meeting is not None:
            meetings.append(meeting)
    return meetings, failures, {"reader": _READER, "folders": kept}


def _known_meetings(previous: dict) -> dict[str, tuple[str, dict | None]]:
    """folder -> (stamp, meeting or None) recorded in a run's metadata by this release."""
    recorded = previous.get("meeting_stamps")
    if not isinstance(recorded, dict) or recorded.get("reader") != _READER:
        return {}
    folders = recorded.get("folders") if isinstance(recorded.get("folders"), dict) else {}
    by_id = {m.get("id"): m for m in previous.get("meetings") or () if isinstance(m, dict)}
    return {name: (stamp, by_id.get(name)) for name, stamp in folders.items() if isinstance(stamp, str)}


def taxonomy_snapshot(corpus_dir: Path) -> list[dict]:
    """The DK2020 topics in taxonomy order (empty when the corpus has no taxonomy.toml).

    An invalid taxonomy raises TaxonomyError (a ValueError), which stops the reindex."""
    path = taxonomy_path(corpus_dir)
    if not path.exists():
        return []
    return [
        {"slug": t.slug, "label": t.label, "description": t.description}
        for t in load_taxonomy(path)
    ]
