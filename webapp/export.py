"""Search results as CSV for Excel: UTF-8 with BOM, Danish headings, formulas neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping

from webapp.formatting import passage_label, plain_snippet, type_label

BOM = "\ufeff"
HEADINGS = (
    "Titel", "Type", "Dato", "Mødedato", "Udgivet", "Side/dias", "Temaer", "Emner",
    "Organisationer", "Uddrag", "Fil", "Link", "Oplægsholdere",
)
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def result_row(
    item: Mapping, *, document_url: Callable[[str], str], topic_labels: Mapping[str, str]
) -> list[str]:
    page = item.get("page")
    cells = (
        item.get("title"),
        type_label(item.get("type")),
        item.get("date"),
        item.get("meeting_date"),
        item.get("published"),
        passage_label(item.get("path"), page) if page else "",
        "; ".join(item.get("themes") or ()),
        "; ".join(topic_labels.get(s, s) for s in item.get("topics") or ()),
        "; ".join(item.get("organizations") or ()),
        plain_snippet(item.get("snippet")),
        item.get("path"),
        document_url(item["id"]),
        "; ".join(p["name"] for p in item.get("presenters") or ()),  # added last: columns only grow
    )
    return [safe_cell(cell) for cell in cells]


def results_csv(
    results: Iterable[Mapping], *, document_url: Callable[[str], str], topic_labels: Mapping[str, str]
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for item in results:
        writer.writerow(result_row(item, document_url=document_url, topic_labels=topic_labels))
    return BOM + buffer.getvalue()
