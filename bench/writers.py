"""Write a generated document in its file format: HTML in a full site template (bench.sitepage), TXT, PDF (fpdf2),
a scanned PDF (the sample corpus's scanner, tools/make_sample_corpus.py), PPTX."""

from __future__ import annotations

import io
import random
from datetime import datetime, timezone
from pathlib import Path

from bench import sitepage
from bench.textgen import MONTHS, DocText
from tools.make_sample_corpus import scanned_pdf

_LATIN1 = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "‐": "-"})


def write_document(path: Path, kind: str, doc: DocText, *, scanned: bool = False) -> int:
    """Write `doc` to `path` in the format `kind` (a PDF `scanned`: pages as images without text);
    returns the number of bytes written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if scanned and kind != "pdf":
        raise ValueError(f"only a PDF can be scanned, not {kind}")
    writer = scanned_pdf_bytes if scanned else {"html": html_bytes, "txt": txt_bytes, "pdf": pdf_bytes,
                                                "pptx": pptx_bytes}[kind]
    data = writer(doc)
    path.write_bytes(data)
    return len(data)


def html_bytes(doc: DocText) -> bytes:
    """A real-size saved news page (30-150 KB): the article inside a full site template."""
    rng = random.Random(f"page:{doc.title}:{doc.dateline}")
    return sitepage.page(doc, rng, published=_iso_date(doc.dateline)).encode("utf-8")


def _iso_date(dateline: str) -> str | None:
    """'22. april 2021' -> '2021-04-22' (the published date a real page carries in its metadata)."""
    words = dateline.replace(".", " ").split()
    if len(words) == 3 and words[0].isdigit() and words[1] in MONTHS and words[2].isdigit():
        return f"{words[2]}-{MONTHS.index(words[1]) + 1:02d}-{int(words[0]):02d}"
    return None


def txt_bytes(doc: DocText) -> bytes:
    lines = [doc.title, "", doc.dateline, ""]
    for section in doc.sections:
        if section.heading:
            lines += [section.heading, ""]
        lines += [p for p in section.paragraphs] + [""]
    return "\n".join(lines).encode("utf-8")


def pdf_bytes(doc: DocText) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    def cell(height: float, text: str) -> None:
        pdf.multi_cell(0, height, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf = FPDF(format="A4")
    pdf.set_compression(False)  # faster to write and to read back; the files stay small anyway
    pdf.set_title(doc.title.translate(_LATIN1))
    for number, section in enumerate(doc.sections):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        if number == 0:
            cell(7, doc.title)
            pdf.set_font("Helvetica", "", 10)
            cell(5, doc.dateline)
            pdf.set_font("Helvetica", "B", 12)
        cell(6, section.heading)
        pdf.set_font("Helvetica", "", 10)
        for text in section.paragraphs:
            cell(5, text)
    return bytes(pdf.output())


def scanned_pdf_bytes(doc: DocText) -> bytes:
    """The PDF of `doc` printed and scanned: its pages as greyscale images, no text layer."""
    day = _iso_date(doc.dateline)
    created = datetime.fromisoformat(day).replace(tzinfo=timezone.utc) if day else datetime(2016, 1, 4, tzinfo=timezone.utc)
    return scanned_pdf(pdf_bytes(doc), created)


def pptx_bytes(doc: DocText) -> bytes:
    from pptx import Presentation

    deck = Presentation()
    title_slide = deck.slides.add_slide(deck.slide_layouts[0])
    title_slide.shapes.title.text = doc.title
    title_slide.placeholders[1].text = doc.dateline
    for section in doc.sections:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = section.heading
        frame = slide.placeholders[1].text_frame
        frame.text = section.paragraphs[0]
        for text in section.paragraphs[1:]:
            frame.add_paragraph().text = text
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _latin1(text: str) -> str:
    return text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
