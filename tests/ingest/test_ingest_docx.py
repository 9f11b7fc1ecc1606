"""Word documents: heading sections, minutes recognised, meaningful titles, clear errors."""

import pytest

from ingest.errors import IngestError
from ingest.formats import docx
from ingest_files import make_docx, make_zip, make_zip_bomb

MINUTES = [
    ("text", "Referat af netværksmødet 2. september 2021"),
    ("text", "Sted: Klimafolkemødet, Middelfart"),
    ("heading1", "Velkomst"),
    ("text", "Formanden bød velkommen."),
    ("heading1", "Ledelse på tværs"),
    ("text", "Middelfart Kommune fortalte om organisering."),
    ("table", "Handling | Ansvarlig"),
]


def test_one_passage_per_heading_section():
    extracted = docx.extract(make_docx(MINUTES), "referat.docx")
    assert [(p.number, p.heading) for p in extracted.passages] == [(1, None), (2, "Velkomst"), (3, "Ledelse på tværs")]
    assert extracted.passages[0].text == "Referat af netværksmødet 2. september 2021\nSted: Klimafolkemødet, Middelfart"
    assert extracted.passages[2].text == "Middelfart Kommune fortalte om organisering.\nHandling | Ansvarlig"


def test_title_is_the_opening_line_of_minutes():
    assert docx.extract(make_docx(MINUTES), "referat.docx").title_candidates[0] == (
        "Referat af netværksmødet 2. september 2021"
    )


def test_title_style_heading_is_the_title():
    data = make_docx([("title", "Energirenovering i praksis"), ("text", "Brødtekst.")])
    assert docx.extract(data, "r.docx").title_candidates[0] == "Energirenovering i praksis"


@pytest.mark.parametrize(
    "core_title, expected",
    [("Case: Kalundborg Forsyning", "Case: Kalundborg Forsyning"), ("Microsoft Word - case.docx", "Referat af netværksmødet 2. september 2021")],
)
def test_core_title_only_when_meaningful(core_title, expected):
    assert docx.extract(make_docx(MINUTES, core_title=core_title), "case.docx").title_candidates[0] == expected


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda: b"", "filen er tom"),
        (lambda: make_docx([]), "ingen tekst"),
        (lambda: make_docx([("text", "  "), ("text", "")]), "ingen tekst"),
        (lambda: b"{\\rtf1 Ikke en docx}", "ikke en Word-fil"),
        (lambda: make_zip({"ppt/presentation.xml": b"<x/>"}), "ingen word/document.xml"),
        (lambda: make_docx(MINUTES)[:2000], "ikke en Word-fil|ødelagt"),
        (lambda: make_zip_bomb("word/document.xml"), "zip-bombe"),
    ],
    ids=["empty", "no-paragraphs", "blank-paragraphs", "not-a-zip", "wrong-zip", "truncated", "zip-bomb"],
)
def test_unreadable_word_file_is_an_ingest_error(make, reason):
    with pytest.raises(IngestError, match=reason) as caught:
        docx.extract(make(), "referat.docx")
    assert caught.value.path == "referat.docx"
