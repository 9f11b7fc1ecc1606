"""PDF pages are read by PDFium, once per file: the same words and lines pypdf read (pypdf stays the
reference here), line-end hyphens as printed, and a damaged file still read as far as it goes."""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from pypdf import PdfReader

from ingest.formats import pdf
from ingest.pdf_layout import page_text, plain
from ingest_files import make_pdf

COLUMNS = "2023-01-12-scope-3-og-cirkulaer-oekonomi/nyhedsbrev-cirkulaere-indkoeb.pdf"
HYPHENATED = ["Klimatilpasning\n\nKommunernes klima-\ntilpasning og CO2-\nfangst samt energi-\nog varme, "
              "Power-\nto-X og drivhus-\ngasser.", "Side to om fjern-\nvarme og vand."]


def text_pdfs(sample_corpus) -> list[tuple[str, bytes]]:
    """The sample corpus's PDFs with a text layer in one column, and fixtures with hyphenation."""
    files = [(p.name, p.read_bytes()) for p in sorted(sample_corpus.rglob("*.pdf"))
             if "scannet" not in p.name and p.relative_to(sample_corpus).as_posix() != COLUMNS]
    return files + [("orddeling.pdf", make_pdf(HYPHENATED)), ("liggende.pdf", make_pdf(HYPHENATED, landscape=True))]


def pdfium_pages(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            pages.append(page_text(page, columns=False))
            page.close()
        return pages
    finally:
        document.close()


def test_pdfium_reads_the_words_and_lines_pypdf_read(sample_corpus):
    files = text_pdfs(sample_corpus)
    assert len(files) >= 10
    for name, data in files:
        before = [pdf.clean_page_text(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]
        assert [pdf.clean_page_text(text) for text in pdfium_pages(data)] == before, name


def test_line_end_hyphens_come_as_printed():
    assert plain("drivhus\ufffegasser\r\nog") == "drivhus-\ngasser\nog"  # a range: no line end after it
    assert plain("fjern\x02\r\nvarme\rog") == "fjern-\nvarme\nog"  # bounded text: the line end follows
    passages = pdf.extract(make_pdf(HYPHENATED), "orddeling.pdf").passages
    assert "klimatilpasning og CO2-fangst samt energi- og varme, Power-to-X og drivhusgasser" in passages[0].text
    assert passages[1].text == "Side to om fjernvarme og vand."


LEFT = ["Regnvand i byen", "Kommunen arbejder med klima-", "tilpasning i alle nye lokal-", "planer og med grønne tage på",
        "skolerne. Vandet ledes til", "regnbede langs vejene.", "Borgerne inddrages tidligt."]
RIGHT = ["Varme fra industrien", "Overskudsvarme fra bagerier", "og vaskerier sendes ud i fjern-",
         "varmenettet. Det sparer gas", "og giver lavere priser for", "forbrugerne i hele byen.", "Aftalen gælder i ti år."]


def two_column_pdf() -> bytes:
    """A two-column page written row by row, with words hyphenated at the ends of lines."""
    page = FPDF(format="A4")
    page.add_page()
    page.set_font("Helvetica", "B", 16)
    page.cell(0, 10, "Nyt fra klimanetværket", new_x="LMARGIN", new_y="NEXT")
    page.set_font("Helvetica", "", 10)
    for row, (left, right) in enumerate(zip(LEFT, RIGHT)):
        for x, line in ((15, left), (110, right)):
            page.set_xy(x, 40 + 5 * row)
            page.cell(85, 5, line)
    return bytes(page.output())


def test_hyphenated_words_are_joined_in_each_column():
    text = " ".join(pdf.extract(two_column_pdf(), "nyhedsbrev.pdf").passages[0].text.split())
    assert "Kommunen arbejder med klimatilpasning i alle nye lokalplaner og med grønne tage på skolerne." in text
    assert "og vaskerier sendes ud i fjernvarmenettet. Det sparer gas" in text
    assert text.index("Borgerne inddrages tidligt.") < text.index("Varme fra industrien")


def test_title_author_and_date_come_from_the_metadata():
    document = FPDF()
    document.set_title("Klimaplan for Vejle")
    document.set_author("Teknik og Miljø, Vejle Kommune")
    document.set_creation_date(datetime(2022, 5, 3, 9, 30, tzinfo=timezone.utc))
    document.set_font("Helvetica", size=11)
    document.add_page()
    document.multi_cell(0, 6, "Forside\n\nPlanen har tre spor.")
    extracted = pdf.extract(bytes(document.output()), "plan.pdf")
    assert extracted.title_candidates == ("Klimaplan for Vejle", "Forside")
    assert extracted.authors == ("Teknik og Miljø, Vejle Kommune",)
    assert extracted.dates[0][1].isoformat() == "2022-05-03"


def test_a_pdf_pdfium_cannot_open_is_read_by_pypdf():
    """A trailer without /Root: PDFium refuses the file, pypdf finds the catalog among the objects."""
    damaged = re.sub(rb"/Root \d+ 0 R", b"", make_pdf(["Første side om fjernvarme", "Anden side om vand"], title="Varme"))
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(damaged)
    extracted = pdf.extract(damaged, "skadet.pdf")
    assert [p.text for p in extracted.passages] == ["Første side om fjernvarme", "Anden side om vand"]


def test_pages_that_cannot_be_loaded_leave_the_others():
    """The page tree claims seven pages and holds two: the two are read, the rest are blank."""
    damaged = make_pdf(["Første side om fjernvarme", "Anden side om vand"]).replace(b"/Count 2", b"/Count 7")
    passages = pdf.extract(damaged, "skadet.pdf").passages
    assert [(p.number, p.text) for p in passages] == [(1, "Første side om fjernvarme"), (2, "Anden side om vand")]
