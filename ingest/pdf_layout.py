"""Multi-column PDF pages read column by column, through PDFium's text boxes (pypdfium2).

pypdf reads a page in content-stream order, and a typesetter that writes a two-column page row by
row (left line, right line, ...) gives interleaved half-sentences; pypdf's layout mode keeps both
columns side by side on one line. PDFium groups a page's characters into text boxes with
coordinates: when the boxes leave a vertical gutter free in the middle of the page, with text on
both sides over the same height, the page is read as: what lies above the columns, the left column,
the right column, what lies below.
"""

from __future__ import annotations

from dataclasses import dataclass

_MIN_GUTTER = 6.0  # points
_MIN_SIDE_BOXES = 3
_WIDE = 0.55  # a box wider than this share of the page spans the columns (a title, a full line)
_CENTRAL = (0.25, 0.75)  # the gutter lies in the middle half of the page
_EPSILON = 0.5


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


def find_columns(boxes: list[Box], width: float) -> Columns | None:
    """The gutter of a two-column page, or None for a page read top to bottom. Pure."""
    narrow = sorted((b for b in boxes if b.right - b.left < _WIDE * width), key=lambda b: b.left)
    gap = _central_gap(narrow, width)
    if gap is None:
        return None
    gutter = (gap[0] + gap[1]) / 2
    left = [b for b in narrow if b.right <= gutter]
    right = [b for b in narrow if b.left >= gutter]
    if len(left) < _MIN_SIDE_BOXES or len(right) < _MIN_SIDE_BOXES:
        return None
    bottom = max(min(b.bottom for b in left), min(b.bottom for b in right))
    top = min(max(b.top for b in left), max(b.top for b in right))
    if top <= bottom:
        return None
    spanning = [b for b in boxes if b.left < gutter < b.right]
    if any(b.bottom < top - _EPSILON and b.top > bottom + _EPSILON for b in spanning):
        return None  # a line crosses the gutter between the columns: one column after all
    top = max(b.top for b in left + right if b.bottom >= bottom - _EPSILON)
    bottom = min(b.bottom for b in left + right if b.top <= top + _EPSILON)
    return Columns(gutter, bottom, top)


def _central_gap(narrow: list[Box], width: float) -> tuple[float, float] | None:
    """The widest x interval in the middle of the page that no narrow box covers."""
    low, high = _CENTRAL[0] * width, _CENTRAL[1] * width
    best: tuple[float, float] | None = None
    reach = None
    for box in narrow:
        if reach is not None and box.left - reach >= _MIN_GUTTER:
            start, end = max(reach, low), min(box.left, high)
            if end - start >= _MIN_GUTTER and (best is None or end - start > best[1] - best[0]):
                best = (reach, box.left)
        reach = box.right if reach is None else max(reach, box.right)
    return best


def column_text(page) -> str | None:
    """A pypdfium2 page's text in column order when it has two columns, else None."""
    textpage = page.get_textpage()
    try:
        width, height = page.get_size()
        boxes = [Box(*textpage.get_rect(i)) for i in range(textpage.count_rects())]
        columns = find_columns(boxes, width)
        if columns is None:
            return None
        regions = (
            (0, columns.top + _EPSILON, width, height),  # above the columns
            (0, columns.bottom - _EPSILON, columns.gutter, columns.top + _EPSILON),
            (columns.gutter, columns.bottom - _EPSILON, width, columns.top + _EPSILON),
            (0, 0, width, columns.bottom - _EPSILON),  # below
        )
        parts = [textpage.get_text_bounded(*region) for region in regions]
    finally:
        textpage.close()
    return "\n".join(_plain(part) for part in parts if part.strip())


def _plain(text: str) -> str:
    """PDFium's line ends are CRLF and a hyphen it took for a soft one is \\x02."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-").replace("\ufffe", "-")
