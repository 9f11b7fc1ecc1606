"""The sample corpus, indexed once for the session (tests/conftest.py: built_index): the searches
the issue names find what a climate officer means, with page numbers from PDFs and slides."""

from __future__ import annotations

import re

import pytest

from index.query import SearchRequest
from index.service import SearchService


@pytest.fixture(scope="module")
def service(built_index):
    return SearchService(built_index.index, built_index.corpus)


def full_text(service, doc_id):
    doc = service.document(doc_id)
    return (doc["title"] + "\n" + "\n".join(p["text"] for p in doc["passages"])).lower()


def texts(service, q):
    result = service.search(SearchRequest(q=q, per_page=100))
    return [full_text(service, r["id"]) for r in result["results"]]


@pytest.mark.parametrize(
    "query, compound",
    [("skybrud", "skybrudsplan"), ("skybrud", "skybrudssikring"),
     ("partnerskab", "erhvervspartnerskaber"), ("gylle", "gylleforsuring")],
)
def test_a_part_finds_documents_that_only_have_the_compound(service, query, compound):
    found = texts(service, query)
    assert any(compound in t for t in found)


@pytest.mark.parametrize("query, inflected", [("partnerskab", "partnerskaber"), ("varmepumpe", "varmepumper")])
def test_stemming(service, query, inflected):
    assert any(inflected in t for t in texts(service, query))


def test_folding(service):
    assert service.search(SearchRequest(q="baeredygtigt"))["total"] == \
        service.search(SearchRequest(q="bæredygtigt"))["total"] > 0


def test_phrase_kalundborg_forsyning(service):
    found = texts(service, '"Kalundborg Forsyning"')
    assert found and all("kalundborg forsyning" in " ".join(t.split()) for t in found)


def test_hyphen_variants(service):
    totals = {service.search(SearchRequest(q=q))["total"] for q in ("CO2-fangst", "CO2 fangst", "co2-fangst")}
    assert len(totals) == 1 and totals.pop() > 0


def test_pdf_and_pptx_results_name_the_page_that_matches(service):
    for q, fmt in (("skybrudssikring", ".pdf"), ("gylleforsuring", ".pdf"), ("kalundborg", ".pptx")):
        result = service.search(SearchRequest(q=q, per_page=100))
        hits = [r for r in result["results"] if r["path"].endswith(fmt)]
        assert hits, (q, fmt)
        for hit in hits:
            doc = service.document(hit["id"])
            page = next(p for p in doc["passages"] if p["number"] == hit["page"])
            assert "<mark>" in hit["snippet"]
            marked = re.findall(r"<mark>(.*?)</mark>", hit["snippet"])[0]
            assert marked in page["text"]


def test_every_facet_and_filter_agree(service):
    everything = service.search(SearchRequest(per_page=100))
    assert everything["total"] == service.health()["documents"]
    for facet, param in (("topic", "topics"), ("theme", "theme"), ("type", "type"),
                         ("organization", "org")):
        for value, count in everything["facets"][facet].items():
            request = SearchRequest(**{param: (value,) if param == "topics" else value})
            assert service.search(request)["total"] == count, (facet, value)
    for year, count in everything["facets"]["year"].items():
        from datetime import date

        request = SearchRequest(date_from=date(int(year), 1, 1), date_to=date(int(year), 12, 31))
        assert service.search(request)["total"] == count


def test_meetings_newest_first_with_their_documents(service):
    meetings = service.meetings()
    dates = [m["date"] for m in meetings]
    assert dates == sorted(dates, reverse=True)
    assert all(m["documents"] for m in meetings)
