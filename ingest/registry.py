"""Choosing the format module for a file: by extension, then by the file's first bytes."""

from __future__ import annotations

import io
import posixpath
import zipfile
from types import ModuleType

from ingest.errors import UnsupportedFormat
from ingest.formats import docx, html, markdown, pdf, pptx, text

FORMATS: tuple[ModuleType, ...] = (html, text, markdown, pdf, pptx, docx)
_BY_EXTENSION = {ext: module for module in FORMATS for ext in module.EXTENSIONS}
_BY_MIME = {mime: module for module in FORMATS for mime in module.MIME_TYPES}


def supported_extensions() -> tuple[str, ...]:
    return tuple(sorted(_BY_EXTENSION))


def extension(name: str) -> str:
    return posixpath.splitext(name.lower())[1]


def is_supported(name: str) -> bool:
    """Whether the file name has an extension klimaviden reads (what a corpus scan decides on)."""
    return extension(name) in _BY_EXTENSION


def format_for(name: str, data: bytes = b"", mime_type: str | None = None) -> ModuleType:
    """The format module for a file: by MIME type when given, by extension, else by magic bytes.

    Raises UnsupportedFormat when none fits.
    """
    if mime_type and mime_type.split(";")[0].strip().lower() in _BY_MIME:
        return _BY_MIME[mime_type.split(";")[0].strip().lower()]
    module = _BY_EXTENSION.get(extension(name)) or _sniff(data)
    if module is None:
        raise UnsupportedFormat(name, f"formatet understøttes ikke ({extension(name) or 'ingen filendelse'})")
    return module


def mime_type(name: str) -> str | None:
    """The MIME type of a supported file name (for serving originals)."""
    module = _BY_EXTENSION.get(extension(name))
    return module.MIME_TYPES[0] if module else None


def _sniff(data: bytes) -> ModuleType | None:
    head = data[:1024].lstrip().lower()
    if head.startswith(pdf.MAGIC.lower()):
        return pdf
    if head.startswith((b"<!doctype html", b"<html")):
        return html
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "ppt/presentation.xml" in names:
            return pptx
        if "word/document.xml" in names:
            return docx
    return None
