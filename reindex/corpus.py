"""What the index needs to know about the corpus besides its documents: the metadata files each
document depends on (stamps), the meetings and the DK2020 taxonomy (snapshots for the web app)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from index.fsio import sha256_file
from ingest.entities import entities_path
from ingest.meetings import MEETING_FILE, load_meeting_or_folder, meeting_id_for
from ingest.programme import invitation_files
from ingest.sidecar import sidecar_path
from ingest.taxonomy import load_taxonomy, taxonomy_path


def stamp(path: Path) -> str:
    """Size and modification time of a file, or "-" when it does not exist."""
    try:
        info = path.stat()
    except OSError:
        return "-"
    return f"{info.st_size}:{info.st_mtime_ns}"


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

    def __call__(self, relpath: str) -> str:
        meeting = meeting_id_for(relpath)
        meeting_stamp = "-"
        if meeting:
            if meeting not in self._meetings:
                folder = self.corpus_dir / meeting
                invitations = ",".join(content_stamp(p) for p in invitation_files(folder))  # the programme
                own = content_stamp(folder / MEETING_FILE)
                self._meetings[meeting] = f"{own}+{invitations}" if invitations else own
            meeting_stamp = self._meetings[meeting]
        return f"{content_stamp(sidecar_path(self.corpus_dir / relpath))}|{meeting_stamp}"


def file_checksum(path: Path) -> str:
    """sha256 of a file's bytes, as ingest computes Document.checksum."""
    return sha256_file(path)


def meetings_snapshot(corpus_dir: Path) -> tuple[list[dict], list[dict]]:
    """(meetings as dicts, failures) for every meeting folder; a broken meeting.toml is a failure,
    and its meeting is the one its folder name gives."""
    meetings, failures = [], []
    for folder in sorted(Path(corpus_dir).iterdir()):
        if not folder.is_dir() or folder.is_symlink() or folder.name.startswith("."):
            continue
        meeting, error = load_meeting_or_folder(Path(corpus_dir), folder.name)
        if error is not None:
            reason = f"{error.reason}; mødet og dets dokumenter vises med det, mappens navn og filerne selv oplyser"
            failures.append({"path": error.path, "error": reason})
        if meeting is not None:
            meetings.append(meeting.as_dict())
    return meetings, failures


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
