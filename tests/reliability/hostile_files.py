"""A corpus of broken, hostile and oddly named files mixed with good ones, written as real files."""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from pathlib import Path

from reliability_helpers import note, write_files

OVER_SIZE_LIMIT = 50 * 1024 * 1024 + 1  # ingest.pipeline.Limits.max_bytes + 1


def pdf_bytes(pages: list[str], *, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    if password:
        pdf.set_encryption(owner_password="ejer", user_password=password)
    return bytes(pdf.output())


def pptx_bytes(slides: list[tuple[str, str]]) -> bytes:
    from pptx import Presentation

    deck = Presentation()
    for title, body in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def docx_bytes(title: str, body: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(body)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A small ZIP with the names of a Word document whose main part unpacks to 64 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(64):
                member.write(block)
    return buffer.getvalue()


def nested_html(depth: int) -> str:
    return (
        "<html><head><title>Dybt indlejret</title></head><body>"
        + "<div>" * depth
        + "<p>Indlejret tekst om dybdeboring</p>"
        + "</div>" * depth
        + "</body></html>"
    )


# Good files: relpath -> (content, a word only that file holds)
def good_files() -> dict[str, tuple[str | bytes, str]]:
    nfc = unicodedata.normalize("NFC", "æøå-møde-notat.txt")
    long_name = "langt-navn-" + "å" * 118 + ".txt"  # 245 bytes in UTF-8, under the 255 limit
    return {
        "godt/rapport.pdf": (pdf_bytes(["Rapport om havvind", "Side to om havvindmøller og kabler"]), "havvindmøller"),
        "godt/oplaeg.pptx": (pptx_bytes([("Oplæg om biogas", "Biogasanlæg i landkommuner")]), "biogasanlæg"),
        "godt/referat.docx": (docx_bytes("Referat om cykelstier", "Cykelstier langs landevejen"), "cykelstier"),
        "godt/side.html": (
            "<html><head><title>Side om skovrejsning</title></head><body><article>"
            "<h1>Skovrejsning</h1><p>Skovrejsning ved byen.</p></article></body></html>",
            "skovrejsning",
        ),
        "godt/noter.md": ("# Noter om solceller\n\nSolceller på skolernes tage.\n", "solceller"),
        "mappe med mellemrum/notat med mellemrum.txt": (note("Notat om varmepumper", "Varmepumper i parcelhuse."), "varmepumper"),
        nfc: (note("Notat om jordvarme", "Jordvarme i landsbyen."), "jordvarme"),
        "nfd/" + unicodedata.normalize("NFD", "møde-om-fjernkøling.txt"): (
            note("Notat om fjernkøling", "Fjernkøling af hospitalet."), "fjernkøling",
        ),
        "lange/" + long_name: (note("Notat om brint", "Brintfabrik ved havnen."), "brintfabrik"),
    }


# Bad files: relpath -> content (None: made specially below), and a word the reason must hold
def bad_files(truncated_pdf: bytes) -> dict[str, tuple[str | bytes | None, str]]:
    return {
        "slemt/tom.txt": (b"", "filen er tom"),
        "slemt/tom.pdf": (b"", "filen er tom"),
        "slemt/afkortet.pdf": (truncated_pdf, "afkortet"),
        "slemt/krypteret.pdf": (pdf_bytes(["Hemmelig rapport"], password="hemmelig"), "krypteret"),
        "slemt/misdannet.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nrubbish\n%%EOF\n", "PDF"),
        "slemt/ikke-zip.pptx": (b"Dette er ikke en praesentation, bare tekst.\n" * 20, "ZIP"),
        "slemt/ikke-zip.docx": (b"<html>not a word document</html>", "ZIP"),
        "slemt/zipbombe.docx": (zip_bomb_docx(), "zip-bombe"),
        "slemt/binaer.txt": (bytes(range(256)) * 64, "binære data"),
        "slemt/binaer.html": (os.urandom(2048).replace(b"<", b"\0"), ""),
        "slemt/for-stor.txt": (None, "over grænsen på"),
        "slemt/haenger.txt": (note("Notat der hænger", "Parseren hænger."), "tidsgrænsen"),
    }


def write_hostile_corpus(corpus: Path, outside: Path) -> tuple[dict, dict]:
    """Write good and bad files (and a symlink out of the corpus); returns (good, bad) specs."""
    good = good_files()
    whole = good["godt/rapport.pdf"][0]
    bad = bad_files(whole[: len(whole) // 2])
    write_files(corpus, {path: content for path, (content, _) in good.items()})
    write_files(corpus, {path: content for path, (content, _) in bad.items() if content is not None})
    with open(corpus / "slemt" / "for-stor.txt", "wb") as handle:
        handle.truncate(OVER_SIZE_LIMIT)  # sparse: over the limit without using the disk
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / "hemmelig.txt"
    secret.write_text(note("Hemmeligt notat", "Adgangskoden er fiskekutter."), encoding="utf-8")
    (corpus / "slemt" / "udenfor.txt").symlink_to(secret)
    return good, bad
