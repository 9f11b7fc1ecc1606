"""PDF reports and exported slides: pages, clean words, meaningful titles, clear errors."""

from datetime import date, datetime, timezone

import pytest

from ingest.errors import IngestError
from ingest.formats import pdf
from ingest_files import encrypt_pdf, make_pdf

REPORT_PAGES = [
    "Sektorkobling og partnerskaber\n\nKommunernes klima-\ntilpasning og CO2-\nfangst samt energi-\nog varme.",
    "Side to handler om fjernvarme i Kalundborg, Æbeltoft og Ørsted.",
]


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    return make_pdf(REPORT_PAGES, title="Microsoft Word - di_rapport_endelig.docx")


def test_one_passage_per_page_numbered_from_one(report_pdf):
    extracted = pdf.extract(report_pdf, "rapport.pdf")
    assert [p.number for p in extracted.passages] == [1, 2]
    assert extracted.passages[1].text == "Side to handler om fjernvarme i Kalundborg, Æbeltoft og Ørsted."


def test_words_hyphenated_across_lines_are_joined(report_pdf):
    text = pdf.extract(report_pdf, "rapport.pdf").passages[0].text
    assert "klimatilpasning" in text
    assert "CO2-fangst" in text  # a real hyphen stays
    assert "energi- og varme" in text  # "energi- og" is Danish shorthand, not a split word


def test_generated_metadata_title_is_ignored_for_the_first_line(report_pdf):
    assert pdf.extract(report_pdf, "rapport.pdf").title_candidates == ("Sektorkobling og partnerskaber",)


def test_meaningful_metadata_title_comes_first():
    data = make_pdf(["Forside\n\nTekst"], title="Energirenovering af kommunale bygninger")
    assert pdf.extract(data, "r.pdf").title_candidates[0] == "Energirenovering af kommunale bygninger"


def test_creation_date_is_pdf_metadata():
    data = make_pdf(["Tekst"], created=datetime(2021, 3, 24, 12, 0, tzinfo=timezone.utc))
    assert pdf.extract(data, "r.pdf").dates == (("pdf-metadata", date(2021, 3, 24)),)


def test_landscape_pages_hint_at_slides():
    assert "slides" in pdf.extract(make_pdf(["Oplæg"], landscape=True), "o.pdf").hints
    assert "slides" not in pdf.extract(make_pdf(["Rapport"]), "r.pdf").hints


def test_running_header_and_page_numbers_are_removed():
    pages = [f"KL - Ladeinfrastruktur - maj 2020 | side {n}\nIndhold på side {n} om elbiler {'x' * n}" for n in range(1, 5)]
    texts = [p.text for p in pdf.extract(make_pdf(pages), "r.pdf").passages]
    assert all("Ladeinfrastruktur - maj 2020" not in t for t in texts)
    assert texts[2].startswith("Indhold på side 3 om elbiler")


def test_clean_page_text_rules():
    assert pdf.clean_page_text("klima-\n  tilpasning  og\u00a0 vand") == "klimatilpasning og vand"
    assert pdf.clean_page_text("Power-\nto-X") == "Power-to-X"


def test_pdf_with_owner_password_only_is_read():
    data = encrypt_pdf(make_pdf(["Åben tekst"]), user_password="")
    assert pdf.extract(data, "r.pdf").passages[0].text == "Åben tekst"


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda: b"", "filen er tom"),
        (lambda: make_pdf([""]), "intet tekstlag"),
        (lambda: make_pdf(["Tekst på siden"])[:-400], "afkortet"),
        (lambda: encrypt_pdf(make_pdf(["Hemmeligt"]), user_password="hemmelig"), "krypteret"),
        (lambda: b"<html>Not found</html>", "ikke en PDF-fil"),
        (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 100 + b"\n%%EOF\n", "kan ikke læses"),
    ],
    ids=["empty", "blank-page", "truncated", "encrypted", "not-a-pdf", "garbage"],
)
def test_unreadable_pdf_is_an_ingest_error_with_reason(make, reason):
    with pytest.raises(IngestError, match=reason) as caught:
        pdf.extract(make(), "møder/rapport.pdf")
    assert caught.value.path == "møder/rapport.pdf"


def test_wrapped_lines_become_paragraphs_and_headings_stay_apart():
    text = (
        "Kommunen som ejer\n"
        "Som ejer af forsyningsselskaberne kan kommunen give selskaberne et klart mandat til at\n"
        "indgå i sektorkobling, inden for de rammer lovgivningen sætter. Det gælder både fjernvarme.\n"
        "Kommunen som facilitator\n"
        "Kommunen kan samle aktørerne, fordi mange virksomheder ikke kender hinanden i dag, og\n"
        "- overskudsvarme er en ressource for andre virksomheder i nærheden af hinanden\n"
    )
    assert pdf.reflow(pdf.clean_page_text(text)).splitlines() == [
        "Kommunen som ejer",
        "Som ejer af forsyningsselskaberne kan kommunen give selskaberne et klart mandat til at "
        "indgå i sektorkobling, inden for de rammer lovgivningen sætter. Det gælder både fjernvarme.",
        "Kommunen som facilitator",
        "Kommunen kan samle aktørerne, fordi mange virksomheder ikke kender hinanden i dag, og",
        "- overskudsvarme er en ressource for andre virksomheder i nærheden af hinanden",
    ]


def test_slide_pages_keep_their_lines():
    data = make_pdf(["Organisering\nDirektionen er styregruppe for klimaarbejdet i kommunen\n"
                     "Hver forvaltning har en klimaansvarlig chef med ansvar"], landscape=True)
    assert pdf.extract(data, "o.pdf").passages[0].text.count("\n") == 2
