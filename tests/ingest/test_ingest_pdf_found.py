"""PDF pages as a searcher finds them in the sample index: the section's page rather than the table
of contents, snippets without running headers, printed page labels, scanned pages by their words."""

from __future__ import annotations

import pytest

from index import store
from index.query import SearchRequest
from index.service import SearchService
from index.writer import open_writer
from ingest.document import Document, Passage, document_id
from ingest.ocr import missing_reason, tesseract_version

REPORT = "2022-11-08-klimatilpasning-og-skybrud/rapport-klimatilpasning-i-kommunerne.pdf"
MEMO = "2021-01-28-baeredygtigt-byggeri/notat-styregruppe-scannet.pdf"
RUNNING = ("Klimatilpasning i kommunerne 2022 ·", "Rapport fra kommunernes klimanetværk")


@pytest.fixture(scope="module")
def service(built_index):
    return SearchService(built_index.index, built_index.corpus)


def hit_for(service, q: str, path: str) -> dict:
    results = service.search(SearchRequest(q=q, per_page=100))["results"]
    return next(r for r in results if r["path"] == path)


@pytest.mark.parametrize(
    "q, page, label",
    [("regnbede grønne tage", 7, "4"), ("kystsikring stormflod", 8, "5"), ("risikokort", 12, "9")],
)
def test_a_section_is_found_on_its_page_not_in_the_table_of_contents(service, q, page, label):
    hit = hit_for(service, q, REPORT)
    assert (hit["page"], hit["page_label"]) == (page, label)  # "page" is physical, for #page=N


def test_the_table_of_contents_is_not_chosen_when_it_names_more_of_the_query(service):
    # the TOC lists both section titles; each section's page has one of the words
    hit = hit_for(service, "stormflod borgerinddragelse", REPORT)
    assert hit["page"] in (4, 8, 11), hit
    assert "...." not in hit["snippet"]


def test_no_snippet_of_the_report_holds_its_running_header(service):
    for q in ("klimatilpasning kommunerne", "forord erfaringer", "anbefalinger", "indhold"):
        snippet = hit_for(service, q, REPORT)["snippet"]
        assert not any(line in snippet.replace("<mark>", "").replace("</mark>", "") for line in RUNNING), (q, snippet)


def test_a_word_only_in_the_table_of_contents_still_finds_its_page(service):
    hit = hit_for(service, "indhold", REPORT)
    assert hit["page"] == 3 and hit["page_label"] == "iii"


@pytest.mark.skipif(tesseract_version() is None, reason=missing_reason())
def test_a_scanned_memo_is_found_by_a_word_of_its_second_page(service):
    hit = hit_for(service, "ventilationsanlæg", MEMO)
    assert hit["page"] == 2 and "<mark>ventilationsanlæg" in hit["snippet"].lower()


def report(path: str, pages: list[tuple[str, bool]]) -> Document:
    return Document(
        id=document_id(path), path=path, checksum="0" * 64, size=1, format="pdf", type="report",
        title=path, passages=tuple(Passage(i + 1, text, toc=toc) for i, (text, toc) in enumerate(pages)),
    )


def test_a_match_only_in_a_table_of_contents_ranks_below_a_match_in_the_body(tmp_path):
    index_dir = tmp_path / "index"
    generation = store.create_generation(index_dir)
    ix = generation.open()
    with open_writer(ix) as writer:
        writer.put(report("a.pdf", [("Indhold\nVandvandringer i byen .......... 4", True),
                                    ("Om regnvand og kloakker i byen.", False)]), 0, new=True)
        writer.put(report("b.pdf", [("Forord om klimaet.", False),
                                    ("Vandvandringer viser borgerne, hvor regnvandet samler sig.", False)]), 0, new=True)
    ix.close()
    meta = generation.meta()
    meta.update(meetings=[], taxonomy=[], failures=[], last_reindex=0)
    generation.write_meta(meta)
    store.publish(index_dir, generation)
    results = SearchService(index_dir).search(SearchRequest(q="vandvandringer"))["results"]
    assert [r["path"] for r in results] == ["b.pdf", "a.pdf"]
    assert results[1]["page"] == 1  # the TOC is shown when nothing else in the document matches
