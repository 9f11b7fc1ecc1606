"""A PDF page's text through PDFium (pypdfium2), multi-column pages read column by column.

A page's text in content-stream order (PDFium's whole-page text, as pypdf's) follows the order the
typesetter wrote it in, and one that writes a two-column page row by row (left line, right line,
...) gives interleaved half-sentences; pypdf's layout mode keeps both columns side by side on one
line. PDFium groups a page's characters into text boxes with
coordinates: when the boxes leave a vertical gutter free in the middle of the page, with text on
both sides over the same height, the page is read as: what lies above the columns, the left column,
the right column, what lies below. Each side is looked at again the same way, so a page of three
or four columns is read column by column, left to right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MIN_GUTTER = 6.0  # points
_MIN_SIDE_BOXES = 3
_CENTRAL = (0.25, 0.75)  # the gutter lies in the middle half of the page
_EPSILON = 0.5
_MAX_DEPTH = 3  # splits inside splits: up to eight columns
_LINE_END_HYPHEN = re.compile("[\x02\ufffe](?:\r\n|\r|\n)?")
_LINE_END = re.compile("\r\n?")


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float


@dataclass(frozen=True)
class Columns:
    """Where a two-column page splits: the gutter's x and the columns' vertical extent."""

    gutter: float
    bottom: float
    top: float


def find_columns(boxes: list[Box], width: float, left_edge: float = 0.0) -> Columns | None:
    """The gutter of a page (or of the part of it from ``left_edge`` to ``width``) set in columns,
    or None for one read top to bottom. Pure."""
    gap = _central_gap(boxes, left_edge, width)
    if gap is None:
        return None
    gutter = (gap[0] + gap[1]) / 2
    left = [b for b in boxes if b.right <= gutter]
    right = [b for b in boxes if b.left >= gutter]
    if len(left) < _MIN_SIDE_BOXES or len(right) < _MIN_SIDE_BOXES:
        return None
    bottom = max(min(b.bottom for b in left), min(b.bottom for b in right))
    top = min(max(b.top for b in left), max(b.top for b in right))
    if top <= bottom:
        return None
    spanning = [b for b in boxes if b.left < gutter < b.right]
    if any(b.bottom < top - _EPSILON and b.top > bottom + _EPSILON for b in spanning):
        return None  # a line crosses the gutter between the columns: one column after all
    # the columns reach up and down to the nearest line that spans the page
    above = [b.bottom for b in spanning if b.bottom >= top - _EPSILON]
    below = [b.top for b in spanning if b.top <= bottom + _EPSILON]
    return Columns(gutter, max(below, default=0.0), min(above, default=float("inf")))


Region = tuple[float, float, float, float]  # left, bottom, right, top


def reading_regions(boxes: list[Box], width: float, height: float) -> list[Region] | None:
    """The parts of a page in reading order when it is set in columns (what lies above them, each
    column left to right, what lies below), or None for a page read top to bottom. Pure."""
    regions = _regions(boxes, (0.0, 0.0, width, height), 0)
    return regions if len(regions) > 1 else None


def _regions(boxes: list[Box], region: Region, depth: int) -> list[Region]:
    x0, y0, x1, y1 = region
    columns = find_columns(boxes, x1, x0) if depth < _MAX_DEPTH else None
    if columns is None:
        return [region]
    top, bottom = min(columns.top, y1), max(columns.bottom, y0)

    def inside(b: Box, left: float, right: float) -> bool:
        return b.left >= left - _EPSILON and b.right <= right + _EPSILON and b.bottom >= bottom - _EPSILON and b.top <= top + _EPSILON

    left_part = [b for b in boxes if inside(b, x0, columns.gutter)]
    right_part = [b for b in boxes if inside(b, columns.gutter, x1)]
    return [
        (x0, top, x1, y1),  # above the columns
        *_regions(left_part, (x0, bottom, columns.gutter, top), depth + 1),
        *_regions(right_part, (columns.gutter, bottom, x1, top), depth + 1),
        (x0, y0, x1, bottom),  # below
    ]


def _central_gap(boxes: list[Box], left_edge: float, right_edge: float) -> tuple[float, float] | None:
    """The widest x interval in the middle of the page (or part) covered by the fewest boxes (at
    most a few lines spanning the page, such as a headline): the candidate gutter."""
    span = right_edge - left_edge
    low, high = left_edge + _CENTRAL[0] * span, left_edge + _CENTRAL[1] * span
    events = sorted([(b.left, 1) for b in boxes] + [(b.right, -1) for b in boxes])
    covered = sum(1 for b in boxes if b.left < low < b.right)
    best: tuple[int, float, float, float] | None = None  # (coverage, -width, start, end)
    position = low
    for x, step in events:
        if x <= low:
            continue
        end = min(x, high)
        if end - position >= _MIN_GUTTER:
            candidate = (covered, position - end, position, end)
            best = candidate if best is None or candidate < best else best
        if x >= high:
            break
        covered += step
        position = x
    if position < high and high - position >= _MIN_GUTTER:
        candidate = (covered, position - high, position, high)
        best = candidate if best is None or candidate < best else best
    if best is None or best[0] > max(1, len(boxes) // 10):
        return None
    return best[2], best[3]


def page_text(page, columns: bool = True) -> str:
    """A pypdfium2 page's text (lines end in "\\n", a word hyphenated at a line end keeps "-\\n"), in
    column order when ``columns`` and the page is set in columns; one text page serves both."""
    textpage = page.get_textpage()
    try:
        text = plain(textpage.get_text_range())
        if columns and text.strip():
            return _column_text(textpage, *page.get_size()) or text
        return text
    finally:
        textpage.close()


def column_text(page) -> str | None:
    """A pypdfium2 page's text in column order when it is set in columns, else None."""
    textpage = page.get_textpage()
    try:
        return _column_text(textpage, *page.get_size())
    finally:
        textpage.close()


def _column_text(textpage, width: float, height: float) -> str | None:
    boxes = [Box(*textpage.get_rect(i)) for i in range(textpage.count_rects())]
    regions = reading_regions(boxes, width, height)
    if regions is None:
        return None
    parts = [textpage.get_text_bounded(*region) for region in regions if region[3] > region[1]]
    return "\n".join(plain(part) for part in parts if part.strip())


def plain(text: str) -> str:
    """PDFium's text with "\\n" line ends. PDFium ends lines with CRLF, and gives a hyphen it took for
    a line-end one as \\x02 (bounded text: the line end follows) or \\ufffe (a range: the line end is
    left out): either becomes "-\\n", as printed, for the hyphenation rules to join the word."""
    return _LINE_END.sub("\n", _LINE_END_HYPHEN.sub("-\n", text))
