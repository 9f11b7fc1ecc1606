"""Questions as people type them: the frame of a question is not required, and the documents with
some of its content words are found after those with all of them (issue 13, "Measured")."""

from __future__ import annotations

from datetime import date

import pytest

from klimaviden.danish import query_alternatives
from index.service import SearchService
from index_files import build_from_documents, make_document, searcher

PARTNERSHIP = "noter/partnerskab.md"
BEHIND_BIKES = "noter/cykelstier.md"
CHARGING_REPORT = "rapporter/ladestandere.md"
CHARGING_NOTE = "noter/ladeinfrastruktur-vigtig.md"
IMPORTANT_OTHER = "noter/vigtig-dagsorden.md"
FINANCING_BOTH = "noter/finansiering-og-klimatilpasning.md"
ADAPTATION = "noter/klimatilpasning.md"


def _documents():
    doc = make_document
    return [
        doc(PARTNERSHIP, "Klimapartnerskabet DK2020",
            ["DK2020 er et partnerskab mellem kommuner, regioner og fonde.",
             "DK2020 hjælper kommunerne med klimaplaner."], format="markdown", day=date(2020, 1, 5)),
        doc(BEHIND_BIKES, "Cykelstier i byen",
            ["Hvem står bag cykelstierne? Bag projektet står vejafdelingen, og bag den står byrådet.",
             "DK2020 nævnes kort til sidst."], format="markdown", day=date(2020, 2, 5)),
        doc(CHARGING_REPORT, "Rapport om ladeinfrastruktur",
            ["Ladeinfrastruktur til elbiler: ladestandere ved boliger og arbejdspladser.",
             "Kommunen planlægger ladeinfrastruktur i alle byer."], format="markdown", day=date(2020, 3, 5)),
        doc(CHARGING_NOTE, "Notat om ladestandere",
            ["Ladeinfrastruktur er vigtig, siger borgmesteren."], format="markdown", day=date(2020, 4, 5)),
        doc(IMPORTANT_OTHER, "Dagsorden",
            ["Et vigtig punkt om budgettet. Vigtig frist i maj."], format="markdown", day=date(2020, 5, 5)),
        doc(FINANCING_BOTH, "Hvem betaler",
            ["Klimatilpasning finansieres af forsyningen og kommunen."], format="markdown",
            day=date(2020, 6, 5)),
        doc(ADAPTATION, "Klimatilpasning i byen",
            ["Klimatilpasning med regnbede, diger og forsinkelsesbassiner.",
             "Klimatilpasning kræver samarbejde med forsyningen."], format="markdown", day=date(2020, 7, 5)),
    ]


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("questions") / "index"
    build_from_documents(index_dir, _documents())
    opened = SearchService(index_dir)
    yield opened
    opened.close()


@pytest.fixture
def search(service):
    return searcher(service)


def paths(result):
    return [r["path"] for r in result["results"]]


def test_who_is_behind_finds_the_subject_not_pages_that_say_behind(search):
    # no page has "står", "bag" and DK2020 together; the one about DK2020 answers the question
    found = paths(search("hvem står bag DK2020"))
    assert found[0] == PARTNERSHIP


def test_a_judgement_in_a_question_is_not_required(search):
    # "vigtig" frames the question; the report about charging answers it without the word
    found = paths(search("hvorfor er ladeinfrastruktur vigtig"))
    assert sorted(found) == sorted([CHARGING_NOTE, CHARGING_REPORT])  # not the page saying "vigtig" only


def test_a_question_finds_documents_with_some_of_its_words_after_those_with_all(search):
    result = search("hvordan finansieres klimatilpasning")
    assert paths(result) == [FINANCING_BOTH, ADAPTATION]
    assert result["fallback"] is None  # some documents have every word: no "some of the words" notice


def test_frame_words_are_searched_when_the_query_is_not_a_question(search):
    assert paths(search("står bag")) == [BEHIND_BIKES]
    assert paths(search("ladeinfrastruktur vigtig")) == [CHARGING_NOTE]  # keywords: every word needed


def test_a_verb_in_ere_finds_its_noun_in_ering_and_back(search, service):
    # FINANCING_BOTH says "finansieres"; a page that says "finansiering" answers the same question
    assert query_alternatives("finansieres") == [("finansi", "finansiering")]
    assert query_alternatives("finansieringen") == [("finansiering", "finansi")]
    assert query_alternatives("flere") == [("fler",)]  # too short to be an -ere verb
    assert paths(search("finansiering")) == [FINANCING_BOTH]
