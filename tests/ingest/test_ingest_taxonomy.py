"""taxonomy.toml is validated on load, and every mistake a coordinator can make gets a clear message."""

import pytest

from ingest.taxonomy import TOPIC_SLUGS, TaxonomyError, load_taxonomy, parse_taxonomy, taxonomy_path
from ingest_files import TOPIC_TERMS, taxonomy_toml


def write(tmp_path, text):
    path = tmp_path / "taxonomy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_taxonomy_loads_all_twelve_topics_in_order(tmp_path):
    topics = load_taxonomy(write(tmp_path, taxonomy_toml()))
    assert tuple(t.slug for t in topics) == TOPIC_SLUGS
    energi = topics[0]
    assert energi.label == "Energi" and energi.description == "Om energi."
    assert energi.terms[:2] == ("energi", "fjernvarme")


def test_taxonomy_path(tmp_path):
    assert taxonomy_path(tmp_path) == tmp_path / "taxonomy.toml"


def test_missing_file(tmp_path):
    with pytest.raises(TaxonomyError, match="emnefilen findes ikke"):
        load_taxonomy(tmp_path / "taxonomy.toml")


def test_invalid_toml_names_the_line(tmp_path):
    with pytest.raises(TaxonomyError, match=r"ikke gyldig TOML .*linje 2"):
        load_taxonomy(write(tmp_path, '[[topic]]\nslug = "energi\n'))


def test_not_utf8(tmp_path):
    path = tmp_path / "taxonomy.toml"
    path.write_bytes('[[topic]]\nlabel = "Bæredygtighed"\n'.encode("utf-16"))
    with pytest.raises(TaxonomyError, match="ikke UTF-8"):
        load_taxonomy(path)


def topics_with(**changes):
    """The valid taxonomy as parsed TOML, with one topic's fields changed (None removes a field)."""
    entries = [{"slug": s, "label": s.title(), "description": "", "terms": list(t)} for s, t in TOPIC_TERMS.items()]
    for key, value in changes.items():
        if value is None:
            del entries[0][key]
        else:
            entries[0][key] = value
    return {"topic": entries}


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "ingen emner"),
        ({"topic": []}, "ingen emner"),
        ({"topics": []}, "ukendt nøgle øverst"),
        (topics_with(slug="vand"), "emnet 'vand': ukendt slug \\(brug en af energi, transport"),
        (topics_with(slug=None), "emne nr. 1 har ingen slug"),
        (topics_with(slug=3), "emne nr. 1 har ingen slug"),
        (topics_with(label=""), "emnet 'energi': label skal være en tekst, ikke tom"),
        (topics_with(label=7), "label skal være en tekst, ikke tom"),
        (topics_with(description=["x"]), "description skal være en tekst"),
        (topics_with(terms=[]), "terms skal være en liste af tekster, ikke tom"),
        (topics_with(terms="energi"), "terms skal være en liste af tekster, ikke tom"),
        (topics_with(terms=None), "terms skal være en liste af tekster, ikke tom"),
        (topics_with(terms=["energi", ""]), "hver term skal være en tekst, ikke tom"),
        (topics_with(terms=["energi", 2]), "hver term skal være en tekst, ikke tom"),
        (topics_with(terms=["og det"]), "består kun af stopord"),
        (topics_with(synonyms=["x"]), "ukendt nøgle"),
        ({"topic": ["energi"]}, "emne nr. 1 er ikke et \\[\\[topic\\]\\]-afsnit"),
    ],
)
def test_invalid_topic(data, message):
    with pytest.raises(TaxonomyError, match=message):
        parse_taxonomy(data)


def test_duplicate_slug():
    data = topics_with()
    data["topic"].append(dict(data["topic"][0]))
    with pytest.raises(TaxonomyError, match="'energi' er skrevet to gange"):
        parse_taxonomy(data)


def test_missing_slug_lists_what_is_missing():
    data = topics_with()
    data["topic"] = [t for t in data["topic"] if t["slug"] not in ("ledelse", "affald")]
    with pytest.raises(TaxonomyError, match="emner mangler: affald, ledelse"):
        parse_taxonomy(data)


def test_error_is_a_value_error_naming_the_file(tmp_path):
    path = write(tmp_path, '[[topic]]\nslug = "vand"\n')
    with pytest.raises(ValueError, match=str(path)):
        load_taxonomy(path)


def test_sample_corpus_taxonomy_is_valid(sample_corpus):
    path = taxonomy_path(sample_corpus)
    if not path.exists():
        pytest.skip("the sample corpus has no taxonomy yet")
    assert tuple(t.slug for t in load_taxonomy(path)) == TOPIC_SLUGS
