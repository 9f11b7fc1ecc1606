"""A search as an Atom feed (newest first) and as CSV for Excel (BOM, pages, dates, no formulas)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from web_corpus import FORMULA_TITLE, SCRIPT_TITLE
from web_helpers import api_json

from ingest.errors import ConfigError
from webapp import create_app
from webapp.export import safe_cell

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_of(response) -> ET.Element:
    assert response.status_code == 200
    assert response.content_type.startswith("application/atom+xml")
    return ET.fromstring(response.data)


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response.content_type.startswith("text/csv")
    assert response.data.startswith("\ufeff".encode("utf-8")), "a BOM so Excel reads UTF-8"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_feed_lists_a_search_newest_first(client):
    feed = feed_of(client.get("/feed.atom?q=energi"))
    assert feed.find(f"{ATOM}title").text == "Klimaviden: energi"
    entries = feed.findall(f"{ATOM}entry")
    expected = api_json(client, "/api/search?q=energi&sort=date&per_page=50")["results"]
    assert [e.find(f"{ATOM}title").text for e in entries] == [r["title"] for r in expected]
    stamps = [e.find(f"{ATOM}updated").text for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == f"/dokument/{expected[0]['id']}"
    assert first.find(f"{ATOM}id").text.startswith("urn:uuid:")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "/feed.atom?q=energi"
    assert feed.find(f"{ATOM}updated").text.endswith("Z")


def test_the_feed_follows_a_topic_and_names_categories_in_danish(client):
    feed = feed_of(client.get("/feed.atom?topic=klimatilpasning"))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == api_json(client, "/api/search?topic=klimatilpasning")["total"]
    for entry in entries:
        labels = [c.get("label") for c in entry.findall(f"{ATOM}category")]
        assert "Klimatilpasning" in labels


def test_the_feed_rejects_bad_parameters_in_the_one_error_shape(client):
    response = client.get("/feed.atom?from=igår")
    assert response.status_code == 400
    assert response.get_json()["status"] == 400


def test_the_csv_has_every_result_with_danish_headings_pages_and_dates(client):
    expected = api_json(client, "/api/search?q=skybrud&per_page=100")["results"]
    rows = csv_rows(client.get("/export.csv?q=skybrud"))
    assert list(rows[0]) == ["Titel", "Type", "Dato", "Mødedato", "Udgivet", "Side/dias", "Temaer", "Emner",
                             "Organisationer", "Uddrag", "Fil", "Link", "Oplægsholdere"]
    assert [r["Titel"] for r in rows] == [r["title"] for r in expected]
    for row, result in zip(rows, expected):
        assert row["Dato"] == (result["date"] or "")
        assert row["Mødedato"] == (result["meeting_date"] or "")
        assert row["Fil"] == result["path"]
        assert row["Link"] == f"/dokument/{result['id']}"
        assert "<mark>" not in row["Uddrag"]
        if result["page"]:
            assert row["Side/dias"].endswith(str(result["page"]))
    assert any(r["Side/dias"].startswith("Side ") for r in rows)
    assert any(r["Side/dias"].startswith("Dias ") for r in rows)


def test_the_csv_exports_all_matches_not_just_one_page(client):
    total = api_json(client, "/api/search")["total"]
    assert total > 10
    assert len(csv_rows(client.get("/export.csv?page=2&per_page=5"))) == total


def test_spreadsheet_formulas_are_neutralised():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "=cmd|' /C calc'!A0"):
        assert safe_cell(text) == "'" + text
    for text in ("Energi", "2021-04-29", "", None, 3):
        assert safe_cell(text) == ("" if text is None else str(text))


def test_a_hostile_title_is_plain_text_in_the_csv(hostile_client):
    rows = csv_rows(hostile_client.get("/export.csv?q=skybrud"))
    titles = [r["Titel"] for r in rows]
    assert "'" + FORMULA_TITLE in titles
    assert not any(t.startswith(("=", "+", "-", "@")) for r in rows for t in r.values())


def test_a_hostile_title_is_escaped_in_the_feed(hostile_client):
    response = hostile_client.get("/feed.atom?q=skybrud")
    assert b"<script>" not in response.data
    feed = feed_of(response)
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert SCRIPT_TITLE in titles  # the text survives, as text
    for summary in feed.iter(f"{ATOM}summary"):
        assert summary.get("type") == "html"
        assert "<img" not in summary.text  # the snippet's markup is escaped HTML inside the XML text


EVIL_HOST = {"Host": "evil.example"}


def test_feed_and_csv_links_never_come_from_the_host_header(client):
    feed = client.get("/feed.atom?q=energi", headers=EVIL_HOST)
    export = client.get("/export.csv?q=energi", headers=EVIL_HOST)
    for response in (feed, export):
        assert response.status_code == 200
        assert b"evil.example" not in response.data
    ids = [e.find(f"{ATOM}id").text for e in feed_of(feed).findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids) and ids == [
        e.find(f"{ATOM}id").text for e in feed_of(client.get("/feed.atom?q=energi")).findall(f"{ATOM}entry")
    ], "entry ids are unique and stable without a base URL"


def test_with_a_base_url_feed_and_csv_links_are_absolute_on_it(built_index):
    app = create_app({"TESTING": True, "CORPUS_DIR": built_index.corpus, "INDEX_DIR": built_index.index,
                      "BASE_URL": "https://klimaviden.example.dk/"})
    client = app.test_client()
    feed = feed_of(client.get("/feed.atom?q=energi", headers=EVIL_HOST))
    first = feed.find(f"{ATOM}entry")
    href = first.find(f"{ATOM}link").get("href")
    assert href.startswith("https://klimaviden.example.dk/dokument/") and first.find(f"{ATOM}id").text == href
    assert feed.find(f"{ATOM}id").text == "https://klimaviden.example.dk/feed.atom?q=energi"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "https://klimaviden.example.dk/?q=energi"
    rows = csv_rows(client.get("/export.csv?q=energi", headers=EVIL_HOST))
    assert rows and all(r["Link"].startswith("https://klimaviden.example.dk/dokument/") for r in rows)


def test_the_base_url_comes_from_the_environment(built_index, monkeypatch):
    monkeypatch.setenv("KLIMAVIDEN_BASE_URL", "https://viden.example.dk")
    app = create_app({"TESTING": True, "CORPUS_DIR": built_index.corpus, "INDEX_DIR": built_index.index})
    rows = csv_rows(app.test_client().get("/export.csv?q=energi"))
    assert rows[0]["Link"].startswith("https://viden.example.dk/dokument/")


@pytest.mark.parametrize("value", ["viden.example.dk", "ftp://viden.example.dk", "https://viden.example.dk/?x=1"])
def test_a_base_url_that_is_no_web_address_is_refused_at_start(built_index, value):
    with pytest.raises(ConfigError, match="base URL must be an http"):
        create_app({"CORPUS_DIR": built_index.corpus, "INDEX_DIR": built_index.index, "BASE_URL": value})


def test_the_csv_names_the_presenters(client):
    rows = csv_rows(client.get("/export.csv?q=&type=case"))
    names = {row["Fil"]: row["Oplægsholdere"] for row in rows}
    assert names.get("2021-04-29-erhvervspartnerskaber/kalundborg-forsyning-case.pptx") == "Lone Vestergaard Holm"


def excel_csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.data.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[list[str]]:
    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="klimaviden-soegning.xlsx"' in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data), read_only=True).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_the_excel_csv_and_the_workbook_hold_the_same_rows_as_the_api(client):
    expected = api_json(client, "/api/search?q=skybrud&type=presentation&per_page=100")["results"]
    comma = [list(row.values()) for row in csv_rows(client.get("/export.csv?q=skybrud&type=presentation"))]
    semicolon = excel_csv_rows(client.get("/export.csv?q=skybrud&type=presentation&excel=1"))
    workbook = xlsx_rows(client.get("/export.xlsx?q=skybrud&type=presentation"))
    assert semicolon[0] == workbook[0] == ["Titel", "Type", "Dato", "Mødedato", "Udgivet", "Side/dias",
                                           "Temaer", "Emner", "Organisationer", "Uddrag", "Fil", "Link",
                                           "Oplægsholdere"]
    assert semicolon[1:] == workbook[1:] == comma
    assert [row[0] for row in workbook[1:]] == [r["title"] for r in expected]
    assert [row[10] for row in workbook[1:]] == [r["path"] for r in expected]
    assert len(expected) >= 2


def test_the_excel_csv_opens_in_columns_where_a_comma_is_the_decimal_sign(client):
    first_line = client.get("/export.csv?q=skybrud&excel=1").data.decode("utf-8-sig").splitlines()[0]
    assert first_line.split(";")[:3] == ["Titel", "Type", "Dato"]


def test_formulas_are_neutralised_in_every_export(hostile_client):
    workbook = xlsx_rows(hostile_client.get("/export.xlsx?q=skybrud"))
    semicolon = excel_csv_rows(hostile_client.get("/export.csv?q=skybrud&excel=1"))
    for rows in (workbook, semicolon):
        assert "'" + FORMULA_TITLE in [row[0] for row in rows]
        assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_a_bad_export_parameter_is_a_json_error(client):
    response = client.get("/export.xlsx?from=igår")
    assert response.status_code == 400
    assert response.get_json()["ok"] is False
