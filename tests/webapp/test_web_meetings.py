"""Meetings as programmes: the programme in order with presenters, the invitation and minutes,
and search hits grouped by meeting."""

from __future__ import annotations

import pytest
from web_helpers import api_json, html

from index.service import SearchService
from webapp.meetings import group_by_meeting, programme


def _meeting_with_programme(client):
    meetings = api_json(client, "/api/meetings")
    meeting = next(m for m in meetings if len(m["documents"]) >= 3)
    talk = next(d for d in meeting["documents"] if d["type"] == "presentation")
    return meeting, talk, [
        {"time": "10.00", "title": "Velkomst", "presenters": [], "document": None, "document_id": None},
        {"time": "10.15", "title": "Erfaringer fra kommunen",
         "presenters": [{"name": "Lone Holm", "role": "udviklingschef", "organization": "Vejle Kommune"}],
         "document": talk["path"].rsplit("/", 1)[-1], "document_id": talk["id"]},
        {"time": None, "title": "Frokost og netværk", "presenters": [{"name": "Per Dal", "role": None,
                                                                       "organization": None}]},
    ]


@pytest.fixture
def programme_client(client, monkeypatch):
    """The sample app, with one meeting's data carrying a programme (as the metadata work adds)."""
    meeting, talk, items = _meeting_with_programme(client)
    original = SearchService.meeting

    def meeting_with_programme(self, meeting_id):
        found = original(self, meeting_id)
        if found is not None and meeting_id == meeting["id"]:
            found = {**found, "programme": items}
        return found

    monkeypatch.setattr(SearchService, "meeting", meeting_with_programme)
    return client, meeting, talk


def test_a_meeting_page_lists_its_programme_in_order_with_presenters(programme_client):
    client, meeting, talk = programme_client
    page = html(client.get(f"/moede/{meeting['id']}"))
    points = page.select(".programme .programme-point")
    assert [p.select_one(".programme-title").get_text(strip=True) for p in points] == [
        "Velkomst", "Erfaringer fra kommunen", "Frokost og netværk"]
    assert [p.select_one(".programme-time").get_text() if p.select_one(".programme-time") else None
            for p in points] == ["10.00", "10.15", None]
    assert points[1].select_one(".programme-presenters").get_text(" ", strip=True) == (
        "Lone Holm , udviklingschef, Vejle Kommune")
    assert points[1].select_one("a")["href"] == f"/dokument/{talk['id']}"
    assert points[0].select_one("a") is None, "a point without a document is not a link"
    assert page.select_one("#materiale-titel").get_text() == "Alt materiale fra mødet"


def test_a_meeting_without_a_programme_lists_its_documents_in_reading_order(client, monkeypatch):
    meetings = api_json(client, "/api/meetings")
    meeting = next(m for m in meetings if len(m["documents"]) >= 3)
    original = SearchService.meeting
    monkeypatch.setattr(SearchService, "meeting", lambda self, meeting_id: {
        **original(self, meeting_id), "programme": []})
    page = html(client.get(f"/moede/{meeting['id']}"))
    assert not page.select(".programme")
    types = [t.get_text(strip=True) for t in page.select(".doc-list .type-tag")]
    order = ["Invitation", "Præsentation", "Rapport", "Case", "Referat", "Andet"]
    assert types == sorted(types, key=lambda t: order.index(t) if t in order else len(order))


def test_a_meeting_page_leads_to_its_invitation_and_minutes(client):
    meetings = api_json(client, "/api/meetings")
    meeting = next(m for m in meetings if {"announcement", "minutes"} <= {d["type"] for d in m["documents"]})
    page = html(client.get(f"/moede/{meeting['id']}"))
    actions: dict[str, set[str]] = {}
    for a in page.select(".doc-actions a"):
        actions.setdefault(a.get_text(strip=True).split(":")[0], set()).add(a["href"])
    announcements = {f"/dokument/{d['id']}" for d in meeting["documents"] if d["type"] == "announcement"}
    minutes = {f"/dokument/{d['id']}" for d in meeting["documents"] if d["type"] == "minutes"}
    assert actions["Invitationen"] == announcements
    assert actions["Referatet"] == minutes


def test_programme_presenters_may_be_plain_names():
    points = programme({"programme": [{"title": "Oplæg", "presenters": ["Anne Holm"]}]})
    assert points[0].presenters == ({"name": "Anne Holm"},)
    assert programme({}) == []


def test_hits_group_by_meeting_in_the_order_of_their_best_hit():
    hits = [{"id": "a", "meeting": "m2"}, {"id": "b", "meeting": None}, {"id": "c", "meeting": "m1"},
            {"id": "d", "meeting": "m2"}]
    groups = group_by_meeting(hits)
    assert [(g.meeting_id, [r["id"] for r in g.results]) for g in groups] == [
        ("m2", ["a", "d"]), ("m1", ["c"]), (None, ["b"])]


def test_the_search_page_groups_every_hit_by_meeting(client):
    every = api_json(client, "/api/search?q=transport&per_page=100")["results"]
    page = html(client.get("/?q=transport&vis=moeder"))
    groups = page.select(".meeting-groups .meeting-group")
    assert groups
    shown = [a["href"].split("?")[0].rsplit("/", 1)[1] for g in groups for a in g.select(".group-hits a")]
    assert sorted(shown) == sorted(r["id"] for r in every), "all hits, each once"
    first_meeting = next(r["meeting"] for r in every if r["meeting"])
    assert groups[0].select_one(".meeting-group-title a")["href"] == f"/moede/{first_meeting}"
    for group in groups:
        count = len(group.select(".group-hits li"))
        assert group.select_one(".result-meta").get_text(" ", strip=True).endswith(
            f"{count} dokument{'er' if count != 1 else ''} i søgningen")
    view = {a.get_text(strip=True): a for a in page.select('nav[aria-label="Visning"] a')}
    assert view["Pr. møde"]["aria-current"] == "true"
    assert view["Dokumenter"]["href"] == "/?q=transport"


def test_grouping_by_meeting_pages_by_meeting_and_keeps_filters(client, sample_app):
    sample_app.config["PER_PAGE"], per_page = 2, sample_app.config["PER_PAGE"]
    try:
        first = html(client.get("/?q=energi&type=presentation&vis=moeder"))
        second = html(client.get("/?q=energi&type=presentation&vis=moeder&page=2"))
    finally:
        sample_app.config["PER_PAGE"] = per_page
    titles = [h.get_text(strip=True) for h in first.select(".meeting-group-title")]
    assert len(titles) == 2
    later = [h.get_text(strip=True) for h in second.select(".meeting-group-title")]
    assert later and not set(later) & set(titles)
    next_link = first.select_one("nav.pagination a[rel=next]")["href"]
    assert "vis=moeder" in next_link and "type=presentation" in next_link


def test_the_timeline_filters_by_topic_and_year(client):
    on_topic = api_json(client, "/api/search?topic=transport&per_page=100")["results"]
    held = {r["meeting"] for r in on_topic if r["meeting"]}
    page = html(client.get("/tidslinje?topic=transport"))
    shown = {a["href"].rsplit("/", 1)[1] for a in page.select(".timeline-title a")}
    assert shown == held and held
    assert "Transport" in page.select_one(".lead").get_text()
    assert page.select_one("#tidslinje-emne option[selected]")["value"] == "transport"

    meetings = api_json(client, "/api/meetings")
    year = int(meetings[0]["date"][:4])
    by_year = html(client.get(f"/tidslinje?aar={year}"))
    dates = [t["datetime"] for t in by_year.select(".timeline-date time")]
    assert dates and all(d.startswith(str(year)) for d in dates)
    assert len(dates) == sum(1 for m in meetings if (m["date"] or "").startswith(str(year)))


def test_the_timeline_says_plainly_when_nothing_fits_and_rejects_an_unknown_topic(client):
    meetings = api_json(client, "/api/meetings")
    years = {int(m["date"][:4]) for m in meetings if m["date"]}
    topic_years = {int(r["date"][:4]) for r in api_json(client, "/api/search?topic=affald&per_page=100")["results"] if r["date"]}
    empty_year = next((y for y in sorted(years) if y not in topic_years), None)
    if empty_year is not None:
        page = html(client.get(f"/tidslinje?topic=affald&aar={empty_year}"))
        assert "Ingen møder passer på valget" in page.get_text(" ")
    response = client.get("/tidslinje?topic=findes-ikke")
    assert response.status_code == 400
    assert "Emnet kan ikke bruges" in html(response).get_text(" ")
