"""Small real files for the ingestion tests: PDFs (fpdf2), PPTX (python-pptx), DOCX (python-docx),
Office ZIPs that are broken or bombs, and a minimal corpus folder."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from fpdf import FPDF
from pptx import Presentation
from pypdf import PdfReader, PdfWriter


def make_pdf(pages: list[str], title: str | None = None, landscape: bool = False,
             created: datetime | None = None) -> bytes:
    """A text PDF, one string per page (core font: Danish letters are latin-1)."""
    pdf = FPDF(orientation="L" if landscape else "P")
    if title is not None:
        pdf.set_title(title)
    pdf.set_creation_date(created or datetime(2021, 4, 20, 10, 0, tzinfo=timezone.utc))
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "ejer") -> bytes:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_pptx(slides: list[tuple[str, str, str]], core_title: str | None = None) -> bytes:
    """A presentation of (title, body, notes) slides; the first uses the title-slide layout."""
    presentation = Presentation()
    for index, (title, body, notes) in enumerate(slides):
        slide = presentation.slides.add_slide(presentation.slide_layouts[0 if index == 0 else 1])
        if title:
            slide.shapes.title.text = title
        if body:
            slide.placeholders[1].text = body
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    if core_title is not None:
        presentation.core_properties.title = core_title
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def make_docx(blocks: list[tuple[str, str]], core_title: str | None = None) -> bytes:
    """A Word document of ("heading1" | "title" | "text" | "table", text) blocks."""
    document = docx.Document()
    for kind, text in blocks:
        if kind == "title":
            document.add_heading(text, 0)
        elif kind.startswith("heading"):
            document.add_heading(text, int(kind[-1]))
        elif kind == "table":
            cells = text.split("|")
            table = document.add_table(rows=1, cols=len(cells))
            for cell, value in zip(table.rows[0].cells, cells):
                cell.text = value.strip()
        else:
            document.add_paragraph(text)
    if core_title is not None:
        document.core_properties.title = core_title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def make_zip_bomb(required: str, unpacked_mb: int = 40) -> bytes:
    """An Office-looking ZIP whose one member unpacks to ``unpacked_mb`` MB of spaces (~40 kB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open(required, "w") as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return out.getvalue()


TOPIC_TERMS = {
    "energi": ["energi", "fjernvarme", "varmepumpe", "solcelle", "sektorkobling"],
    "transport": ["transport", "mobilitet", "elbil", "bil", "kollektiv trafik"],
    "bygninger": ["bygning", "byggeri", "energirenovering"],
    "landbrug": ["landbrug", "lavbundsjord"],
    "affald": ["affald", "genanvendelse", "cirkulær økonomi"],
    "erhverv": ["erhverv", "erhvervsliv", "virksomhed", "vækstteam"],
    "klimatilpasning": ["klimatilpasning", "skybrud", "stormflod"],
    "co2-regnskab": ["CO2-regnskab", "klimaregnskab", "scope 3"],
    "co2-fangst": ["CO2-fangst", "CCS", "CCUS", "fangst og lagring"],
    "borgerinddragelse": ["borgerinddragelse", "borgerinvolvering", "borgersamling"],
    "partnerskaber": ["partnerskab", "DK2020"],
    "ledelse": ["ledelse", "organisering", "på tværs af forvaltningen"],
}


def taxonomy_toml(terms: dict[str, list[str]] | None = None) -> str:
    lines = []
    for slug, words in (terms or TOPIC_TERMS).items():
        quoted = ", ".join(f'"{w}"' for w in words)
        lines.append(f'[[topic]]\nslug = "{slug}"\nlabel = "{slug.title()}"\ndescription = "Om {slug}."\nterms = [{quoted}]\n')
    return "\n".join(lines)


ENTITIES_TOML = """
[[organization]]
name = "KL"
aliases = ["Kommunernes Landsforening"]

[[organization]]
name = "Dansk Industri"
aliases = ["DI"]

[[organization]]
name = "Kalundborg Forsyning"
aliases = ["Kalundborg Forsyningen"]

[[place]]
name = "Middelfart"

[[place]]
name = "Vejle"
"""


def write_corpus(root: Path) -> Path:
    """A corpus folder with taxonomy.toml and entities.toml and nothing else yet."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "taxonomy.toml").write_text(taxonomy_toml(), encoding="utf-8")
    (root / "entities.toml").write_text(ENTITIES_TOML, encoding="utf-8")
    return root


def replace_members(office_file: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The ZIP with some members replaced (bytes), added, or removed (None)."""
    source = zipfile.ZipFile(io.BytesIO(office_file))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in changes:
                target.writestr(info.filename, source.read(info))
        for name, content in changes.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()
