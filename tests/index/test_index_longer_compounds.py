"""A compound that finds few documents also finds the longer compounds it begins ("varmeplan":
"varmeplanlægning", which the index splits as varme and planlægning) and its parts written apart
close together ("sortering af affald"), after its own documents."""

from __future__ import annotations

from datetime import date

import pytest

from index_files import build_from_documents, make_document, searcher
from index.query import parse_search_params
from index.relax import RELAX_BELOW
from index.service import SearchService

PLAN = "noter/varmeplan.md"
PLANNING = "noter/varmeplanlaegning.md"
APART = "noter/varme-og-plan.md"
SORTING = "noter/affaldssortering.md"
SORTING_APART = "noter/sortering-af-affald.md"
SORTING_FAR = "noter/affald-langt-fra-sortering.md"
CLIMATE = "noter/klimaplan-{n}.md"
CLIMATE_LONGER = "noter/klimaplanlaegning.md"


def _documents():
    doc = make_document
    return [
        doc(PLAN, "Notat", ["Byens varmeplan blev vedtaget i år."], format="markdown", day=date(2022, 1, 1)),
        # the longer compound, in the title and three times: it would outscore the plan itself
        doc(PLANNING, "Varmeplanlægning i kommunerne",
            ["Varmeplanlægning tager tid. Varmeplanlægningen skal lykkes, og varmeplanlægning koster."],
            format="markdown", day=date(2022, 2, 1)),
        doc(APART, "Varme", ["Varme fra værket og en plan for byen."], format="markdown", day=date(2022, 3, 1)),
        doc(SORTING, "Genbrug", ["Bedre affaldssortering i boligerne."], format="markdown", day=date(2022, 5, 1)),
        doc(SORTING_APART, "Aftale om affald", ["Ensartet sortering af affald i alle kommuner. Affald, affald og affald."],
            format="markdown", day=date(2022, 6, 1)),
        doc(SORTING_FAR, "Affald", ["Affald fra byggepladser skal efter reglerne og med omtanke til sortering."],
            format="markdown", day=date(2022, 7, 1)),
        doc(CLIMATE_LONGER, "Proces", ["Klimaplanlægning i byen."], format="markdown", day=date(2022, 4, 1)),
    ] + [
        doc(CLIMATE.format(n=n), f"Klimaplan {n}", [f"Klimaplan for by {n}."], format="markdown",
            day=date(2021, 1, n + 1))
        for n in range(RELAX_BELOW)
    ]


@pytest.fixture(scope="module")
def search(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("compounds") / "index"
    build_from_documents(index_dir, _documents())
    service = SearchService(index_dir)
    yield searcher(service)
    service.close()


def paths(result):
    return [r["path"] for r in result["results"]]


def test_a_compound_that_finds_few_documents_finds_the_longer_compounds_it_begins_after_them(search):
    result = search("varmeplan")
    assert paths(result) == [PLAN, PLANNING]  # not the document with varme and plan apart
    assert "<mark>Varmeplanlægning</mark>" in result["results"][1]["snippet"]
    assert result["phrase_relaxed"] is False


def test_a_compound_that_finds_enough_documents_stays_as_it_is(search):
    result = search("klimaplan")
    assert result["total"] == RELAX_BELOW and CLIMATE_LONGER not in paths(result)


def test_a_longer_compound_is_found_beside_the_other_words_too(search):
    assert paths(search("varmeplan kommunerne")) == [PLANNING]


def test_a_compound_that_finds_few_documents_finds_its_parts_written_close_together_after_them(search):
    result = search("affaldssortering")
    assert paths(result) == [SORTING, SORTING_APART]  # not where the parts stand far apart
    assert "<mark>sortering</mark> af <mark>affald</mark>" in result["results"][1]["snippet"]


def test_widening_does_not_reorder_the_documents_that_have_the_word_itself(tmp_path):
    plain, also_longer, only_longer = "noter/plan.md", "noter/plan-og-planlaegning.md", "noter/planlaegning.md"
    documents = [
        make_document(plain, "Notat", ["Byens varmeplan blev vedtaget i år efter lang tids arbejde med varmeplan."],
                      format="markdown", day=date(2022, 1, 1)),
        # the word itself once, its longer compound three times: scored as widened, it would come first
        make_document(also_longer, "Notat", ["Varmeplan. Varmeplanlægning, varmeplanlægning, varmeplanlægning."],
                      format="markdown", day=date(2022, 1, 2)),
        make_document(only_longer, "Notat", ["Varmeplanlægning i byen."], format="markdown", day=date(2022, 1, 3)),
    ]
    build_from_documents(tmp_path / "index", documents)
    service = SearchService(tmp_path / "index")
    try:
        assert paths(service.search(parse_search_params({"q": ["varmeplan"]}))) == [plain, also_longer, only_longer]
    finally:
        service.close()
