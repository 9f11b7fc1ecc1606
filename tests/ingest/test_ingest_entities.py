import pytest

from ingest.entities import EntitiesError, find_entities, load_entities, merge_names, parse_entities
from ingest_files import ENTITIES_TOML


@pytest.fixture
def entities(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text(ENTITIES_TOML, encoding="utf-8")
    return load_entities(path)


def test_names_and_aliases_find_the_canonical_name(entities, seed_news):
    orgs, places = find_entities(seed_news, entities)
    assert orgs == ("KL", "Dansk Industri", "Kalundborg Forsyning")
    assert places == ("Middelfart",)


@pytest.mark.parametrize(
    "text, orgs",
    [
        ("Mødet starter kl. 10 og slutter kl. 14.", ()),  # "kl." is no organisation
        ("Det ved di nok.", ()),  # lower-case "di" is no acronym
        ("Oplæg ved DI og KL’s konsulent", ("KL", "Dansk Industri")),
        ("Kommunernes Landsforening inviterer", ("KL",)),
        ("DANSK INDUSTRI og dansk industri", ("Dansk Industri",)),  # full names are case-insensitive
        ("Dansk Industris rapport", ("Dansk Industri",)),
        ("KLIMA og DIalog", ()),  # acronyms match whole words only
    ],
)
def test_organizations(entities, text, orgs):
    assert find_entities(text, entities)[0] == orgs


def test_place_with_genitive(entities):
    assert find_entities("Vejles skybrudsplan", entities)[1] == ("Vejle",)


def test_missing_file_means_no_entities(tmp_path):
    assert load_entities(tmp_path / "entities.toml").organizations == ()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"organisation": []}, "ukendt nøgle øverst"),
        ({"organization": [{"name": ""}]}, "name skal være en tekst, ikke tom"),
        ({"organization": [{"aliases": ["X"]}]}, "name skal være en tekst, ikke tom"),
        ({"organization": [{"name": "KL", "aliases": "K"}]}, "aliases skal være en liste"),
        ({"organization": [{"name": "KL", "kind": "x"}]}, "ukendt nøgle"),
        ({"place": [{"name": "Vejle"}, {"name": "Vejle"}]}, "står der to gange"),
        ({"place": {"name": "Vejle"}}, "skal skrives som \\[\\[place\\]\\]-afsnit"),
    ],
)
def test_invalid_entities(data, message):
    with pytest.raises(EntitiesError, match=message):
        parse_entities(data)


def test_invalid_toml(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text("[[organization]\n", encoding="utf-8")
    with pytest.raises(EntitiesError, match="ikke gyldig"):
        load_entities(path)


def test_merge_names_keeps_first_spelling_and_order():
    assert merge_names(["KL", "Dansk Industri"], ("kl", "DANVA"), []) == ("KL", "Dansk Industri", "DANVA")


@pytest.mark.parametrize("odd", ["", " ſ", " µ", " İstanbul", " Ελλάδα", " ı"])
def test_names_are_found_alike_wherever_they_stand_and_whatever_else_the_text_holds(entities, odd):
    """Names are tried only where their first word occurs; a text with letters whose case folding
    differs from lower() is scanned whole. Either way a name is found at its start, middle or end,
    and a near miss elsewhere (klima, kl.) does not hide a real mention."""
    for text in (f"KL{odd} inviterer til klima og kl. 10", f"klima kl. 10{odd} og KL’s oplæg",
                 f"Klimaet i Middelfarts{odd} kommune, jf. Kommunernes  Landsforening"):
        orgs, places = find_entities(text, entities)
        assert orgs == ("KL",), text
        assert places == (("Middelfart",) if "Middelfart" in text else ()), text
