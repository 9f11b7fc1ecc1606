import pytest

from ingest.themes import find_themes


@pytest.mark.parametrize(
    "text, themes",
    [
        ("Tema: Ledelse af klimainitiativer på tværs af forvaltningen\nTekst.",
         ("Ledelse af klimainitiativer på tværs af forvaltningen",)),
        ("Mødets tema: energi- og CO2-regnskaber", ("Energi- og CO2-regnskaber",)),
        ("Temaet er klimatilpasning og skybrud. Vi ses.", ("Klimatilpasning og skybrud",)),
        ("Dagens temaet er transport og mobilitet, som fylder meget.", ("Transport og mobilitet",)),
        ("På det kommende netværksmøde den 29. april sættes der spot på kommunernes partnerskaber med "
         "erhvervslivet, der skal styrke den grønne omstilling.",
         ("Kommunernes partnerskaber med erhvervslivet",)),
        ("Her sættes fokus på cirkulær økonomi.", ("Cirkulær økonomi",)),
    ],
)
def test_theme_phrases(text, themes):
    assert find_themes(text) == themes


def test_next_or_earlier_meetings_theme_is_not_this_texts_theme(seed_news):
    text = "Næste gang netværket samles i Middelfart, og temaet er ledelse af klimainitiativer."
    assert find_themes(text) == ()
    assert find_themes(seed_news) == (
        "Kommunernes partnerskaber med erhvervslivet, sektorkoblinger og de syv nye regionale vækstteams",
    )


def test_overlong_phrase_is_not_a_theme():
    assert find_themes("Tema: " + " ".join(["ord"] * 20)) == ()


def test_repeats_are_dropped():
    assert find_themes("Tema: Transport\nTemaet er transport.") == ("Transport",)
