"""The ZIP-based Office formats (PPTX, DOCX): safety checks done before anything is unpacked, and
reading a package's XML parts and relationships."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from ingest.errors import IngestError
from ingest.messages import EMPTY_FILE, cannot_read

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


# --- Reading parts -------------------------------------------------------------------------------
# An OOXML file is a ZIP of XML parts tied together by relationship parts: the relationships of
# part "ppt/slides/slide1.xml" are in "ppt/slides/_rels/slide1.xml.rels", the package's own in
# "_rels/.rels"; a target is relative to the folder of the part that names it.

PACKAGE = ""  # the source "part" of the package's own relationships
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_DC = "{http://purl.org/dc/elements/1.1/}"
# what unpacking a member can raise on a damaged archive (a CRC error is a BadZipFile)
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError)


class Package:
    """The XML parts of an archive checked by open_zip, parsed as they are asked for.

    Entities are never resolved and nothing is fetched from the network, so an XML bomb stays a few
    bytes; a part that is missing or not well-formed XML is an IngestError saying which."""

    def __init__(self, archive: zipfile.ZipFile, name: str, what: str):
        self._archive = archive
        self._names = set(archive.namelist())
        self._name = name
        self._what = what  # "præsentationen": the subject of a Danish error message
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)

    def has(self, part: str) -> bool:
        return part in self._names

    def xml(self, part: str) -> etree._Element:
        if part not in self._names:
            raise self.error(f"delen {part} mangler i filen")
        try:
            return etree.fromstring(self._archive.read(part), self._parser)
        except etree.LxmlError as exc:
            raise self.error(f"{part} er ikke gyldig XML: {exc}") from exc
        except ZIP_ERRORS as exc:
            raise self.error(f"{part} kan ikke pakkes ud: {type(exc).__name__}: {exc}") from exc

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """{id: (type, target part)} of a part's internal relationships whose target is in the file
        (a relationship to a missing part, as some tools leave behind, is left out)."""
        folder, _, base = part.rpartition("/")
        rels_part = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels_part not in self._names:
            return {}
        found = {}
        for rel in self.xml(rels_part).iter(RELATIONSHIPS):
            target = rel.get("Target")
            if rel.get("TargetMode") == "External" or not target:
                continue
            if target.startswith("/"):
                target_part = posixpath.normpath(target.lstrip("/"))
            else:
                target_part = posixpath.normpath(posixpath.join(folder, target))
            if target_part in self._names:
                found[rel.get("Id")] = (rel.get("Type"), target_part)
        return found

    def related(self, part: str, rel_type: str) -> str | None:
        """The first part that ``part`` relates to by ``rel_type``, or None."""
        return next((target for kind, target in self.relationships(part).values() if kind == rel_type), None)

    def core_properties(self) -> tuple[str, str]:
        """(title, author) from the core properties part (docProps/core.xml), "" when not given."""
        part = self.related(PACKAGE, REL_CORE_PROPERTIES)
        if part is None:
            return "", ""
        root = self.xml(part)
        return root.findtext(f"{_DC}title") or "", root.findtext(f"{_DC}creator") or ""

    def error(self, why: str) -> IngestError:
        return IngestError(self._name, cannot_read(self._what, why))
