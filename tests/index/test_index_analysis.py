"""The Whoosh analyzers: what terms a text gives in the stemmed and the exact fields."""

from __future__ import annotations

from index.analysis import exact_analyzer, stemmed_alternatives, stemmed_analyzer
from klimaviden.danish import term


def terms(analyzer, text, **kwargs):
    return [(t.text, t.pos) for t in analyzer(text, positions=True, **kwargs)]


def test_compound_parts_sit_at_the_compounds_position():
    got = terms(stemmed_analyzer(), "ny skybrudsplan vedtaget")
    positions = {text: pos for text, pos in got}
    assert positions[term("skybrudsplan")] == positions["skybrud"] == positions["plan"] == 1


def test_query_mode_does_not_split_compounds():
    assert [t for t, _ in terms(stemmed_analyzer(), "skybrudsplan", mode="query")] == [term("skybrudsplan")]


def test_only_danish_stop_words_are_removed():
    got = [t for t, _ in terms(stemmed_analyzer(), "and is the og i for")]
    # "and" (duck), "is" (ice) and "the" are words here; "og", "i", "for" are Danish stop words
    assert got == ["and", "is", "the"]


def test_hyphenated_words_give_their_pieces():
    for text in ("CO2-fangst", "CO2 fangst", "co2-fangst"):
        assert [t for t, _ in terms(stemmed_analyzer(), text)] == ["co2", "fangst"]
        assert [t for t, _ in terms(exact_analyzer(), text)] == ["co2", "fangst"]


def test_exact_field_keeps_letters_and_stop_words():
    assert [t for t, _ in terms(exact_analyzer(), "For før Kalundborg")] == ["for", "før", "kalundborg"]


def test_stemmed_field_folds_danish_letters():
    assert terms(stemmed_analyzer(), "bæredygtigt")[0][0] == stemmed_alternatives("baeredygtigt")[0][0]


def test_compatibility_characters_read_plainly():
    assert [t for t, _ in terms(stemmed_analyzer(), "CO₂-fangst")] == ["co2", "fangst"]
    assert [t for t, _ in terms(exact_analyzer(), "ﬁnansiering")] == ["finansiering"]
    assert stemmed_alternatives("CO₂") == [("co2",)]
