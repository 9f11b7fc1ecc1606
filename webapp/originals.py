"""Text originals (TXT, Markdown, HTML) as the browser should get them: in UTF-8, said so in the header.

Flask labels every text/* file "charset=utf-8", so a TXT written by a Windows tool in cp1252 showed
æ/ø/å as �. The original is decoded exactly as ingestion decoded it (BOM, UTF-8, the page's declared
charset, cp1252, ...) and sent as UTF-8; a file that already is UTF-8 is sent byte for byte.
"""

from __future__ import annotations

from ingest.encoding import NotText, decode_text
from ingest.errors import IngestError
from ingest.formats.html import decode_page

TEXT_SUFFIXES = frozenset({"txt", "md", "html", "htm"})


def utf8_body(data: bytes, suffix: str) -> bytes | None:
    """The bytes to serve for a text original, in UTF-8; None when the file is not text (any more)."""
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        text = decode_page(data, "original") if suffix in ("html", "htm") else decode_text(data)
    except (NotText, IngestError):
        return None
    return text.encode("utf-8")
