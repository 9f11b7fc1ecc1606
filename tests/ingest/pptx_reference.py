"""The reading of a presentation through python-pptx's object model, as ingest.formats.pptx did it
until it read the slides straight from the ZIP: kept as the reference the new reader is compared
with (tests/ingest/test_ingest_pptx_reader.py). Not used by the product."""

from __future__ import annotations

import io
import zlib
from zipfile import BadZipFile

from lxml.etree import LxmlError
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.oxml.ns import qn

from ingest.errors import IngestError
from ingest.extracted import Extracted
from ingest.formats.ooxml import open_zip
from ingest.formats.pptx import deck
from ingest.messages import cannot_read
from ingest.normalize import clean_line, normalize_text

_TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
_FURNITURE_TYPES = {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
# the shape's own offset: p:spPr or p:grpSpPr / a:xfrm / a:off, or p:xfrm / a:off for tables and charts
_OFFSET_PATHS = (f"./*/{qn('a:xfrm')}/{qn('a:off')}", f"./{qn('p:xfrm')}/{qn('a:off')}")


def extract(data: bytes, name: str) -> Extracted:
    open_zip(data, name, "PowerPoint", "ppt/presentation.xml")
    try:
        presentation = Presentation(io.BytesIO(data))
        slides = [_slide(slide) for slide in presentation.slides]
        core_title = presentation.core_properties.title
        author = presentation.core_properties.author
    except (PackageNotFoundError, LxmlError, BadZipFile, zlib.error, EOFError, KeyError, ValueError,
            AttributeError, TypeError) as exc:
        raise IngestError(name, cannot_read("præsentationen", f"{type(exc).__name__}: {exc}")) from exc
    return deck(name, slides, core_title, author)


def _slide(slide) -> tuple[str, str]:
    """(title, body text with the speaker notes after it) of one slide."""
    title = ""
    lines: list[str] = []
    for shape in sorted(slide.shapes, key=_own_position):
        kind = shape.placeholder_format.type if shape.is_placeholder else None
        if kind in _FURNITURE_TYPES:
            continue  # footers and slide numbers repeat on every slide
        if not title and kind in _TITLE_TYPES:
            title = clean_line(shape.text_frame.text) if shape.has_text_frame else ""
            continue
        lines.extend(_shape_lines(shape))
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame
        if notes is not None and notes.text.strip():
            lines.append("")
            lines.append(notes.text)
    return title, normalize_text("\n".join(lines))


def _own_position(shape) -> tuple[int, int]:
    """(top, left) as the slide itself sets them; a placeholder that inherits its position from the
    layout sorts first, in XML order (asking the layout costs more than the rest of the slide)."""
    for path in _OFFSET_PATHS:
        offset = shape.element.find(path)
        if offset is not None:
            return (int(offset.get("y", 0)), int(offset.get("x", 0)))
    return (0, 0)


def _shape_lines(shape) -> list[str]:
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [line for inner in shape.shapes for line in _shape_lines(inner)]
    if getattr(shape, "has_table", False) and shape.has_table:
        return [
            " | ".join(clean_line(cell.text) for cell in row.cells if cell.text.strip())
            for row in shape.table.rows
        ]
    if shape.has_text_frame:
        texts = (paragraph.text.replace("\v", "\n") for paragraph in shape.text_frame.paragraphs)
        return [text for text in texts if text.strip()]
    return []
