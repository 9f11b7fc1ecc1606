"""PowerPoint presentations (.pptx): one passage per slide, the slide's notes included.

The slides are read straight from the ZIP with lxml: the presentation's slide list, each slide's
shapes and its notes slide, and the core properties. Layouts, masters and themes (most of a
package's parts) are never opened: a shape's text and its placeholder type are on the slide itself.
"""

from __future__ import annotations

from lxml import etree

from ingest.document import Passage
from ingest.errors import IngestError
from ingest.extracted import Extracted
from ingest.formats.ooxml import PACKAGE, REL_OFFICE_DOCUMENT, Package, open_zip
from ingest.normalize import clean_line, is_meaningful_title, normalize_text

NAME = "pptx"
EXTENSIONS = (".pptx",)
MIME_TYPES = ("application/vnd.openxmlformats-officedocument.presentationml.presentation",)
MAIN_PART = "ppt/presentation.xml"

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REL_NOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide"
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
# the elements of a shape tree that are shapes (anything else there is properties or extensions)
_SHAPES = frozenset(_P + tag for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"))
# placeholder types (p:ph/@type, "obj" when absent)
_TITLE_TYPES = frozenset({"title", "ctrTitle"})
_FURNITURE_TYPES = frozenset({"ftr", "sldNum"})  # footers and slide numbers repeat on every slide
_NOTES_TYPE = "body"
# a shape's own offset: p:spPr or p:grpSpPr / a:xfrm / a:off, or p:xfrm / a:off for tables and charts
_OFFSET_PATHS = (f"./*/{_A}xfrm/{_A}off", f"./{_P}xfrm/{_A}off")
_LINE_BREAK = "\v"  # a:br, a soft line break inside a paragraph


def extract(data: bytes, name: str) -> Extracted:
    with open_zip(data, name, "PowerPoint", MAIN_PART) as archive:
        package = Package(archive, name, "præsentationen")
        slides = [_slide(package, part) for part in _slide_parts(package)]
        core_title, author = package.core_properties()
    return deck(name, slides, core_title, author)


def deck(name: str, slides: list[tuple[str, str]], core_title: str, author: str) -> Extracted:
    """The Extracted of a presentation from its slides' (title, text) and core properties."""
    passages = tuple(
        Passage(number, text, title or None)
        for number, (title, text) in enumerate(slides, start=1)
        if title or text
    )
    if not passages:
        reason = "præsentationen har ingen dias" if not slides else "præsentationen indeholder ingen tekst"
        raise IngestError(name, reason)
    titles = [title for title, _ in slides[:1] if title]
    if is_meaningful_title(core_title, name):
        titles.append(clean_line(core_title))
    titles += [p.heading for p in passages if p.heading][:1]
    return Extracted(
        format=NAME,
        passages=passages,
        title_candidates=tuple(dict.fromkeys(titles)),
        hints=("slides",),
        authors=(clean_line(author),) if clean_line(author) else (),
    )


def _slide_parts(package: Package) -> list[str]:
    """The slides' parts in the order the presentation shows them (its slide id list)."""
    main = package.related(PACKAGE, REL_OFFICE_DOCUMENT) or MAIN_PART
    presentation = package.xml(main)
    relationships = package.relationships(main)
    parts = []
    for number, slide_id in enumerate(presentation.iterfind(f"{_P}sldIdLst/{_P}sldId"), start=1):
        target = relationships.get(slide_id.get(_R_ID))
        if target is None:
            raise package.error(f"dias {number} mangler i filen")
        parts.append(target[1])
    return parts


def _slide(package: Package, part: str) -> tuple[str, str]:
    """(title, body text with the speaker notes after it) of one slide."""
    title = ""
    lines: list[str] = []
    for shape in sorted(_shapes(package.xml(part).find(f"{_P}cSld/{_P}spTree")), key=_own_position):
        kind = _placeholder_type(shape)
        if kind in _FURNITURE_TYPES:
            continue
        if not title and kind in _TITLE_TYPES:
            title = clean_line(_frame_text(shape.find(f"{_P}txBody"))) if shape.tag == f"{_P}sp" else ""
            continue
        lines.extend(_shape_lines(shape))
    notes = _notes_text(package, part)
    if notes.strip():
        lines.append("")
        lines.append(notes)
    return title, normalize_text("\n".join(lines))


def _shapes(tree: etree._Element | None) -> list[etree._Element]:
    """The shapes of a shape tree (a slide's, or a group's), in XML order."""
    return [] if tree is None else [child for child in tree if child.tag in _SHAPES]


def _placeholder_type(shape: etree._Element) -> str | None:
    """The placeholder type of a shape ("title", "ftr", "obj", ...), None for a free shape. The
    placeholder mark sits in the shape's first child (p:nvSpPr, p:nvGraphicFramePr, ...)."""
    first = next(shape.iterchildren(etree.Element), None)
    placeholder = first.find(f"{_P}nvPr/{_P}ph") if first is not None else None
    return None if placeholder is None else placeholder.get("type", "obj")


def _own_position(shape: etree._Element) -> tuple[int, int]:
    """(top, left) as the slide itself sets them; a placeholder that inherits its position from the
    layout sorts first, in XML order (the layout is not read)."""
    for path in _OFFSET_PATHS:
        offset = shape.find(path)
        if offset is not None:
            return (_coordinate(offset, "y"), _coordinate(offset, "x"))
    return (0, 0)


def _coordinate(offset: etree._Element, axis: str) -> int:
    try:
        return int(offset.get(axis, 0))
    except ValueError:
        return 0  # a malformed offset sorts like an inherited one


def _shape_lines(shape: etree._Element) -> list[str]:
    if shape.tag == f"{_P}grpSp":
        return [line for inner in _shapes(shape) for line in _shape_lines(inner)]
    if shape.tag == f"{_P}graphicFrame":
        data = shape.find(f"{_A}graphic/{_A}graphicData")
        table = data.find(f"{_A}tbl") if data is not None and data.get("uri") == _TABLE_URI else None
        if table is None:
            return []  # a chart, a diagram or an embedded object: no text of its own here
        return [_row_text(row) for row in table.iterchildren(f"{_A}tr")]
    if shape.tag == f"{_P}sp":
        texts = (_paragraph_text(p).replace(_LINE_BREAK, "\n") for p in _paragraphs(shape.find(f"{_P}txBody")))
        return [text for text in texts if text.strip()]
    return []  # pictures, connectors


def _row_text(row: etree._Element) -> str:
    cells = (_frame_text(cell.find(f"{_A}txBody")) for cell in row.iterchildren(f"{_A}tc"))
    return " | ".join(clean_line(text) for text in cells if text.strip())


def _notes_text(package: Package, slide_part: str) -> str:
    """The text of the notes slide's body placeholder, "" when the slide has no notes."""
    notes_part = package.related(slide_part, _REL_NOTES)
    if notes_part is None:
        return ""
    for shape in _shapes(package.xml(notes_part).find(f"{_P}cSld/{_P}spTree")):
        if _placeholder_type(shape) == _NOTES_TYPE:
            return _frame_text(shape.find(f"{_P}txBody"))
    return ""


def _frame_text(body: etree._Element | None) -> str:
    """A text body's paragraphs, one a line; a soft line break inside a paragraph stays "\\v"."""
    return "\n".join(_paragraph_text(p) for p in _paragraphs(body))


def _paragraphs(body: etree._Element | None) -> list[etree._Element]:
    return [] if body is None else body.findall(f"{_A}p")


def _paragraph_text(paragraph: etree._Element) -> str:
    """Runs and fields (a slide number, a date) give their text, a line break "\\v"."""
    parts = []
    for child in paragraph:
        if child.tag == f"{_A}r" or child.tag == f"{_A}fld":
            parts.append(child.findtext(f"{_A}t") or "")
        elif child.tag == f"{_A}br":
            parts.append(_LINE_BREAK)
    return "".join(parts)
