"""Queries as people type them: questions, misspellings, inflected phrases, acronyms and
organisation names (issue 13, "What was seen"), over a small library written for them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index_files import build_from_documents
from index import store, synonyms
from index.query import parse_search_params
from index.service import SearchService
from index_files import make_document, searcher

FINANCING = "noter/finansiering.md"
QUESTION_PAGE = "noter/spoergsmaal.md"
DK2020_PAGE = "noter/dk2020.md"
HVEM_PAGE = "noter/nyhedsbrev.md"
SYMBIOSIS = "noter/symbiose.md"
PTX = "noter/ptx.md"
ACTION_PLAN = "noter/handlingsplan.md"
DI_REPORT = "rapporter/di.pdf"


def _documents():
    doc = make_document
    return [
        doc(FINANCING, "Finansiering af klimatilpasning",
            ["Klimatilpasning finansieres af forsyningen gennem takster, lån og medfinansiering.",
             "Finansiering af diger og regnvandsbassiner."], format="markdown", day=date(2023, 1, 5)),
        doc(QUESTION_PAGE, "Spørgsmål fra mødet",
            ["Hvordan kommer vi i gang? Hvordan finansieres det? Klimatilpasning blev nævnt kort."],
            format="markdown", day=date(2023, 2, 1)),
        doc(DK2020_PAGE, "DK2020 og klimaplanerne",
            ["DK2020 står bag kommunernes klimaplaner.", "DK2020 er et partnerskab om klimaplaner."],
            format="markdown", day=date(2022, 5, 1)),
        doc(HVEM_PAGE, "Nyhedsbrev",
            ["Hvem kommer til mødet? Hvem står bag cykelstierne? DK2020 nævnes også."],
            format="markdown", day=date(2022, 6, 1)),
        doc(SYMBIOSIS, "Industriel symbiose i praksis",
            ["Kalundborg Symbiosen deler overskudsvarme og vand mellem virksomhederne."],
            format="markdown", day=date(2021, 9, 1), organizations=("Kalundborg Forsyning",)),
        doc(PTX, "Brint og elektrobrændstoffer",
            ["Power-to-X omdanner strøm fra vindmøller til brint og metanol."],
            format="markdown", day=date(2023, 3, 1)),
        doc(ACTION_PLAN, "Kommunens klimahandlingsplan",
            ["Klimahandlingsplanen beskriver reduktioner frem mod 2030 og kystbeskyttelse."],
            format="markdown", day=date(2022, 1, 10)),
        doc(DI_REPORT, "Virksomheder i den grønne omstilling",
            ["Rapport om virksomhedernes klimaarbejde og grøn omstilling i industrien."],
            type="report", day=date(2021, 3, 1), organizations=("Dansk Industri",)),
    ] + [
        doc(f"noter/omtale-{n}.md", f"Referat {n}",
            [f"På mødet fortalte Dansk Industri om grøn omstilling. Dansk Industri og industri nævnt {n}."],
            format="markdown", type="minutes", day=date(2020, 1, n))
        for n in range(1, 5)
    ] + [
        doc("noter/stavefejl.md", "Omstiling i kommunen",
            ["Et notat med en stavefejl i overskriften om omstiling."], format="markdown",
            day=date(2019, 5, 5)),
    ]


SYNONYMS = """
[[group]]
terms = ["PtX", "Power-to-X"]

[[group]]
terms = ["klimahandleplan", "klimahandlingsplan"]

[[group]]
terms = ["CCS", "CO2-fangst og -lagring"]
"""


@pytest.fixture(scope="module")
def forgiving(tmp_path_factory) -> SearchService:
    root = tmp_path_factory.mktemp("forgiving")
    index_dir = root / "index"
    build_from_documents(index_dir, _documents())
    (root / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
    generation = store.current_generation(index_dir)  # as a reindex stores them
    generation.write_meta({**generation.meta(), "synonyms": synonyms.snapshot(root)})
    service = SearchService(index_dir)
    yield service
    service.close()


@pytest.fixture
def search(forgiving):
    return searcher(forgiving)


def paths(result):
    return [r["path"] for r in result["results"]]


# -- questions ------------------------------------------------------------------------------


def test_a_question_word_is_not_required(search):
    found = paths(search("hvordan finansieres klimatilpasning"))
    assert FINANCING in found and QUESTION_PAGE in found
    assert found[0] == FINANCING  # saying "hvordan" twice does not outweigh the subject


def test_a_page_does_not_rank_first_only_because_it_says_hvem(search):
    assert paths(search("hvem står bag DK2020"))[0] == DK2020_PAGE


def test_a_question_word_alone_is_still_searched(search):
    assert paths(search("hvordan")) == [QUESTION_PAGE]


# -- misspellings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("klimatilpasnig", "klimatilpasning"),  # a letter missing
        ("klimatilpasnning", "klimatilpasning"),  # a letter too many
        ("klimatilpsaning", "klimatilpasning"),  # two letters swapped
        ("overskudsvame", "overskudsvarme"),  # a word in one document only
    ],
)
def test_a_misspelled_word_is_searched_corrected(search, typed, meant):
    result = search(typed)
    assert result["query"] == typed
    assert result["corrected_query"] == meant
    assert result["total"] == search(meant)["total"] > 0
    assert paths(result) == paths(search(meant))


def test_a_correction_keeps_the_other_words_and_the_filters(search):
    result = search("Finansiering klimatilpasnig", type="presentation")
    assert result["corrected_query"] == "Finansiering klimatilpasning"
    # both pages with the two words ("finansieres" is the verb of "finansiering"), the one about it first
    assert paths(result) == [FINANCING, QUESTION_PAGE]
    assert search("Finansiering klimatilpasnig", type="report")["corrected_query"] is None


def test_a_rare_spelling_that_finds_little_offers_the_common_one(search):
    result = search("omstiling")
    assert paths(result) == ["noter/stavefejl.md"]  # the text as typed is searched ...
    assert result["corrected_query"] is None
    assert result["suggestion"] == "omstilling"  # ... and the common spelling is offered


def test_words_that_are_found_are_not_corrected(search):
    result = search("klimatilpasning")
    assert result["corrected_query"] is None and result["suggestion"] is None
    assert search("kystbeskytelse")["corrected_query"] is None  # found by its stem


def test_an_unknown_word_with_no_near_word_is_not_corrected(search):
    result = search("zyxwvuqq")
    assert result["total"] == 0
    assert result["corrected_query"] is None and result["suggestion"] is None


# -- phrases --------------------------------------------------------------------------------


def test_a_quoted_phrase_matches_inflected_words(search):
    result = search('"Kalundborg Symbiose"')
    assert paths(result) == [SYMBIOSIS]
    assert "<mark>Kalundborg Symbiosen</mark>" in result["results"][0]["snippet"]


def test_an_exact_phrase_asks_for_the_word_forms_as_written(search):
    assert search('="Kalundborg Symbiose"')["total"] == 0
    assert paths(search('="Kalundborg Symbiosen"')) == [SYMBIOSIS]


def test_an_inflected_phrase_needs_its_words_together_and_in_order_to_match_as_a_phrase(search):
    # found only as a relaxed phrase (tests/index/test_index_phrases.py), and said so
    assert search('"Kalundborg Symbiose"')["phrase_relaxed"] is False
    assert search('"Symbiose Kalundborg"')["phrase_relaxed"] is True
    assert search('"Kalundborg deler"')["phrase_relaxed"] is True  # a word between
    assert search('="Kalundborg deler"')["total"] == 0


# -- synonyms and acronyms ------------------------------------------------------------------


def test_an_acronym_finds_the_words_it_stands_for(search):
    result = search("PtX")
    assert paths(result) == [PTX]
    assert result["expanded"] == ["Power-to-X"]
    assert "<mark>Power-to-X</mark>" in result["results"][0]["snippet"]


def test_a_synonym_finds_the_other_spelling_and_the_words_themselves(search):
    assert ACTION_PLAN in paths(search("klimahandleplan"))
    assert search("klimahandlingsplan")["expanded"] == ["klimahandleplan"]
    assert search("skybrud")["expanded"] == []


def test_a_synonym_scores_below_the_word_itself(search):
    # "Power-to-X" itself vs the acronym: the same document, a lower score through the synonym
    direct = search("Power-to-X")["results"][0]
    through = search("PtX")["results"][0]
    assert direct["path"] == through["path"] == PTX
    assert through["score"] < direct["score"]


def test_synonyms_expand_inside_a_longer_query(search):
    result = search("PtX brint")
    assert paths(result) == [PTX]
    assert search("PtX skybrud")["fallback"] == "or"  # both words are required, as always


@pytest.mark.parametrize(
    "text, problem",
    [
        ("[[group]\nterms = 1", "ikke gyldig TOML"),
        ("[[group]]\nterms = [\"PtX\"]", "mindst to"),
        ("[[group]]\nwords = [\"a\", \"b\"]", "skal have terms"),
        ("[[group]]\nterms = [\"PtX\", \"--\"]", "ingen ord"),
        ("synonymer = 1", "ukendt nøgle"),
    ],
)
def test_a_broken_synonyms_file_is_a_configuration_error(tmp_path, text, problem):
    (tmp_path / "synonyms.toml").write_text(text, encoding="utf-8")
    with pytest.raises(synonyms.ConfigError, match=problem):
        synonyms.snapshot(tmp_path)


def test_the_maintained_synonyms_file_is_valid():
    groups = synonyms.snapshot(Path(__file__).resolve().parents[2] / "corpus")
    assert ["PtX", "Power-to-X"] in groups


# -- organisations --------------------------------------------------------------------------


def test_an_organisations_own_document_ranks_above_documents_that_mention_it(search):
    found = paths(search("Dansk Industri"))
    assert found[0] == DI_REPORT  # its text never says "Dansk Industri"; its organisation does
    assert len(found) == 5  # and the four minutes that mention it are still found


def test_an_organisation_named_beside_other_words_still_needs_them(search):
    assert paths(search("Dansk Industri omstilling"))[0] == DI_REPORT
    result = search("Dansk Industri mødet")
    assert result["fallback"] is None and result["total"] == 4
    assert DI_REPORT not in paths(result)


# -- long queries ---------------------------------------------------------------------------


def test_the_or_fallback_ranks_documents_with_more_of_the_words_first(search):
    result = search("regnvandsbassiner diger kysten symbiosen brint")
    assert result["fallback"] == "or"
    assert paths(result)[0] == FINANCING  # the only one with two of the words


def test_an_organisation_that_is_also_a_synonym_still_ranks_its_documents_first(tmp_path):
    documents = _documents()
    root = tmp_path
    build_from_documents(root / "index", documents)
    (root / "synonyms.toml").write_text('[[group]]\nterms = ["DI", "Dansk Industri"]\n', encoding="utf-8")
    generation = store.current_generation(root / "index")
    generation.write_meta({**generation.meta(), "synonyms": synonyms.snapshot(root)})
    service = SearchService(root / "index")
    try:
        for query in ("Dansk Industri", "DI"):
            found = service.search(parse_search_params({"q": [query]}))
            assert [r["path"] for r in found["results"]][0] == DI_REPORT, query
    finally:
        service.close()


def test_a_short_or_fallback_ranks_a_rare_word_above_two_common_ones(search):
    # "kommer" and "mødet" stand together in a page; "klimaplaner" in one page only, without them
    result = search("kommer mødet klimaplaner")
    assert result["fallback"] == "or"
    assert paths(result)[0] == DK2020_PAGE


def test_new_synonyms_are_searched_without_a_restart_or_a_new_commit(tmp_path):
    build_from_documents(tmp_path / "index", _documents())
    service = SearchService(tmp_path / "index")
    try:
        assert service.search(parse_search_params({"q": ["PtX"]}))["total"] == 0
        (tmp_path / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
        generation = store.current_generation(tmp_path / "index")
        generation.write_meta({**generation.meta(), "synonyms": synonyms.snapshot(tmp_path)})
        assert service.search(parse_search_params({"q": ["PtX"]}))["expanded"] == ["Power-to-X"]
    finally:
        service.close()
