"""Decoding the bytes of a text file written by any Windows, Mac or Linux tool into str."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from ingest.errors import IngestError
from ingest.messages import EMPTY_FILE
from ingest.normalize import normalize_text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never appear in real text (tab, newlines and form feed are fine) and the
# replacement character a failed decoding leaves.
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_MAX_JUNK_RATIO = 0.01


class NotText(ValueError):
    """The bytes are not text in any encoding we accept (binary data)."""


def decode_text(data: bytes) -> str:
    """Decode text: BOM (UTF-8/16/32), else strict UTF-8, else cp1252 (a superset of latin-1 for letters),
    else charset-normalizer's best guess, else latin-1. Raises NotText for binary data."""
    text = _decode(data)
    if _looks_binary(text):
        raise NotText("filen indeholder binære data, ikke tekst")
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotText(f"ødelagt {encoding}-tekst: {exc.reason}") from exc
    if b"\x00" in data:
        raise NotText("filen indeholder binære data (NUL-bytes), ikke tekst")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best)
    return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(_JUNK.findall(text)) / len(text) > _MAX_JUNK_RATIO


def read_text_file(data: bytes, name: str) -> str:
    """The decoded, whitespace-normalised text of a plain-text file (TXT, Markdown), or an
    IngestError naming why it is none: empty, or not text at all."""
    if not data.strip():
        raise IngestError(name, EMPTY_FILE)
    try:
        return normalize_text(decode_text(data))
    except NotText as exc:
        raise IngestError(name, str(exc)) from exc
