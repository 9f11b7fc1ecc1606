"""Write the binary and encoded sample files of corpus/ from the plain-text sources beside this script.

The sample corpus is hand-written Danish material; PDF, PPTX, DOCX and TXT files in odd encodings
cannot be edited by hand, so their text lives in `tools/sample_corpus/` and this script renders it:

    tools/sample_corpus/<meeting>/<name>.<ext>.src  ->  corpus/<meeting>/<name>.<ext>

A source starts with `key: value` header lines, then a blank line, then the body:

    title: ...          document metadata title (PDF/DOCX/PPTX); omit to leave it empty
    author: ...         metadata author
    creator: ...        PDF only: the writing program (default: klimaviden sample corpus)
    subject: ...        PPTX/DOCX only: metadata subject
    created: 2021-03-15 fixed creation date, so every run writes the same bytes
    layout: report      PDF only: report (portrait) or slides (landscape); and (see render_pdf_layout):
                        book (front matter with roman page numbers and labels, a table of contents,
                        running header with "7 / 11" page numbers), columns (a two-column page
                        written row by row), scan (pages as images, no text layer)
    footer: ...         PDF only: text in the footer of every page, next to the page number
    header: ...         PDF book only: the running header's text
    front: 3            PDF book only: pages of front matter (numbered i, ii, iii)
    encoding: cp1252    TXT only: utf-8, utf-8-sig, utf-16 (with BOM), cp1252, latin-1
    newline: crlf       TXT only: line endings as Windows writes them
    site: kommune       HTML only: the site template around the article (kommune or kl, see bench/sitepage.py)
    published: 2022-... HTML only: the publication date in the page's metadata
    dateline: ...       HTML only: the dateline printed under the headline

HTML sources become real-size saved news pages: the article (`# ` headline, `## ` sections,
paragraphs; bullets become paragraphs) inside a full municipal or KL-like site template.

Body markup (PDF, PPTX, DOCX, HTML): `=== page` / `=== slide` start a new page or slide; `# ` and `## `
are headings (the `# ` of a slide is its title); `- ` is a bullet; `| ` is a line kept exactly as
written (PDF, for a word hyphenated across a line break); `notes: ` is a slide's speaker notes;
other lines join into paragraphs separated by blank lines. TXT bodies are written verbatim.

Usage:  .venv/bin/python tools/make_sample_corpus.py [--check]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "sample_corpus"
CORPUS = ROOT / "corpus"
FIXED_ZIP_TIME = (2021, 1, 1, 0, 0, 0)


@dataclass
class Block:
    kind: str  # h1, h2, para, bullet, raw, notes
    text: str


@dataclass
class Source:
    relpath: str
    header: dict[str, str]
    body: str
    sections: list[list[Block]] = field(default_factory=list)

    @property
    def created(self) -> dt.datetime:
        day = dt.date.fromisoformat(self.header.get("created", "2021-01-01"))
        return dt.datetime(day.year, day.month, day.day, 9, 0, 0, tzinfo=dt.timezone.utc)


def parse_source(relpath: str, text: str) -> Source:
    head, _, body = text.partition("\n\n")
    header = {}
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"{relpath}: header line without ':': {line!r}")
        header[key.strip()] = value.strip()
    source = Source(relpath, header, body)
    source.sections = parse_sections(body)
    return source


def parse_sections(body: str) -> list[list[Block]]:
    sections: list[list[Block]] = [[]]
    para: list[str] = []

    def flush() -> None:
        if para:
            sections[-1].append(Block("para", " ".join(para)))
            para.clear()

    for line in body.splitlines():
        stripped = line.strip()
        if stripped in ("=== page", "=== slide"):
            flush()
            if sections[-1]:
                sections.append([])
        elif not stripped:
            flush()
        elif stripped.startswith("## "):
            flush()
            sections[-1].append(Block("h2", stripped[3:]))
        elif stripped.startswith("# "):
            flush()
            sections[-1].append(Block("h1", stripped[2:]))
        elif stripped.startswith("- "):
            flush()
            sections[-1].append(Block("bullet", stripped[2:]))
        elif line.startswith("| "):
            flush()
            sections[-1].append(Block("raw", line[2:]))
        elif stripped.startswith("notes: "):
            flush()
            sections[-1].append(Block("notes", stripped[7:]))
        else:
            para.append(stripped)
    flush()
    return [section for section in sections if section]


# --- PDF -----------------------------------------------------------------------------------------


def render_pdf(source: Source) -> bytes:
    from fpdf import FPDF

    if source.header.get("layout") in PDF_LAYOUTS:
        return PDF_LAYOUTS[source.header["layout"]](source)
    footer = source.header.get("footer")

    class SamplePDF(FPDF):
        def footer(self) -> None:
            if footer:
                self.set_y(-15)
                self.set_font("Helvetica", "", 8)
                self.cell(0, 5, latin1(f"{footer}   |   side {self.page_no()}", source), align="C")

    slides = source.header.get("layout", "report") == "slides"
    pdf = SamplePDF(orientation="L" if slides else "P", format="A4")
    pdf.set_creation_date(source.created)
    if "title" in source.header:
        pdf.set_title(latin1(source.header["title"], source))
    if "author" in source.header:
        pdf.set_author(latin1(source.header["author"], source))
    pdf.set_creator(source.header.get("creator", "klimaviden sample corpus"))
    pdf.set_producer("fpdf2")
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 20, 20)
    scale = 1.5 if slides else 1.0
    for section in source.sections:
        pdf.add_page()
        for block in section:
            text = latin1(block.text, source)
            if block.kind == "h1":
                pdf.set_font("Helvetica", "B", 20 * scale if slides else 18)
                pdf.multi_cell(0, 10 * scale, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(4)
            elif block.kind == "h2":
                pdf.set_font("Helvetica", "B", 13 * scale)
                pdf.ln(2)
                pdf.multi_cell(0, 7 * scale, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            elif block.kind == "bullet":
                pdf.set_font("Helvetica", "", 11 * scale)
                pdf.multi_cell(0, 6 * scale, "- " + text, new_x="LMARGIN", new_y="NEXT")
            elif block.kind == "raw":
                pdf.set_font("Helvetica", "", 11 * scale)
                pdf.cell(0, 6 * scale, text, new_x="LMARGIN", new_y="NEXT")
            elif block.kind == "para":
                pdf.set_font("Helvetica", "", 11 * scale)
                pdf.multi_cell(0, 6 * scale, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(3)
            else:
                raise ValueError(f"{source.relpath}: {block.kind} is not used in a PDF")
    return bytes(pdf.output())


def latin1(text: str, source: Source) -> str:
    """The PDF core fonts speak latin-1 only; say which source breaks that instead of writing '?'."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError as exc:
        bad = text[exc.start : exc.end]
        raise ValueError(f"{source.relpath}: {bad!r} is outside latin-1 (PDF core font)") from exc
    return text


# --- PDF as real material looks: books, columns, scans ---------------------------------------------


def _new_pdf(source: Source):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(source.created)
    pdf.set_title(latin1(source.header.get("title", ""), source))
    pdf.set_author(latin1(source.header.get("author", ""), source))
    pdf.set_creator(source.header.get("creator", "klimaviden sample corpus"))
    pdf.set_producer("fpdf2")
    pdf.set_margins(20, 25, 20)
    pdf.set_auto_page_break(True, margin=22)
    return pdf


def _write_blocks(pdf, blocks: list[Block], source: Source, toc: list[tuple[str, str]]) -> None:
    for block in blocks:
        text = latin1(block.text, source)
        if block.kind == "h1":
            pdf.set_font("Helvetica", "B", 18)
            pdf.multi_cell(0, 10, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif block.kind == "raw":
            pdf.set_font("Helvetica", "", 11)
            pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "para" and block.text == "@toc":
            pdf.set_font("Helvetica", "", 11)
            for title, label in toc:
                entry = latin1(title, source)
                dots = "." * int((150 - pdf.get_string_width(entry)) / pdf.get_string_width("."))
                pdf.cell(0, 8, f"{entry} {dots} {label}", new_x="LMARGIN", new_y="NEXT")
        elif block.kind == "para":
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        else:
            raise ValueError(f"{source.relpath}: {block.kind} is not used in this PDF layout")


def render_book(source: Source) -> bytes:
    """A report as publishers make them: front matter numbered i, ii, iii (cover included), the
    body from 1; page labels saying so; a running header "<header> · iv" / "<header> · 7 / 11", a
    running footer, and a table of contents (the `@toc` line) with dotted leaders."""
    front = int(source.header.get("front", "0"))
    header, footer = source.header.get("header", ""), source.header.get("footer", "")
    body_pages = len(source.sections) - front
    labels = [_roman(n + 1) for n in range(front)] + [str(n + 1) for n in range(body_pages)]
    printed = labels[:front] + [f"{n + 1} / {body_pages}" for n in range(body_pages)]
    toc = [
        (next(b.text for b in section if b.kind == "h1"), labels[i])
        for i, section in enumerate(source.sections)
        if i >= front and any(b.kind == "h1" for b in section)
    ]
    pdf = _new_pdf(source)
    for index, section in enumerate(source.sections):
        pdf.add_page()
        if index == 0:
            pdf.set_page_label("r")
        elif index == front:
            pdf.set_page_label("D", label_start=1)
        if index > 0:
            pdf.set_auto_page_break(False)
            pdf.set_font("Helvetica", "", 8)
            pdf.set_xy(20, 10)
            pdf.cell(170, 5, latin1(f"{header} · {printed[index]}", source), align="R")
            pdf.set_xy(20, 282)
            pdf.cell(170, 5, latin1(footer, source), align="L")
            pdf.set_auto_page_break(True, margin=22)
            pdf.set_xy(20, 25)
        _write_blocks(pdf, section, source, toc)
        if pdf.page != index + 1:
            raise ValueError(f"{source.relpath}: page {index + 1} does not fit on one page")
    return bytes(pdf.output())


def render_columns(source: Source) -> bytes:
    """A newsletter: a headline across the page, then two columns (split by `=== column`) written
    row by row, left line then right line, as some layout programs do."""
    pdf = _new_pdf(source)
    pdf.add_page()
    blocks = [b for section in source.sections for b in section]
    title = next(b.text for b in blocks if b.kind == "h1")
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, latin1(title, source), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    left, right = source.body.split("=== column")
    columns = [_column_lines(pdf, part, source) for part in (left.split("\n", 2)[-1], right)]
    y = 45
    for row in range(max(len(c) for c in columns)):
        for x, lines in zip((20, 110), columns):
            if row < len(lines) and lines[row]:
                pdf.set_xy(x, y)
                pdf.cell(80, 5, lines[row])
        y += 5
    return bytes(pdf.output())


def _column_lines(pdf, text: str, source: Source) -> list[str]:
    lines: list[str] = []
    for para in parse_sections(text)[0]:
        if para.kind == "para":
            lines += pdf.multi_cell(80, 5, latin1(para.text, source), dry_run=True, output="LINES") + [""]
    return lines


def render_scan(source: Source) -> bytes:
    """Pages printed and scanned: the report layout rendered to greyscale images (PDFium) with a
    little deterministic speckle, placed in a PDF that has no text layer."""
    plain = Source(source.relpath, {**source.header, "layout": "report"}, source.body, source.sections)
    return scanned_pdf(render_pdf(plain), source.created)


def scanned_pdf(text_pdf: bytes, created: dt.datetime, rotations: dict[int, int] | None = None) -> bytes:
    """The pages of a text PDF as 150 dpi images without text; ``rotations`` turns pages
    ({page number: degrees counter-clockwise}), as a page fed sideways into a scanner."""
    import random

    import pypdfium2 as pdfium
    from fpdf import FPDF

    rng = random.Random(20210118)
    out = FPDF(format="A4")
    out.set_creation_date(created)
    out.set_creator("Scanner")
    out.set_producer("fpdf2")
    document = pdfium.PdfDocument(text_pdf)
    try:
        for index in range(len(document)):
            image = document[index].render(scale=150 / 72, grayscale=True).to_pil()
            pixels = image.load()
            for _ in range(image.width * image.height // 400):
                pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.randrange(120, 230)
            angle = (rotations or {}).get(index + 1, 0)
            if angle:
                image = image.rotate(angle, expand=True, fillcolor=255)
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            landscape = image.width > image.height
            out.add_page(orientation="L" if landscape else "P")
            out.image(buffer, x=0, y=0, w=297 if landscape else 210)
    finally:
        document.close()
    return bytes(out.output())


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out


PDF_LAYOUTS = {"book": render_book, "columns": render_columns, "scan": render_scan}


# --- PPTX ----------------------------------------------------------------------------------------


def render_pptx(source: Source) -> bytes:
    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation()
    set_core(prs.core_properties, source)
    for index, section in enumerate(source.sections):
        title = next((b.text for b in section if b.kind == "h1"), None)
        body = [b for b in section if b.kind in ("para", "bullet", "h2")]
        notes = [b.text for b in section if b.kind == "notes"]
        if index == 0:
            slide = prs.slides.add_slide(prs.slide_layouts[0])  # title slide
            slide.shapes.title.text = title or ""
            slide.placeholders[1].text = "\n".join(b.text for b in body)
        else:
            slide = prs.slides.add_slide(prs.slide_layouts[1])  # title and content
            slide.shapes.title.text = title or ""
            frame = slide.placeholders[1].text_frame
            for position, block in enumerate(body):
                paragraph = frame.paragraphs[0] if position == 0 else frame.add_paragraph()
                paragraph.text = block.text
                paragraph.level = 0 if block.kind in ("h2", "para") else 1
                if block.kind == "h2":
                    paragraph.runs[0].font.bold = True
                for run in paragraph.runs:
                    run.font.size = Pt(18 if block.kind != "bullet" else 16)
        if notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    buffer = io.BytesIO()
    prs.save(buffer)
    return fixed_zip(buffer.getvalue())


# --- DOCX ----------------------------------------------------------------------------------------


def render_docx(source: Source) -> bytes:
    from docx import Document

    document = Document()
    set_core(document.core_properties, source)
    for section in source.sections:
        for block in section:
            if block.kind == "h1":
                document.add_heading(block.text, level=1)
            elif block.kind == "h2":
                document.add_heading(block.text, level=2)
            elif block.kind == "bullet":
                document.add_paragraph(block.text, style="List Bullet")
            elif block.kind == "para":
                document.add_paragraph(block.text)
            else:
                raise ValueError(f"{source.relpath}: {block.kind} is not used in a DOCX")
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue())


def set_core(core, source: Source) -> None:
    core.title = source.header.get("title", "")
    core.author = source.header.get("author", "")
    core.last_modified_by = source.header.get("author", "")
    core.created = source.created.replace(tzinfo=None)
    core.modified = source.created.replace(tzinfo=None)
    core.revision = 1
    core.comments = ""
    core.keywords = ""
    core.subject = source.header.get("subject", "")


def fixed_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps so the file is byte-for-byte reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --- TXT -----------------------------------------------------------------------------------------


def render_txt(source: Source) -> bytes:
    encoding = source.header.get("encoding", "utf-8")
    text = source.body
    if source.header.get("newline") == "crlf":
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text.encode(encoding)  # "utf-16" and "utf-8-sig" write their BOM


# --- HTML ----------------------------------------------------------------------------------------


def render_html(source: Source) -> bytes:
    import random

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench import sitepage
    from bench.textgen import DocText, Section

    sites = {"kommune": sitepage.SITES[0], "kl": sitepage.SITES[1]}
    blocks = [block for section in source.sections for block in section]
    title = next((b.text for b in blocks if b.kind == "h1"), "")
    parts: list[tuple[str, list[str]]] = [("", [])]
    for block in blocks:
        if block.kind == "h2":
            parts.append((block.text, []))
        elif block.kind in ("para", "bullet"):
            parts[-1][1].append(block.text)
    article = DocText(title, source.header.get("dateline", ""),
                      tuple(Section(heading, tuple(paras)) for heading, paras in parts if heading or paras))
    rng = random.Random(source.relpath)
    page = sitepage.page(article, rng, published=source.header.get("published"), site=sites[source.header["site"]])
    return page.encode("utf-8")


RENDERERS = {".pdf": render_pdf, ".pptx": render_pptx, ".docx": render_docx, ".txt": render_txt,
             ".html": render_html}


def render(source: Source) -> bytes:
    suffix = Path(source.relpath).suffix.lower()
    if suffix not in RENDERERS:
        raise ValueError(f"{source.relpath}: no renderer for {suffix}")
    return RENDERERS[suffix](source)


def load_sources(root: Path = SOURCES) -> list[Source]:
    sources = []
    for path in sorted(root.rglob("*.src")):
        relpath = path.relative_to(root).as_posix()[: -len(".src")]
        sources.append(parse_source(relpath, path.read_text(encoding="utf-8")))
    return sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that differ from their source")
    args = parser.parse_args(argv)
    stale = []
    for source in load_sources():
        data = render(source)
        target = CORPUS / source.relpath
        if target.exists() and target.read_bytes() == data:
            continue
        stale.append(source.relpath)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            print(f"wrote corpus/{source.relpath} ({len(data)} bytes)")
    if args.check and stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
