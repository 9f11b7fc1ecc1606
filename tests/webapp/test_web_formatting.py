"""Danish wording of types, dates, pages and sizes."""

import pytest

from webapp.formatting import (
    count_label,
    danish_date,
    iso_date,
    file_size,
    format_label,
    passage_label,
    plain_snippet,
    type_label,
)


@pytest.mark.parametrize(
    "value, expected",
    [("2021-04-29", "29. april 2021"), ("2019-10-03", "3. oktober 2019"), (None, ""), ("ikke en dato", "ikke en dato")],
)
def test_danish_date(value, expected):
    assert danish_date(value) == expected


def test_type_labels_are_danish():
    assert [type_label(t) for t in ("announcement", "presentation", "report", "case", "minutes", "other")] == [
        "Invitation", "Præsentation", "Rapport", "Case", "Referat", "Andet",
    ]
    assert type_label(None) == "Andet"


@pytest.mark.parametrize(
    "path, number, expected",
    [("m/rapport.pdf", 4, "Side 4"), ("m/oplaeg.PPTX", 7, "Dias 7"), ("m/referat.docx", 2, "Afsnit 2"), ("pdf", 1, "Side 1"), ("x.pdf", None, "")],
)
def test_passage_label(path, number, expected):
    assert passage_label(path, number) == expected


def test_format_size_count_and_snippet():
    assert format_label("a/b.pptx") == "PowerPoint"
    assert format_label("pdf") == "PDF"
    assert file_size(2048) == "2 kB"
    assert file_size(3 * 1024 * 1024 + 200_000) == "3,2 MB"
    assert count_label(1, "dokument", "dokumenter") == "1 dokument"
    assert count_label(1234, "dokument", "dokumenter") == "1.234 dokumenter"
    assert plain_snippet("om &lt;b&gt; <mark>varme</mark> &amp; kulde") == "om <b> varme & kulde"


def test_only_real_iso_dates_reach_a_date_field():
    assert iso_date("2021-04-29") == "2021-04-29"
    for value in ("2021-13-01", "29-04-2021", "2021-04-29T10:00", "", None):
        assert iso_date(value) == ""


@pytest.mark.parametrize(
    "number, label, expected",
    [(81, "75", "Side 75 (PDF-side 81)"), (3, "iii", "Side iii (PDF-side 3)"), (5, "5", "Side 5"), (5, None, "Side 5")],
)
def test_a_printed_page_number_is_shown_beside_the_physical_one_where_they_differ(number, label, expected):
    assert passage_label("rapport.pdf", number, label) == expected


def test_a_page_read_by_ocr_says_so_and_warns_when_the_reading_is_uncertain():
    from webapp.formatting import ocr_note

    assert ocr_note({"text": "Tekst"}) is None
    assert ocr_note({"ocr": True, "ocr_confidence": 93.6}) == (
        "Siden er scannet og læst med tekstgenkendelse (sikkerhed 94 %).")
    assert "fejllæste ord" in ocr_note({"ocr": True, "ocr_confidence": 41.0, "ocr_low_confidence": True})
