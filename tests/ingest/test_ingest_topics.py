"""Topic rules: inflections and compounds count, phrases match, and evidence must pass a threshold."""

import pytest

from ingest.taxonomy import parse_taxonomy
from ingest.topics import match_topics
from ingest_files import TOPIC_TERMS

TOPICS = parse_taxonomy(
    {"topic": [{"slug": s, "label": s, "description": "", "terms": t} for s, t in TOPIC_TERMS.items()]}
)
FILLER = " ".join(["Kommunerne arbejder videre med planerne i de kommende år."] * 12)  # > 60 words


def slugs(title, body):
    return [m.slug for m in match_topics(title, body, TOPICS)]


def test_an_inflected_term_in_the_title_is_enough():
    assert slugs("Varmepumperne i Aalborg", "") == ["energi"]


@pytest.mark.parametrize(
    "word, slug",
    [
        ("fjernvarmenettet", "energi"),  # term stem begins a compound
        ("skybrudsplan", "klimatilpasning"),  # term begins a compound with a linking s
        ("skybrudsplanerne", "klimatilpasning"),
        ("klimaledelsen", "ledelse"),  # term ends a compound, inflected
        ("affaldssortering", "affald"),
        ("erhvervsfyrtårne", "erhverv"),
        ("klimapartnerskabet", "partnerskaber"),
        ("borgerinddragelsen", "borgerinddragelse"),
    ],
)
def test_compounds_count(word, slug):
    assert slug in slugs(word.capitalize(), "")


def test_short_terms_do_not_match_inside_other_words():
    # "bil" is a transport term, but "bilag", "bilateral" and "mobilisere" are not about cars.
    assert "transport" not in slugs("Bilag og bilaterale aftaler", "")


@pytest.mark.parametrize(
    "title",
    ["CO2-fangst i Nordjylland", "CO2 fangst i Nordjylland", "Fangst og lagring af CO2", "CCS og CCUS"],
)
def test_phrases_and_acronyms_match(title):
    assert slugs(title, "") == ["co2-fangst"]


def test_multiword_term_needs_its_words_in_order():
    assert "co2-fangst" not in slugs("Lagring og fangst", "")


def test_single_passing_mention_in_the_body_is_not_enough():
    body = f"{FILLER}\nTidligere temaer: landbrug."
    assert "landbrug" not in slugs("Noter", body)


def test_two_passing_mentions_in_the_body_are_not_enough():
    body = f"{FILLER}\nLandbruget fylder. Flere landbrug deltager."
    assert "landbrug" not in slugs("Noter", body)


def test_three_mentions_in_the_body_are_enough():
    body = f"{FILLER}\nLandbruget fylder. Flere landbrug deltager. Landbrug er vigtigt."
    assert "landbrug" in slugs("Noter", body)


def test_a_side_topic_far_below_the_main_topic_is_dropped():
    main = "Skybrud, skybrudsplan og klimatilpasning. " * 8
    side = "Landbrug, landbrug og landbrug nævnes også."
    assert slugs("Skybrud i Vejle", main + side) == ["klimatilpasning"]
    assert "landbrug" in slugs("Noter", "Skybrud. " + side)


def test_one_mention_in_the_title_is_enough():
    assert "landbrug" in slugs("Landbrug i kommunerne", FILLER)


def test_a_mention_in_the_opening_counts_double():
    assert "landbrug" not in slugs("Noter", f"Mødet handlede om landbrug. {FILLER}")
    assert "landbrug" in slugs("Noter", f"Mødet handlede om landbrug. {FILLER} Landbrug igen.")


def test_a_long_text_needs_more_than_two_passing_mentions():
    long_body = " ".join([FILLER] * 30)  # about 3,000 words
    assert "landbrug" not in slugs("Noter", f"{long_body} landbrug og landbrug")
    assert "landbrug" in slugs("Noter", f"{long_body} " + "landbrug " * 3)


def test_match_lists_the_triggering_taxonomy_terms_and_a_score():
    matches = match_topics("Fjernvarme og varmepumper", "Solceller og fjernvarmen.", TOPICS)
    assert [m.slug for m in matches] == ["energi"]
    energi = matches[0]
    assert energi.terms == ("fjernvarme", "varmepumpe", "solcelle")
    # title 3 + 3, opening 2 + 2
    assert energi.score == 10.0


def test_topics_are_ordered_by_score():
    matches = match_topics("Skybrud", "Skybrud, skybrud og stormflod. Landbrug og landbrug.", TOPICS)
    assert [m.slug for m in matches] == ["klimatilpasning", "landbrug"]
    assert matches[0].score > matches[1].score


def test_no_topics_without_a_taxonomy():
    assert match_topics("Fjernvarme", "fjernvarme", ()) == ()


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Cirkulær økonomi i praksis", "affald"),
        ("Mere kollektiv trafik i byerne", "transport"),
        ("Klima på tværs af forvaltningen", "ledelse"),
    ],
)
def test_multiword_terms_match_as_phrases(title, slug):
    assert slug in slugs(title, "")


def test_words_of_a_phrase_apart_do_not_match():
    assert "transport" not in slugs("Kollektiv indsats og trafik", "")


# --- issue 12: no bare substrings, names are no evidence, strong evidence from agenda items --------

from pathlib import Path  # noqa: E402

from ingest.taxonomy import load_taxonomy  # noqa: E402

CORPUS_TOPICS = load_taxonomy(Path(__file__).resolve().parents[2] / "corpus" / "taxonomy.toml")


def corpus_topics(title, body=""):
    return {m.slug: m for m in match_topics(title, body, CORPUS_TOPICS)}


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Ny cirkulæreskrivelse om budgetterne", "affald"),  # cirkulære + skrivelse, not "cirkulær"
        ("Siden aftalen om Grøn Vækst blev indgået", "erhverv"),  # an agreement's name
        ("Vi har talt med Elbilforeningen", "borgerinddragelse"),  # an association's name, not "forening"
        ("Elbilforeningen anbefaler modellerne", "borgerinddragelse"),  # also first in a sentence
        ("Energistyrelsen har svaret", "energi"),
        ("Oplæg fra Dansk Fjernvarme", "energi"),  # an organisation's name
    ],
)
def test_substrings_and_names_trigger_no_topic(title, slug):
    assert slug not in corpus_topics(title)


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Cirkulær økonomi og byggeaffald", "affald"),
        ("Grøn vækst i de små virksomheder", "erhverv"),
        ("Fjernvarmenettet udbygges", "energi"),  # a real compound part
        ("Klimaledelsen i kommunen", "ledelse"),
    ],
)
def test_the_same_words_as_words_and_compound_parts_still_count(title, slug):
    assert slug in corpus_topics(title)


def test_an_agenda_item_about_a_topic_is_strong_evidence():
    filler = " ".join(["Kommunerne arbejder videre med planerne i de kommende år."] * 12)
    body = f"{filler}\n\n1. Godkendelse af dagsorden\n2. Skovrejsning\n3. Eventuelt"
    found = corpus_topics("Referat", body)
    assert "landbrug" in found and "agenda" in found["landbrug"].found_in
    assert "landbrug" not in corpus_topics("Referat", f"{filler}\nVi talte kort om skovrejsning.")


def test_a_sentence_naming_the_focus_is_strong_evidence():
    # the seed announcement: one explicit mention of the agenda item makes it a co2-fangst document
    body = ("På det kommende netværksmøde den 29. april sættes der spot på kommunernes partnerskaber, "
            "med særlig lup på det nordjyske vækstteam, der skal arbejde med CO2-fangst. "
            + " ".join(["Kommunerne arbejder videre med planerne i de kommende år."] * 12))
    assert "co2-fangst" in corpus_topics("Netværket stiller skarpt på klimasamarbejde", body)


def test_one_word_matching_several_terms_is_one_mention():
    # "klimaregnskabet" matches both "klimaregnskab" and "regnskab": still a single passing mention
    filler = " ".join(["Kommunerne arbejder videre med planerne i de kommende år."] * 12)
    assert "co2-regnskab" not in corpus_topics("Vores klimamål", f"Planen følges med et klimaregnskab. {filler}")


def test_reasons_keep_the_terms_and_where_they_were_found():
    match = corpus_topics("Skybrud i Vejle", "Skybrudsplanen og regnvand.")["klimatilpasning"]
    assert "skybrud" in match.terms and match.found_in[0] == "title"
