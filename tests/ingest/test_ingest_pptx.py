"""Presentations: one passage per slide, notes with their slide, the first slide's title."""

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER

from ingest.errors import IngestError
from ingest.formats import pptx
from ingest_files import make_pptx, make_zip, make_zip_bomb

SLIDES = [
    ("Det nordjyske vækstteam", "CO2-fangst, lagring og udnyttelse\nKommunernes klimapolitiske netværk, 29. april 2021",
     "Tak for invitationen."),
    ("Hvorfor CCS i Nordjylland?", "Cementproduktion\nStore punktkilder", "Nævn Aalborg Portland."),
    ("", "", ""),
    ("Næste skridt", "Partnerskaber med virksomheder", ""),
]


@pytest.fixture(scope="module")
def deck():
    return pptx.extract(make_pptx(SLIDES, core_title="PowerPoint-præsentation"), "vaekstteam.pptx")


def test_one_passage_per_slide_numbered_by_slide(deck):
    assert [(p.number, p.heading) for p in deck.passages] == [
        (1, "Det nordjyske vækstteam"),
        (2, "Hvorfor CCS i Nordjylland?"),
        (4, "Næste skridt"),  # the empty third slide has no passage, numbers stay slide numbers
    ]


def test_notes_belong_to_their_slide(deck):
    assert deck.passages[1].text == "Cementproduktion\nStore punktkilder\n\nNævn Aalborg Portland."
    assert "Tak for invitationen." in deck.passages[0].text
    assert "Aalborg Portland" not in deck.passages[0].text


def test_title_is_the_first_slides_title(deck):
    assert deck.title_candidates[0] == "Det nordjyske vækstteam"
    assert "PowerPoint-præsentation" not in deck.title_candidates


def test_meaningful_core_title_is_a_fallback():
    data = make_pptx([("", "Uden titel på forsiden", "")], core_title="Grøn busdrift")
    assert pptx.extract(data, "bus.pptx").title_candidates == ("Grøn busdrift",)


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda: b"", "filen er tom"),
        (lambda: make_pptx([]), "ingen dias"),
        (lambda: make_pptx([("", "", ""), ("", "", "")]), "ingen tekst"),
        (lambda: b"Dette er ikke en zip-fil, bare tekst med .pptx-endelse", "ikke en PowerPoint-fil"),
        (lambda: make_zip({"word/document.xml": b"<x/>"}), "ingen ppt/presentation.xml"),
        (lambda: make_pptx(SLIDES)[:3000], "ikke en PowerPoint-fil|ødelagt"),
        (lambda: make_zip_bomb("ppt/presentation.xml"), "zip-bombe"),
        (lambda: make_zip({"[Content_Types].xml": b"<x", "ppt/presentation.xml": b"<not xml"}), "kan ikke læses"),
    ],
    ids=["empty", "no-slides", "no-text", "not-a-zip", "wrong-zip", "truncated", "zip-bomb", "broken-xml"],
)
def test_unreadable_presentation_is_an_ingest_error(make, reason):
    with pytest.raises(IngestError, match=reason) as caught:
        pptx.extract(make(), "oplaeg.pptx")
    assert caught.value.path == "oplaeg.pptx"


def test_footer_and_slide_number_placeholders_are_left_out():
    from pptx import Presentation
    import io

    presentation = Presentation()
    layout = presentation.slide_layouts[1]
    slide = presentation.slides.add_slide(layout)
    slide.shapes.title.text = "Organisering"
    slide.placeholders[1].text = "Tværgående styregruppe"
    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            slide.shapes.clone_placeholder(placeholder)
    for shape in slide.placeholders:
        if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER:
            shape.text = "Middelfart Kommune | Klimafolkemødet"
        elif shape.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            shape.text = "7"
    out = io.BytesIO()
    presentation.save(out)
    passage = pptx.extract(out.getvalue(), "o.pptx").passages[0]
    assert passage.text == "Tværgående styregruppe"


def test_shapes_are_read_top_to_bottom_whatever_order_they_were_added_in():
    import io

    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    slide.shapes.title.text = "Skybrudsplan"
    low = slide.shapes.add_textbox(Inches(1), Inches(5), Inches(6), Inches(1))
    low.text_frame.text = "Nederst: næste skridt"
    table = slide.shapes.add_table(1, 2, Inches(1), Inches(3.5), Inches(6), Inches(1)).table
    table.cell(0, 0).text, table.cell(0, 1).text = "Midt", "tabel"
    high = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    high.text_frame.text = "Øverst: risikokort"
    buffer = io.BytesIO()
    deck.save(buffer)
    passage = pptx.extract(buffer.getvalue(), "orden.pptx").passages[0]
    assert passage.heading == "Skybrudsplan"
    assert passage.text.splitlines() == ["Øverst: risikokort", "Midt | tabel", "Nederst: næste skridt"]
