"""Does an uploaded file hold what its extension says? PDF and Office files by their signature,
text formats by decoding as text. The messages are Danish, for the coordinator."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from ingest.encoding import NotText, decode_text
from ingest.errors import UnsupportedFormat
from ingest.formats import docx, html, markdown, pdf, pptx, text
from ingest.registry import extension, format_for

# The member an Office zip must hold to be that kind of file.
_OFFICE_MEMBERS = {pptx: "ppt/presentation.xml", docx: "word/document.xml"}
_TEXT_FORMATS = (html, text, markdown)
_LABELS = {pdf: "en PDF", pptx: "en PowerPoint-præsentation (PPTX)", docx: "et Word-dokument (DOCX)"}


class ContentMismatch(ValueError):
    """The file's content does not match its extension (or it is empty)."""


def check_content(name: str, stream: BinaryIO) -> None:
    """Raises ContentMismatch unless the stream's bytes fit the name's format; rewinds the stream."""
    ext = extension(name)
    try:
        module = format_for(name)
    except UnsupportedFormat as exc:
        raise ContentMismatch(f"»{name}« har et filformat, som Klimaviden ikke kan læse.") from exc
    try:
        head = stream.read(1024)
        if not head:
            raise ContentMismatch(f"»{name}« er tom.")
        if module is pdf:
            if pdf.MAGIC not in head:
                raise ContentMismatch(f"»{name}« hedder {ext}, men er ikke {_LABELS[pdf]}.")
        elif module in _OFFICE_MEMBERS:
            stream.seek(0)
            if not _zip_has(stream, _OFFICE_MEMBERS[module]):
                raise ContentMismatch(f"»{name}« hedder {ext}, men er ikke {_LABELS[module]}.")
        elif module in _TEXT_FORMATS:
            stream.seek(0)
            try:
                decode_text(stream.read())
            except NotText as exc:
                raise ContentMismatch(f"»{name}« skulle være tekst, men indeholder binære data.") from exc
        else:
            raise ContentMismatch(f"»{name}« har et filformat, som Klimaviden ikke kan læse.")
    finally:
        stream.seek(0)


def _zip_has(stream: BinaryIO, member: str) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
