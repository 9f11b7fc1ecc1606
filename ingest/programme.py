"""A meeting's programme read from its invitation: the file is found by name, read by its format
module and parsed by ingest.presenters.parse_programme. Cached per file state, since every
document of the meeting asks for it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ingest.errors import IngestError
from ingest.presenters import ProgrammeItem, parse_programme
from ingest.registry import format_for, is_supported

_INVITATION_NAME = re.compile(r"^(invitation|invitationen|program|programme|dagsorden)\b", re.IGNORECASE)
_MAX_BYTES = 5 * 1024 * 1024


def invitation_programme(folder: Path) -> tuple[ProgrammeItem, ...]:
    """The programme of the first invitation in a meeting folder that has one, else ()."""
    try:
        candidates = sorted(p for p in Path(folder).iterdir() if _is_invitation(p))
    except OSError:
        return ()
    for path in candidates:
        try:
            stat = path.stat()
        except OSError:
            continue
        items = _programme_of(str(path), stat.st_size, stat.st_mtime_ns)
        if items:
            return items
    return ()


def _is_invitation(path: Path) -> bool:
    return (
        _INVITATION_NAME.match(path.name) is not None
        and is_supported(path.name)
        and path.is_file()
        and not path.is_symlink()
    )


@lru_cache(maxsize=256)
def _programme_of(path: str, size: int, mtime_ns: int) -> tuple[ProgrammeItem, ...]:
    if size > _MAX_BYTES:
        return ()
    try:
        data = Path(path).read_bytes()
        extracted = format_for(path, data).extract(data, Path(path).name)
    except (OSError, IngestError):
        return ()  # an unreadable invitation is reported when it is indexed itself
    return parse_programme(extracted.text)
