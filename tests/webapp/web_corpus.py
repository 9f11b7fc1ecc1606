"""The web app tests' own material: a small hostile corpus and an app factory over an index."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from klimaviden.config import Settings

REPO = Path(__file__).resolve().parents[2]

SCRIPT_TITLE = '<script>alert("titel")</script> Skybrud i byen'
FORMULA_TITLE = "=HYPERLINK(\"http://evil.example\",\"klik\")"
HOSTILE_MEETING = "2024-03-14-sikkerhed"
SPACED_MEETING = "Møde om grønne tage"


def _pdf(path: Path, pages: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    pdf.output(str(path))


def _pptx(path: Path, slides: list[tuple[str, str]]) -> None:
    from pptx import Presentation

    deck = Presentation()
    for title, body in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = body
    deck.save(str(path))


def write_hostile_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for name in ("taxonomy.toml", "entities.toml"):
        shutil.copy(REPO / "corpus" / name, corpus / name)
    meeting = corpus / HOSTILE_MEETING
    meeting.mkdir()
    (meeting / "meeting.toml").write_text(
        'title = "Sikkerhed <b>fed</b> & \\"citat\\""\n'
        "date = 2024-03-14\n"
        'place = "<i>Vejle</i>"\n'
        'themes = ["Klimatilpasning <em>og</em> skybrud"]\n'
        'organizations = ["KL"]\n',
        encoding="utf-8",
    )
    (meeting / "angreb.html").write_text(
        "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\">"
        "<title>&lt;script&gt;alert(\"titel\")&lt;/script&gt; Skybrud i byen</title></head><body>"
        "<h1>&lt;script&gt;alert(\"titel\")&lt;/script&gt; Skybrud i byen</h1>"
        "<p>Skybrud og regnvand: &lt;img src=x onerror=alert(1)&gt; står i teksten som tekst.</p>"
        "<script>document.title='kørt'</script>"
        "<p>Klimatilpasning kræver en skybrudsplan og samarbejde med forsyningen.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    (meeting / "formel.txt").write_text(
        "Skybrud og formler\n\nDenne note om skybrud har en titel, som et regneark ville køre.\n",
        encoding="utf-8",
    )
    (meeting / "formel.txt.meta.toml").write_text(
        f"title = '{FORMULA_TITLE}'\ntype = \"minutes\"\n", encoding="utf-8"
    )
    _pdf(
        meeting / "rapport-tre-sider.pdf",
        [
            "Rapport om klimatilpasning\n\nForord og indhold om vand i byen.",
            "Kapitel to handler om regnvand, kloakker og grundvand.",
            "Kapitel tre: skybrudsplan for midtbyen med regnbede og forsinkelse af vand.",
        ],
    )
    _pptx(
        meeting / "oplaeg.pptx",
        [("Velkommen", "Program for mødet om vand"), ("Skybrud", "Erfaringer med skybrudssikring i Vejle")],
    )
    spaced = corpus / SPACED_MEETING
    spaced.mkdir()
    (spaced / "meeting.toml").write_text(
        'title = "Grønne tage i Århus"\ndate = 2023-05-01\nthemes = ["Grønne tage"]\n', encoding="utf-8"
    )
    (spaced / "sedum tag.txt").write_text("Grønne tage med sedum forsinker regnvandet.\n", encoding="utf-8")
    notes = corpus / "noter"
    notes.mkdir()
    (notes / "loes-note.txt").write_text(
        "Løs note om fjernvarme og varmepumper uden møde.\n", encoding="utf-8"
    )
    secret = root / "hemmelig.txt"
    secret.write_text("hemmelig tekst om skybrud uden for korpus\n", encoding="utf-8")
    try:
        os.symlink(secret, notes / "genvej.txt")
    except OSError:
        pass
    return corpus


def make_app(settings: Settings):
    from webapp import create_app

    return create_app({"TESTING": True, "CORPUS_DIR": settings.corpus, "INDEX_DIR": settings.index,
                       "DATA_DIR": settings.index.parent / "data"})
