"""Search results as CSV and as an Excel workbook: Danish headings, formulas neutralised.

The CSV is UTF-8 with BOM; `excel=True` separates cells with ";", which is what Excel expects where
the decimal comma is used (Danish settings); a comma-separated file opens there in one column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping

from openpyxl import Workbook
from openpyxl.styles import Font

from webapp.formatting import passage_label, plain_snippet, type_label

BOM = "\ufeff"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADINGS = (
    "Titel", "Type", "Dato", "Mødedato", "Udgivet", "Side/dias", "Temaer", "Emner",
    "Organisationer", "Uddrag", "Fil", "Link", "Oplægsholdere",
)
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters an .xlsx file cannot hold (XML 1.0 forbids them); dropped from workbook cells.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


def result_rows(
    results: Iterable[Mapping], *, document_url: Callable[[str], str], topic_labels: Mapping[str, str]
) -> list[list[str]]:
    """The headings, then one row per result: the same cells for every export format."""
    rows = [list(HEADINGS)]
    rows += [result_row(item, document_url=document_url, topic_labels=topic_labels) for item in results]
    return rows


def results_csv(
    results: Iterable[Mapping],
    *,
    document_url: Callable[[str], str],
    topic_labels: Mapping[str, str],
    excel: bool = False,
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerows(result_rows(results, document_url=document_url, topic_labels=topic_labels))
    return BOM + buffer.getvalue()


def results_xlsx(
    results: Iterable[Mapping], *, document_url: Callable[[str], str], topic_labels: Mapping[str, str]
) -> bytes:
    """An .xlsx workbook with one sheet, "Søgning": bold headings, a frozen heading row, every
    cell text (so a date or a number is shown exactly as in the CSV)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Søgning"
    for row in result_rows(results, document_url=document_url, topic_labels=topic_labels):
        sheet.append([_CONTROL.sub("", cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKL", (50, 14, 12, 12, 12, 10, 30, 30, 30, 60, 40, 40)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
