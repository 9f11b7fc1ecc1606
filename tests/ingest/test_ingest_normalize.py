import pytest

from ingest.normalize import clean_line, is_meaningful_title, normalize_text, slugify, title_from_filename


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Erhvervspartnerskaber og sektorkobling", "erhvervspartnerskaber-og-sektorkobling"),
        ("Ledelse af klimainitiativer på tværs af forvaltningen", "ledelse-af-klimainitiativer-paa-tvaers-af-forvaltningen"),
        ("Energi- og CO2-regnskaber", "energi-og-co2-regnskaber"),
        ("Bæredygtigt byggeri & Økonomi!", "baeredygtigt-byggeri-oekonomi"),
        ("  Café Ørsted  ", "cafe-oersted"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_whitespace_is_normalised_but_paragraphs_stay():
    text = "  Første\u00a0 linje \t\r\nanden   linje\n\n\n\n\ntredje  "
    assert normalize_text(text) == "Første linje\nanden linje\n\ntredje"
    assert clean_line(" a \n b\t c ") == "a b c"


@pytest.mark.parametrize(
    "title, meaningful",
    [
        ("Sektorkobling og partnerskaber", True),
        ("Microsoft Word - rapport_final.docx", False),
        ("Microsoft PowerPoint - oplæg.pptx", False),
        ("PowerPoint-præsentation", False),
        ("rapport.pdf", False),
        ("di-rapport-sektorkobling", False),  # the file name itself
        ("", False),
        (None, False),
        ("   ", False),
        ("12", False),
        ("Untitled", False),
    ],
)
def test_meaningful_title(title, meaningful):
    assert is_meaningful_title(title, "2021/di-rapport-sektorkobling.pdf") is meaningful


def test_title_from_filename():
    assert title_from_filename("2021-04-29-x/di-rapport_sektorkobling.pdf") == "Di rapport sektorkobling"
