"""The presentation reader reads slides straight from the ZIP: what it reads is what python-pptx's
object model read (tests/ingest/pptx_reference.py keeps that reading), on the sample corpus and on a
deck with every kind of shape, and a damaged or hostile file is a clear error or is read safely."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE, PP_PLACEHOLDER
from pptx.util import Inches

import pptx_reference
from ingest.errors import IngestError
from ingest.formats import pptx
from ingest_files import make_pptx, replace_members

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def saved(deck) -> bytes:
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def add_field(paragraph, text: str) -> None:
    """A slide-number field (a:fld) after the paragraph's runs, as PowerPoint writes one."""
    field = etree.SubElement(paragraph._p, f"{{{A}}}fld", id="{5C8F2A10-3B1D-4E6A-9F0C-1D2E3F4A5B6C}", type="slidenum")
    etree.SubElement(field, f"{{{A}}}t").text = text


def rich_deck() -> bytes:
    """Every kind of shape a real deck has: groups in groups, a table with empty and two-paragraph
    cells, line breaks, a field, a picture, a connector, a chart, footers, notes; shapes added in
    another order than they stand; the slide list in another order than the slide parts."""
    deck = Presentation()
    deck.core_properties.author = "Klimasekretariatet, Vejle Kommune"
    deck.core_properties.title = "Skybrud og kystsikring"

    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = "Skybrud og kystsikring\vStatus for 2024"
    first.placeholders[1].text = "Klimatilpasningsplanen i tre trin"
    first.notes_slide.notes_text_frame.text = "Byd velkommen.\nNævn diget ved Vejle Å\vog pumpestationen."

    second = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    second.shapes.title.text = "Tiltag i midtbyen"
    low = second.shapes.add_textbox(Inches(1), Inches(6), Inches(4), Inches(1))
    low.text_frame.text = "Kilde: Vejle Kommune"
    add_field(low.text_frame.paragraphs[0], "2")
    group = second.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(5), Inches(2), Inches(2), Inches(1)).text_frame.text = "Regnbede\vog wadier"
    inner = group.shapes.add_group_shape()
    inner.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(5), Inches(3), Inches(2), Inches(1)).text = "Skybrudsvej"
    inner.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(5), Inches(4), Inches(7), Inches(4))
    table = second.shapes.add_table(3, 3, Inches(1), Inches(3), Inches(4), Inches(2)).table
    for (row, column), text in {(0, 0): "Tiltag", (0, 1): "År", (0, 2): "Pris",
                                (1, 0): "Dige\nved havnen", (1, 1): "2025", (2, 0): "Pumpe", (2, 2): "12\vmio. kr."}.items():
        table.cell(row, column).text = text
    second.shapes.add_picture(io.BytesIO(png()), Inches(8), Inches(1))
    high = second.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(1.5), Inches(3), Inches(1))
    high.text = "Øverst til venstre"
    beside = second.shapes.add_textbox(Inches(5), Inches(1.5), Inches(3), Inches(1))
    beside.text_frame.text = "Øverst til højre\n\n  \nefter en tom linje"
    chart = CategoryChartData()
    chart.categories = ["2023", "2024"]
    chart.add_series("Regn (mm)", (712, 804))
    second.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(5), Inches(3), Inches(1), chart)

    third = deck.slides.add_slide(deck.slide_layouts[1])
    third.shapes.title.text = "Organisering"
    third.placeholders[1].text = "Styregruppe\nProjektgruppe"
    layout = deck.slide_layouts[1]
    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            third.shapes.clone_placeholder(placeholder)
    for shape in third.placeholders:
        if shape.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            shape.text = "Vejle Kommune | 3"
    third.notes_slide  # a notes slide with an empty body

    fourth = deck.slides.add_slide(deck.slide_layouts[6])  # blank: no title at all
    fourth.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1)).text_frame.text = "Spørgsmål?"

    slide_ids = deck.slides._sldIdLst
    slide_ids.insert(0, slide_ids[-1])  # the last slide part is shown first
    return saved(deck)


def sample_decks(sample_corpus) -> list:
    return sorted(sample_corpus.rglob("*.pptx"))


def test_the_sample_corpus_decks_read_as_python_pptx_read_them(sample_corpus):
    decks = sample_decks(sample_corpus)
    if not decks:
        pytest.skip("the sample corpus is not there yet")
    for path in decks:
        data = path.read_bytes()
        assert pptx.extract(data, path.name) == pptx_reference.extract(data, path.name), path.name


@pytest.mark.parametrize("slides, core_title", [
    ([("Det nordjyske vækstteam", "CO2-fangst\nKommunernes netværk", "Tak."), ("", "", ""), ("Næste skridt", "", "")], None),
    ([("", "Uden titel på forsiden", "")], "Grøn busdrift"),
    ([("Titel", "", "")], "PowerPoint-præsentation"),
])
def test_simple_decks_read_as_python_pptx_read_them(slides, core_title):
    data = make_pptx(slides, core_title=core_title)
    assert pptx.extract(data, "d.pptx") == pptx_reference.extract(data, "d.pptx")


def test_a_deck_with_every_kind_of_shape_reads_as_python_pptx_read_it():
    data = rich_deck()
    assert pptx.extract(data, "skybrud.pptx") == pptx_reference.extract(data, "skybrud.pptx")


def test_what_the_rich_deck_reads_like():
    deck = pptx.extract(rich_deck(), "skybrud.pptx")
    headings = [passage.heading for passage in deck.passages]
    assert headings == [None, "Skybrud og kystsikring Status for 2024", "Tiltag i midtbyen", "Organisering"]
    assert deck.passages[0].text == "Spørgsmål?"
    assert deck.passages[1].text == (
        "Klimatilpasningsplanen i tre trin\n\nByd velkommen.\nNævn diget ved Vejle Å og pumpestationen."
    )  # a line break in the notes joins like a space, as in a title
    middle = deck.passages[2].text.splitlines()
    # top to bottom, the group where its first shape stands, the table row by row, fields read
    assert middle == ["Øverst til venstre", "Øverst til højre", "efter en tom linje", "Regnbede", "og wadier",
                      "Skybrudsvej", "Tiltag | År | Pris", "Dige ved havnen | 2025", "Pumpe | 12 mio. kr.",
                      "Kilde: Vejle Kommune2"]
    assert "Vejle Kommune | 3" not in deck.passages[3].text
    assert deck.authors == ("Klimasekretariatet, Vejle Kommune",)
    assert "Skybrud og kystsikring" in deck.title_candidates


def slide_xml(data: bytes, part: str = "ppt/slides/slide1.xml") -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(part)


def test_a_text_shape_without_geometry_is_read():
    """python-pptx stopped with NotImplementedError ("unrecognized shape type") on a shape that is no
    text box, placeholder or drawn shape; its text is read."""
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
    box.text_frame.text = "Tekst i en figur uden form"
    box._element.nvSpPr.cNvSpPr.attrib.pop("txBox")
    box._element.spPr.remove(box._element.spPr.prstGeom)
    assert pptx.extract(saved(deck), "figur.pptx").passages[0].text == "Tekst i en figur uden form"


def test_a_deck_without_core_properties_gets_no_made_up_title():
    """python-pptx made up the title "PowerPoint Presentation" for a file without docProps/core.xml."""
    data = make_pptx([("", "Oplæg uden titel", "")])
    rels = zipfile.ZipFile(io.BytesIO(data)).read("_rels/.rels")
    rels = etree.tostring(_without_relationship(etree.fromstring(rels), "core-properties"))
    extracted = pptx.extract(replace_members(data, {"docProps/core.xml": None, "_rels/.rels": rels}), "o.pptx")
    assert extracted.title_candidates == ()
    assert extracted.passages[0].text == "Oplæg uden titel"


def _without_relationship(root, kind: str):
    for rel in list(root):
        if rel.get("Type").endswith(kind):
            root.remove(rel)
    return root


def test_a_notes_slide_that_is_missing_leaves_the_slide_without_notes():
    data = make_pptx([("Mobilitet", "Delebiler", "Noter om delebiler")])
    data = replace_members(data, {"ppt/notesSlides/notesSlide1.xml": None})
    assert pptx.extract(data, "m.pptx").passages[0].text == "Delebiler"


def test_a_slide_that_is_missing_is_an_error_naming_it():
    data = make_pptx([("Første", "Et", ""), ("Anden", "To", "")])
    with pytest.raises(IngestError, match="præsentationen kan ikke læses \\(dias 2 mangler i filen\\)"):
        pptx.extract(replace_members(data, {"ppt/slides/slide2.xml": None}), "to.pptx")


def test_a_slide_that_is_not_xml_is_an_error_naming_it():
    data = replace_members(make_pptx([("Første", "Et", "")]), {"ppt/slides/slide1.xml": b"<p:sld><p:cSld>"})
    with pytest.raises(IngestError, match="ppt/slides/slide1.xml er ikke gyldig XML") as caught:
        pptx.extract(data, "brudt.pptx")
    assert caught.value.path == "brudt.pptx"


def test_a_damaged_member_is_an_error_not_a_crash():
    data = bytearray(make_pptx([("Første", "Et ord om klima og vand", "")]))
    start = data.index(b"ppt/slides/slide1.xml") + len(b"ppt/slides/slide1.xml")  # the local header's name
    for offset in range(start + 10, start + 60):
        data[offset] ^= 0x5A  # the compressed slide, scrambled
    with pytest.raises(IngestError, match="præsentationen kan ikke læses \\(ppt/slides/slide1.xml"):
        pptx.extract(bytes(data), "skadet.pptx")


def billion_laughs(part: bytes) -> bytes:
    """The slide with an entity that would unpack to 10^9 "ha"s put into its first text run."""
    entities = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(99 + i)} "{("&" + chr(98 + i) + ";") * 10}">' for i in range(9)
    ).replace("&b;", "&a;")
    root = part.split(b"?>", 1)[1] if part.startswith(b"<?xml") else part
    doctype = f"<!DOCTYPE p:sld [{entities}]>".encode()
    return doctype + root.replace(b"<a:t>", b"<a:t>&k;", 1)


def test_an_xml_bomb_in_a_slide_is_refused_at_once():
    data = make_pptx([("Vand", "Regnvand", "")])
    data = replace_members(data, {"ppt/slides/slide1.xml": billion_laughs(slide_xml(data))})
    started = time.process_time()
    with pytest.raises(IngestError, match="præsentationen kan ikke læses \\(ppt/slides/slide1.xml er ikke gyldig XML"):
        pptx.extract(data, "bombe.pptx")
    assert time.process_time() - started < 2


def test_an_external_entity_is_never_read(tmp_path):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("adgangskode-123", "utf-8")
    data = make_pptx([("Vand", "Regnvand", "")])
    part = slide_xml(data).split(b"?>", 1)[1]
    hostile = f'<!DOCTYPE p:sld [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'.encode() + part.replace(b"<a:t>", b"<a:t>&x;", 1)
    extracted = pptx.extract(replace_members(data, {"ppt/slides/slide1.xml": hostile}), "xxe.pptx")
    assert "adgangskode" not in extracted.text
    assert "Regnvand" in extracted.text
