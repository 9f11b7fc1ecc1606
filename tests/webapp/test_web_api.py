"""The JSON API: the same search as the CLI, documents, meetings, topics, health, one error shape."""

from __future__ import annotations

import json

import pytest
from web_helpers import api_json

RESULT_KEYS = {"id", "title", "path", "type", "date", "published", "meeting_date", "themes", "topics",
               "organizations", "page", "snippet", "score"}


def test_search_returns_the_documented_json(client):
    data = api_json(client, "/api/search?q=partnerskab")
    assert {"query", "total", "page", "per_page", "fallback", "results", "facets", "suggestion", "theme_labels"} <= set(data)
    assert data["query"] == "partnerskab" and data["page"] == 1 and data["per_page"] == 10
    assert set(data["facets"]) == {"topic", "theme", "type", "year", "organization", "presenter"}
    assert data["results"] and all(set(r) >= RESULT_KEYS for r in data["results"])
    assert len(data["results"]) <= 10


def test_search_is_the_same_function_as_the_cli(client, built_index):
    from index.query import parse_search_params
    from index.service import SearchService

    service = SearchService(built_index.index, built_index.corpus)
    try:
        direct = service.search(parse_search_params({"q": ["energi"], "topic": ["energi"], "sort": ["date"]}))
    finally:
        service.close()
    assert api_json(client, "/api/search?q=energi&topic=energi&sort=date") == direct


def test_search_gives_exactly_what_klimaviden_search_json_prints(client, built_index):
    from click.testing import CliRunner

    from klimaviden.cli import main

    args = ["search", "skybrud", "--topic", "klimatilpasning", "--sort", "date", "--limit", "3", "--json",
            "--corpus", str(built_index.corpus), "--index", str(built_index.index)]
    printed = CliRunner().invoke(main, args)
    assert printed.exit_code == 0, printed.output
    cli = json.loads(printed.stdout)
    api = api_json(client, "/api/search?q=skybrud&topic=klimatilpasning&sort=date&per_page=3")
    assert api == cli


def test_every_parameter_is_honoured(client):
    everything = api_json(client, "/api/search?per_page=100")
    some = everything["results"][0]
    assert api_json(client, f"/api/search?type={some['type']}")["total"] == everything["facets"]["type"][some["type"]]
    org = next(iter(everything["facets"]["organization"]))
    assert api_json(client, f"/api/search?org={org}")["total"] == everything["facets"]["organization"][org]
    theme = next(iter(everything["facets"]["theme"]))
    assert api_json(client, f"/api/search?theme={theme}")["total"] == everything["facets"]["theme"][theme]
    ranged = api_json(client, "/api/search?from=2021-01-01&to=2021-12-31&per_page=100")
    assert ranged["total"] == everything["facets"]["year"]["2021"]
    assert all(r["date"].startswith("2021") for r in ranged["results"])
    by_date = api_json(client, "/api/search?sort=date&per_page=100")["results"]
    dates = [r["date"] for r in by_date if r["date"]]
    assert dates == sorted(dates, reverse=True)
    page2 = api_json(client, "/api/search?sort=date&per_page=5&page=2")
    assert page2["page"] == 2 and page2["per_page"] == 5
    assert [r["id"] for r in page2["results"]] == [r["id"] for r in by_date[5:10]]


def test_topic_is_repeatable_and_means_any_of(client):
    energi = api_json(client, "/api/search?topic=energi&per_page=100")
    affald = api_json(client, "/api/search?topic=affald&per_page=100")
    both = api_json(client, "/api/search?topic=energi&topic=affald&per_page=100")
    union = {r["id"] for r in energi["results"]} | {r["id"] for r in affald["results"]}
    assert {r["id"] for r in both["results"]} == union


def test_per_page_is_at_most_100(client):
    assert len(api_json(client, "/api/search?per_page=100")["results"]) <= 100
    response = client.get("/api/search?per_page=101")
    assert response.status_code == 400
    assert "per_page" in response.get_json()["error"]


@pytest.mark.parametrize(
    "query, word",
    [
        ("from=29-04-2021", "from"),
        ("to=2021-02-30", "to"),
        ("topic=vejr", "vejr"),
        ("type=roman", "type"),
        ("theme=Ikke%20et%20slug", "theme"),
        ("page=-1", "page"),
        ("page=100000", "page"),
        ("per_page=0", "per_page"),
        ("sort=alfabetisk", "sort"),
        ("q=" + "x" * 600, "lang"),
        ("from=2021-05-01&to=2021-04-01", "from"),
    ],
)
def test_bad_parameters_are_400_in_the_one_error_shape(client, query, word):
    response = client.get("/api/search?" + query)
    assert response.status_code == 400
    assert response.content_type == "application/json"
    body = response.get_json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == 400
    assert word in body["error"]


def test_documents_by_id(client):
    some = api_json(client, "/api/search?q=skybrud")["results"][0]
    doc = api_json(client, f"/api/documents/{some['id']}")
    assert doc["id"] == some["id"] and doc["title"] == some["title"]
    assert doc["passages"] and {"number", "text"} <= set(doc["passages"][0])
    assert {"id", "title", "type", "date", "path"} <= set(doc["related"][0])


@pytest.mark.parametrize("url", ["/api/documents/0000000000000000", "/api/meetings/findes-ikke", "/api/findes-ikke"])
def test_unknown_ids_are_404_in_the_one_error_shape(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.get_json() == {"ok": False, "error": response.get_json()["error"], "status": 404}
    assert response.get_json()["error"]


def test_meetings_newest_first_with_their_documents(client):
    meetings = api_json(client, "/api/meetings")
    dates = [m["date"] for m in meetings]
    assert dates == sorted(dates, reverse=True)
    assert all({"id", "title", "date", "place", "themes", "organizations", "documents"} <= set(m) for m in meetings)
    one = api_json(client, f"/api/meetings/{meetings[0]['id']}")
    assert one == meetings[0]


def test_topics_in_taxonomy_order_with_counts(client):
    topics = api_json(client, "/api/topics")
    assert [t["slug"] for t in topics][:2] == ["energi", "transport"]
    assert all({"slug", "label", "description", "count"} <= set(t) for t in topics)


def test_health_reports_generation_documents_and_last_reindex(client):
    health = api_json(client, "/healthz")
    assert health["ok"] is True
    assert health["documents"] == api_json(client, "/api/search")["total"]
    assert isinstance(health["generation"], int)
    assert health["last_reindex"]


@pytest.mark.parametrize("url", ["/api/search", "/api/topics", "/healthz", "/feed.atom", "/export.csv"])
def test_only_get_is_allowed(client, url):
    response = client.post(url)
    assert response.status_code == 405
    assert response.get_json() == {"ok": False, "error": response.get_json()["error"], "status": 405}
    assert "GET" in response.headers["Allow"]


def test_json_keeps_danish_letters_readable(client):
    response = client.get("/api/topics")
    assert "ø".encode() in response.data or "æ".encode() in response.data


def test_presenter_filter_facet_and_result_field(client):
    # issue 12: coordinators find earlier talks by who gave them
    data = api_json(client, "/api/search?presenter=Lone%20Vestergaard%20Holm")
    assert [r["path"] for r in data["results"]] == ["2021-04-29-erhvervspartnerskaber/kalundborg-forsyning-case.pptx"]
    assert data["results"][0]["presenters"] == [
        {"name": "Lone Vestergaard Holm", "role": "udviklingschef", "organization": "Kalundborg Forsyning"}]
    everything = api_json(client, "/api/search?q=")
    assert everything["facets"]["presenter"].get("Lone Vestergaard Holm") == 1
    assert api_json(client, "/api/search?presenter=lone%20vestergaard%20holm")["total"] == 1
    assert api_json(client, "/api/search?presenter=Kalundborg")["total"] == 0


def test_organisation_filter_returns_only_documents_that_name_it(client):
    data = api_json(client, "/api/search?org=Kalundborg%20Forsyning&per_page=50")
    assert data["total"] >= 1
    for hit in data["results"]:
        assert "Kalundborg Forsyning" in hit["organizations"]
    paths = {hit["path"] for hit in data["results"]}
    assert "2021-04-29-erhvervspartnerskaber/nordjysk-vaekstteam-co2-fangst.pptx" not in paths


def test_a_meeting_has_an_ordered_programme_linked_to_its_talks(client):
    meeting = api_json(client, "/api/meetings/2021-04-29-erhvervspartnerskaber")
    programme = meeting["programme"]
    assert programme and all({"time", "title", "presenters", "document_id"} <= set(p) for p in programme)
    ids = {d["id"] for d in meeting["documents"]}
    linked = [p for p in programme if p["document_id"]]
    assert linked and all(p["document_id"] in ids for p in linked)
    names = {p["name"] for point in programme for p in point["presenters"]}
    assert "Lone Vestergaard Holm" in names
