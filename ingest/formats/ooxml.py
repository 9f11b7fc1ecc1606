"""Safety checks shared by the ZIP-based Office formats (PPTX, DOCX), done before a parser opens them."""

from __future__ import annotations

import io
import zipfile

from ingest.errors import IngestError
from ingest.messages import EMPTY_FILE

MAGIC = b"PK\x03\x04"
# A real presentation or document with images stays far below this when unpacked.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
# XML compresses about 10:1, images not at all; a thousandfold ratio on a big file is a zip bomb.
MAX_RATIO = 200
RATIO_CHECK_FROM_BYTES = 16 * 1024 * 1024
# XML is parsed into a tree about 20-30 times its size in memory: one part (a slide, the body of a
# document) or all parts together past these sizes would take gigabytes. Real files stay far below
# (a 300-page report's document.xml is about 10 MB). Media (images, video) is not parsed, not counted.
MB = 1024 * 1024
MAX_XML_PART_BYTES = 32 * MB
MAX_XML_BYTES = 64 * MB
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def open_zip(data: bytes, name: str, kind: str, required: str) -> zipfile.ZipFile:
    """The file as a ZipFile after checking it is a ZIP, holds ``required`` and is no zip bomb.

    The uncompressed sizes are summed from the ZIP's central directory, before anything is unpacked.
    """
    if not data:
        raise IngestError(name, EMPTY_FILE)
    if not data.startswith(MAGIC) or not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(name, f"ikke en {kind}-fil (en Office-fil er et ZIP-arkiv, det er denne ikke)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(name, f"{kind}-filen er et ødelagt ZIP-arkiv ({exc})") from exc
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES or (
        total > RATIO_CHECK_FROM_BYTES and total > MAX_RATIO * max(len(data), 1)
    ):
        raise IngestError(
            name, f"{kind}-filen ville fylde {total // (1024 * 1024)} MB udpakket: afvist som zip-bombe"
        )
    _check_xml_sizes(entries, name, kind)
    if required not in archive.namelist():
        raise IngestError(name, f"ikke en {kind}-fil (ZIP-arkivet har ingen {required})")
    return archive


def _check_xml_sizes(entries: list[zipfile.ZipInfo], name: str, kind: str) -> None:
    """Refuse XML that would unpack past the per-part or total limit. The sizes are the central
    directory's; zipfile never unpacks a member past its stated size (a lie is a CRC error)."""
    xml = [entry for entry in entries if entry.filename.lower().endswith(_XML_SUFFIXES)]
    for entry in xml:
        if entry.file_size > MAX_XML_PART_BYTES:
            raise IngestError(
                name,
                f"{kind}-filen er for stor udpakket: {entry.filename} fylder "
                f"{entry.file_size // MB} MB XML, over grænsen på {MAX_XML_PART_BYTES // MB} MB pr. del",
            )
    total = sum(entry.file_size for entry in xml)
    if total > MAX_XML_BYTES:
        raise IngestError(
            name,
            f"{kind}-filen er for stor udpakket: dens XML fylder {total // MB} MB, "
            f"over grænsen på {MAX_XML_BYTES // MB} MB",
        )
