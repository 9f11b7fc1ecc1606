"""Quoted phrases that find few documents: the exact phrase first, then its words close together,
then its words anywhere, and the search says so; ="..." stays strict."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from index_files import build_from_documents, make_document, searcher

from index import proximity
from index.relax import RELAX_BELOW
from index.service import SearchService

EXACT = "noter/udbud.md"
NEAR = "noter/oplaeg-busser.md"
APART = "noter/busdrift-nu.md"
FAR = "noter/langt-fra.md"
TITLED = "noter/titel.md"
TRAFFIC = "noter/trafik-{n}.md"
TRAFFIC_NEAR = "noter/trafik-naer.md"


def _documents():
    doc = make_document
    return [
        doc(EXACT, "Krav i udbud", ["Kommunen stiller krav om fossilfri busdrift i næste udbud."],
            format="markdown", day=date(2021, 1, 1)),
        # two words between: close together, in order
        doc(NEAR, "Oplæg om busser", ["Målet er fossilfri og støjsvag busdrift i hele regionen."],
            format="markdown", day=date(2021, 2, 1)),
        # the words in the other order, and often: a higher score than the phrase's own documents
        doc(APART, "Busdrift i dag", ["Busdriften er ikke fossilfri, for omstilling tager tid og koster. Busdrift larmer, busdrift koster."],
            format="markdown", day=date(2021, 3, 1)),
        # in order, but too far apart to be close together
        doc(FAR, "Langt fra", ["Fossilfri energi er målet for både færger, tog, taxaer og til sidst busdrift."],
            format="markdown", day=date(2021, 4, 1)),
        # the title's last word and the text's first: they do not stand close together
        doc(TITLED, "Planen er fossilfri", ["Busdrift med el er målet, ikke diesel."], format="markdown", day=date(2021, 6, 1)),
        doc(TRAFFIC_NEAR, "Trafik og klima", ["Kollektiv og grøn trafik."], format="markdown",
            day=date(2021, 5, 1)),
    ] + [
        doc(TRAFFIC.format(n=n), f"Trafik {n}", [f"Kollektiv trafik i kommune {n}."], format="markdown",
            day=date(2020, 1, n + 1))
        for n in range(RELAX_BELOW)
    ]


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> SearchService:
    index_dir = tmp_path_factory.mktemp("phrases") / "index"
    build_from_documents(index_dir, _documents())
    opened = SearchService(index_dir)
    yield opened
    opened.close()


@pytest.fixture
def search(service):
    return searcher(service)


def paths(result):
    return [r["path"] for r in result["results"]]


def test_a_phrase_that_finds_few_documents_shows_the_phrase_then_its_words_close_then_anywhere(search):
    result = search('"fossilfri busdrift"')
    assert result["phrase_relaxed"] is True
    assert paths(result)[:2] == [EXACT, NEAR]
    assert set(paths(result)[2:]) == {APART, FAR, TITLED}
    assert result["total"] == 5


def test_a_relaxed_phrase_marks_the_phrase_whole_where_it_stands_and_its_words_elsewhere(search):
    by_path = {r["path"]: r["snippet"] for r in search('"fossilfri busdrift"')["results"]}
    assert "<mark>fossilfri busdrift</mark>" in by_path[EXACT]
    assert "<mark>fossilfri</mark> og støjsvag <mark>busdrift</mark>" in by_path[NEAR]


def test_an_exact_phrase_is_never_relaxed(search):
    result = search('="fossilfri busdrift"')
    assert paths(result) == [EXACT]
    assert result["phrase_relaxed"] is False


def test_a_phrase_with_enough_documents_stays_strict(search):
    result = search('"kollektiv trafik"')
    assert result["total"] == RELAX_BELOW and TRAFFIC_NEAR not in paths(search('"kollektiv trafik"', per_page=50))
    assert result["phrase_relaxed"] is False


def test_words_beside_a_relaxed_phrase_are_still_required(search):
    result = search('"fossilfri busdrift" støjsvag')
    assert paths(result) == [NEAR]


def test_a_phrase_no_document_has_even_apart_is_not_relaxed(search):
    result = search('"fossilfri cykelsti"')
    assert result["total"] == 0 and result["phrase_relaxed"] is False


def test_a_phrase_of_stop_words_only_is_never_relaxed(search):
    # "er ikke" stands in one document; "er" and "ikke" apart in another
    result = search('"er ikke"')
    assert paths(result) == [APART] and result["phrase_relaxed"] is False


def _at(*positions, docnum=1):
    return proximity.places(np.full(len(positions), docnum), np.array(positions))


def test_close_together_counts_the_words_between_in_all():
    first = proximity.start(_at(10))
    # "a x b x x c": one word between a and b, two between b and c: three in all
    after_b = proximity.advance(first, _at(12), slop=3)
    docnums, fewest = proximity.fewest_between(proximity.advance(after_b, _at(15), slop=3))
    assert (docnums.tolist(), fewest.tolist()) == ([1], [3])
    assert not len(proximity.advance(after_b, _at(16), slop=3)[0])
    assert not len(proximity.advance(first, _at(9), slop=3)[0])  # order counts


def test_where_a_word_stands_twice_the_closest_place_counts():
    # "a b x a x x b" in document 3, "a x x x x b" in document 4 (too far apart)
    first = proximity.start(np.concatenate([_at(0, 3, docnum=3), _at(0, docnum=4)]))
    after = proximity.advance(first, np.concatenate([_at(1, 6, docnum=3), _at(5, docnum=4)]), slop=3)
    docnums, fewest = proximity.fewest_between(after)
    assert (docnums.tolist(), fewest.tolist()) == ([3], [0])
