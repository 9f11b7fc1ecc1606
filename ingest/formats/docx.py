"""Word documents (.docx): minutes, reports and cases; one passage per heading section."""

from __future__ import annotations

import io
import re
import zlib
from zipfile import BadZipFile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError

from ingest.errors import IngestError
from ingest.extracted import Extracted, sections
from ingest.formats.ooxml import open_zip
from ingest.messages import cannot_read
from ingest.normalize import clean_line, is_meaningful_title

NAME = "docx"
EXTENSIONS = (".docx",)
MIME_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
_HEADING_STYLE = re.compile(r"^(heading|overskrift)\s*\d|^(title|titel)$", re.IGNORECASE)
_MAX_TITLE = 120


def extract(data: bytes, name: str) -> Extracted:
    open_zip(data, name, "Word", "word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
        core_title = document.core_properties.title
        author = document.core_properties.author
    except (PackageNotFoundError, LxmlError, BadZipFile, zlib.error, EOFError, KeyError, ValueError,
            AttributeError, TypeError) as exc:
        raise IngestError(name, cannot_read("Word-dokumentet", f"{type(exc).__name__}: {exc}")) from exc
    passages = sections(blocks)
    if not any(p.text or p.heading for p in passages):
        raise IngestError(name, "Word-dokumentet indeholder ingen tekst")
    titles = []
    if is_meaningful_title(core_title, name):
        titles.append(clean_line(core_title))
    first_kind, first_text = next(((k, c) for k, c in blocks if c), ("text", ""))
    if first_kind == "heading" or len(first_text) <= _MAX_TITLE:
        titles.append(first_text)
    titles += [content for kind, content in blocks if kind == "heading"][:1]
    return Extracted(
        format=NAME,
        passages=passages,
        title_candidates=tuple(dict.fromkeys(titles)),
        authors=(clean_line(author),) if author and clean_line(author) else (),
    )


def _blocks(document):
    """("heading"|"text", content) for the body's paragraphs and tables in document order."""
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = clean_line(item.text)
            style = item.style.name if item.style is not None else ""
            yield ("heading" if text and _HEADING_STYLE.match(style or "") else "text", text)
        elif isinstance(item, Table):
            for row in item.rows:
                cells = list(dict.fromkeys(clean_line(cell.text) for cell in row.cells))
                yield ("text", " | ".join(c for c in cells if c))
