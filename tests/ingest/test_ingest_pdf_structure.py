"""PDF pages as long reports really print them: running headers with page numbers in any form,
printed page labels, tables of contents, and pages set in two columns."""

import io

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from ingest.formats import pdf
from ingest.pdf_layout import Box, find_columns
from ingest.pdf_pages import is_toc_page, line_key, page_number_at_edge
from ingest_files import make_pdf

REPORT = "2022-11-08-klimatilpasning-og-skybrud/rapport-klimatilpasning-i-kommunerne.pdf"
NEWSLETTER = "2023-01-12-scope-3-og-cirkulaer-oekonomi/nyhedsbrev-cirkulaere-indkoeb.pdf"
HEADER = "Klimatilpasning i kommunerne 2022"
FOOTER = "Rapport fra kommunernes klimanetværk"


@pytest.fixture(scope="module")
def report_bytes(sample_corpus) -> bytes:
    return (sample_corpus / REPORT).read_bytes()


@pytest.fixture(scope="module")
def report(report_bytes):
    return pdf.extract(report_bytes, REPORT).passages


def without_page_labels(data: bytes) -> bytes:
    """The same PDF without its /PageLabels: only the printed numbers tell the labels."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    del writer._root_object[NameObject("/PageLabels")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_long_report_has_one_passage_per_page(report):
    assert [p.number for p in report] == list(range(1, 14))


def test_running_header_and_footer_are_gone_from_front_matter_and_body(report):
    # The cover carries no header; front matter prints "<header> · ii", the body "<header> · 4 / 10"
    leftovers = [p.number for p in report if HEADER + " ·" in p.text or FOOTER in p.text]
    assert leftovers == []
    assert report[0].text.startswith(HEADER)  # the cover's own title is no running line


def test_only_the_table_of_contents_is_flagged(report):
    assert [p.number for p in report if p.toc] == [3]
    assert report[2].text.splitlines()[0] == "Indhold"
    assert "Grønne tage og regnbede ...." in report[2].text  # its lines stay lines


def test_page_labels_come_from_the_pdf(report):
    labels = {p.number: p.page_label for p in report}
    assert (labels[1], labels[2], labels[3], labels[4], labels[13]) == ("i", "ii", "iii", "1", "10")


def test_printed_page_numbers_are_the_labels_when_the_pdf_defines_none(report_bytes):
    data = without_page_labels(report_bytes)
    assert "/PageLabels" not in PdfReader(io.BytesIO(data)).trailer["/Root"]
    labels = [p.page_label for p in pdf.extract(data, REPORT).passages]
    # the cover prints no number; "ii", "iii" from the header, then "1 / 10" ... "10 / 10"
    assert labels == [None, "ii", "iii"] + [str(n) for n in range(1, 11)]


def test_words_hyphenated_at_line_ends_are_joined_in_the_report(report):
    assert "fra kortlægning af risikoen" in report[3].text
    assert "gerinddragelse" not in report[3].text.replace("borgerinddragelse", "")


def test_a_plain_pdf_gets_no_labels():
    passages = pdf.extract(make_pdf(["Første side om varme", "Anden side om vand"]), "r.pdf").passages
    assert [p.page_label for p in passages] == [None, None]


@pytest.mark.parametrize(
    "footer",
    ["Side {n} af 4", "{n} / 4", "Klimaplan · {n}/4", "- {n} -", "Page {n} of 4"],
)
def test_running_lines_with_page_numbers_in_any_form_are_dropped(footer):
    topics = ["fjernvarme", "varmepumper", "solceller", "biogas"]
    pages = [f"Kapitel om {topic}\n{footer.format(n=n)}" for n, topic in enumerate(topics, start=1)]
    texts = [p.text for p in pdf.extract(make_pdf(pages), "r.pdf").passages]
    assert texts == [f"Kapitel om {topic}" for topic in topics]


def test_a_word_like_a_roman_number_at_a_line_end_is_not_taken_for_one():
    names = ["Kalundborg", "Vejle", "Ribe", "Aarhus"]
    pages = [f"Rapport om vand · side {n}\nKlimaet i {name}, hvor vi bor i\nÅen løber gennem {name}"
             for n, name in enumerate(names, start=1)]
    texts = [p.text for p in pdf.extract(make_pdf(pages), "r.pdf").passages]
    assert texts[0] == "Klimaet i Kalundborg, hvor vi bor i\nÅen løber gennem Kalundborg"


@pytest.mark.parametrize(
    "line, number, key",
    [
        ("Bookworm iv", "iv", "bookworm iv"),
        ("Bookworm 75 / 96", "75", "bookworm #"),
        ("Klimaplan 2030 · side 8 af 12", "8", "klimaplan # · #"),
        ("Side 8 af 12", "8", "#"),
        ("xii", "xii", "xii"),
        ("civil", None, "civil"),
    ],
)
def test_page_numbers_and_line_keys(line, number, key):
    assert page_number_at_edge(line) == number
    assert line_key(line) == key
    # with roman numbers, front matter's header has the body's key
    assert line_key("Bookworm iv", roman=True) == line_key("Bookworm 75 / 96")


def test_a_contents_page_without_heading_is_known_by_its_leaders():
    text = "Forord ........ 3\nBaggrund ........ 5\nAnbefalinger ........ 9"
    assert is_toc_page(text, 20)


def test_a_page_of_figures_is_no_table_of_contents():
    table = "CO2-udledning fordelt på sektorer\nEl 1200\nVarme 900\nTransport 2400\nLandbrug 3100\nAffald 150"
    assert not is_toc_page(table, 12)  # numbers do not count up, and exceed the pages
    years = "Tidslinje\nKlimaplan vedtaget 2019\nHandleplan 2020\nFørste status 2021\nRevision 2023\nMål nået 2030"
    assert not is_toc_page(years, 40)  # counting up, but past the last page


def test_two_columns_are_read_column_by_column(sample_corpus):
    """How we know: the newsletter's layout program wrote each row left line, right line. pypdf's
    text follows that order and mixes half-sentences of both columns; PDFium's text boxes show the
    gutter, and reading each column's box in turn gives whole sentences."""
    data = (sample_corpus / NEWSLETTER).read_bytes()
    interleaved = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Horsens Byggeaffald bliver til nye materialer" in interleaved  # what pypdf alone gives
    text = " ".join(pdf.extract(data, NEWSLETTER).passages[0].text.split())
    assert "Horsens Kommune har i det forgangne år købt brugte skriveborde" in text
    assert "I Aarhus sorteres beton, tegl og træ fra nedrivningen af en gammel skole" in text
    order = [text.index(s) for s in ("Nyhedsbrev om", "Genbrugte kontormøbler", "Krav til leverandørerne",
                                      "Byggeaffald bliver", "Scope 3 i regnskabet")]
    assert order == sorted(order)


def test_one_column_pages_are_read_as_one_column(sample_corpus):
    document = pdfium.PdfDocument((sample_corpus / REPORT).read_bytes())
    try:
        from ingest.pdf_layout import column_text

        assert all(column_text(document[i]) is None for i in range(len(document)))
    finally:
        document.close()


def test_find_columns_rules():
    width = 600.0
    left = [Box(60, 700 - 14 * i, 280, 710 - 14 * i) for i in range(6)]
    right = [Box(320, 700 - 14 * i, 540, 710 - 14 * i) for i in range(6)]
    headline = Box(60, 740, 400, 760)
    found = find_columns(left + right + [headline], width)
    assert found is not None and 280 <= found.gutter <= 320 and found.top <= 740
    full_line = Box(60, 650, 540, 660)  # a line across the gutter between the columns' lines
    assert find_columns(left + right + [full_line], width) is None
    assert find_columns(left, width) is None  # one column


THREE_COLUMNS = (
    ("Varme fra spildevand", "Renseanlægget i Fredericia leverer overskudsvarme til fjernvarmenettet hele "
     "vinteren. Varmepumpen blev sat i drift i foråret og dækker nu en femtedel af byens behov."),
    ("Solceller på skoletage", "Kommunen har lagt solceller på elleve skoler. Strømmen bruges i "
     "dagtimerne, og overskuddet sælges til nettet, når skolerne holder ferie."),
    ("Cykelstier mellem byerne", "Tre nye supercykelstier forbinder oplandet med stationsbyen. "
     "Pendlerne sparer tid, og bilkørslen på landevejen er faldet målbart siden åbningen."),
)


def three_column_pdf() -> bytes:
    """A newsletter page in three columns, written row by row across the page (left, middle and
    right line, then the next row), as some layout programs do."""
    from fpdf import FPDF

    page = FPDF(format="A4")
    page.add_page()
    page.set_font("Helvetica", "B", 16)
    page.cell(0, 10, "Nyt fra klimanetværket", new_x="LMARGIN", new_y="NEXT")
    page.set_font("Helvetica", "", 9)
    columns = [[title] + page.multi_cell(56, 4.5, body, dry_run=True, output="LINES") for title, body in THREE_COLUMNS]
    y = 40
    for row in range(max(len(c) for c in columns)):
        for x, lines in zip((15, 78, 141), columns):
            if row < len(lines):
                page.set_xy(x, y)
                page.cell(56, 4.5, lines[row])
        y += 4.5
    return bytes(page.output())


def test_three_columns_are_read_column_by_column():
    """How we know: the page was written row by row across three columns, so pypdf's text mixes
    the three stories line by line; read through PDFium's boxes, each story is whole and the
    stories come left to right."""
    data = three_column_pdf()
    interleaved = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "Varme fra spildevand Solceller på skoletage Cykelstier mellem byerne" in interleaved
    text = " ".join(pdf.extract(data, "nyhedsbrev.pdf").passages[0].text.split())
    for title, body in THREE_COLUMNS:
        assert f"{title} {body}" in text
    order = [text.index(title) for title, _ in THREE_COLUMNS]
    assert text.index("Nyt fra klimanetværket") < order[0] and order == sorted(order)


def test_find_columns_looks_inside_each_side():
    width = 600.0
    rows = [[Box(x, 700 - 14 * i, x + 160, 710 - 14 * i) for i in range(6)] for x in (40, 220, 400)]
    from ingest.pdf_layout import reading_regions

    regions = reading_regions([b for column in rows for b in column], width, 800.0)
    columns = [r for r in regions if r[1] < 700 < r[3]]
    assert len(columns) == 3
    assert [r[0] <= column[0].left and column[0].right <= r[2] for r, column in zip(columns, rows)] == [True] * 3
    assert reading_regions(rows[0], width, 800.0) is None  # one column
