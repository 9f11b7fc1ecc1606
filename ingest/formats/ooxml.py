"""Safety checks shared by the ZIP-based Office formats (PPTX, DOCX), done before a parser opens them."""

from __future__ import annotations

import io
import zipfile

from ingest.errors import IngestError

MAGIC = b"PK\x03\x04"
# A real presentation or document with images stays far below this when unpacked.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
# XML compresses about 10:1, images not at all; a thousandfold ratio on a big file is a zip bomb.
MAX_RATIO = 200
RATIO_CHECK_FROM_BYTES = 16 * 1024 * 1024


def open_zip(data: bytes, name: str, kind: str, required: str) -> zipfile.ZipFile:
    """The file as a ZipFile after checking it is a ZIP, holds ``required`` and is no zip bomb.

    The uncompressed sizes are summed from the ZIP's central directory, before anything is unpacked.
    """
    if not data:
        raise IngestError(name, "the file is empty")
    if not data.startswith(MAGIC) or not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(name, f"not a {kind} file (an Office file is a ZIP archive, this is not one)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(name, f"the {kind} file is a broken ZIP archive ({exc})") from exc
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES or (
        total > RATIO_CHECK_FROM_BYTES and total > MAX_RATIO * max(len(data), 1)
    ):
        raise IngestError(
            name, f"the {kind} file would unpack to {total // (1024 * 1024)} MB: refused as a zip bomb"
        )
    if required not in archive.namelist():
        raise IngestError(name, f"not a {kind} file (the ZIP archive has no {required})")
    return archive
