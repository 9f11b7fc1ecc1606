"""Hostile text in titles, bodies, metadata and queries is shown as text everywhere (pages,
snippets, Atom, CSV), /fil/<id> serves nothing outside the corpus, and every response carries the
security headers."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from reliability_helpers import copy_taxonomy, write_files

from reindex import reindex

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
FORMULA = "=cmd|' /C calc'!A0"
SECRET = "hemmeligt-kodeord-fiskekutter"
MEETING = "2024-01-01-angreb"


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """An index over documents whose titles, text and metadata carry HTML, script and formulas."""
    root = tmp_path_factory.mktemp("injection")
    corpus = root / "corpus"
    corpus.mkdir()
    copy_taxonomy(corpus)
    write_files(corpus, {
        f"{MEETING}/meeting.toml": (
            f"title = {toml_string(SCRIPT + ' Møde om skybrud')}\ndate = 2024-01-01\n"
            f"place = {toml_string(IMG)}\nthemes = [{toml_string(SCRIPT + 'Tema')}]\n"
            f"organizations = [{toml_string(IMG + 'Org')}]\n"
        ),
        f"{MEETING}/angreb.txt": (
            f"{SCRIPT} Notat om skybrud\n\nSkybrud {IMG} og {SCRIPT} regnvand i byen. {FORMULA}\n"
        ),
        f"{MEETING}/formel.md": "# Regneark\n\nSkybrud og regnvand i regnearket.\n",
        f"{MEETING}/formel.md.meta.toml": (
            f"title = {toml_string(FORMULA)}\norganizations = [{toml_string('@SUM(1+1)*cmd')}]\n"
            f"themes = [{toml_string('+tema')}]\n"
        ),
        "noter/side.html": (
            "<html><head><title>Side</title></head><body><article><h1>Skybrud &lt;script&gt;alert(3)"
            "&lt;/script&gt; på siden</h1><p>Regnvand &quot;&gt;&lt;img src=x onerror=alert(4)&gt; "
            "i teksten.</p><script>alert(5)</script></article></body></html>"
        ),
        "noter/bliver-link.txt": "Notat om skybrud der senere bliver et link\n\nRegnvand.\n",
        "noter/genvej-inde.txt": "Notat om skybrud i korpus\n\nRegnvand og genveje.\n",
    })
    report = reindex(corpus, root / "index", full=True, workers=1)
    assert report.as_dict()["failed"] == []
    # After indexing, one file is swapped for a link out of the corpus.
    secret = root / "hemmelig.txt"
    secret.write_text(f"Hemmelig fil: {SECRET}\n", encoding="utf-8")
    (corpus / "noter" / "bliver-link.txt").unlink()
    (corpus / "noter" / "bliver-link.txt").symlink_to(secret)

    from webapp import create_app

    app = create_app({"TESTING": True, "CORPUS_DIR": corpus, "INDEX_DIR": root / "index"})
    return app.test_client()


def fetch(client, url, **kwargs):
    """GET, with the body read and the response closed (a served file is closed at once)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


def ids(client) -> dict[str, str]:
    results = fetch(client, "/api/search", query_string={"per_page": "100"}).get_json()["results"]
    return {r["path"]: r["id"] for r in results}


def assert_inert_html(markup: str, where: str, allowed=None) -> None:
    """No element or attribute that a browser would run, and no tag the text smuggled in."""
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.find("script") is None or all(
        s.get("src") and not s.string for s in soup.find_all("script")
    ), f"{where}: a script element"
    for tag in soup.find_all(True):
        assert not any(a.lower().startswith("on") for a in tag.attrs), f"{where}: {tag} has an event handler"
        assert not (tag.name == "img" and tag.get("src") == "x"), f"{where}: an injected image"
        if allowed is not None:
            assert tag.name in allowed, f"{where}: unexpected <{tag.name}>"


def html_pages(client) -> list[str]:
    doc_ids = ids(client)
    pages = [
        "/", "/?q=skybrud", "/?q=regnvand&sort=date", "/tidslinje", "/emner", "/hjaelp",
        f"/moede/{MEETING}", "/?q=" + quote(SCRIPT), "/?q=" + quote(IMG), "/?q=" + quote(FORMULA),
        "/?org=" + quote(IMG + "Org"), "/?q=skybrud&from=" + quote(IMG), "/?topic=" + quote(SCRIPT),
        "/findes-ikke/" + quote(SCRIPT),
    ]
    pages += [f"/dokument/{doc_id}" for doc_id in doc_ids.values()]
    return pages


def test_hostile_text_is_escaped_on_every_page(hostile):
    for url in html_pages(hostile):
        response = fetch(hostile, url)
        assert response.status_code in (200, 400, 404), url
        text = response.get_data(as_text=True)
        assert_inert_html(text, url)
        assert "<script>alert" not in text and "<img src=x" not in text, url
    page = fetch(hostile, "/?q=skybrud").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Notat om skybrud" in page


def test_snippets_are_escaped_text_with_only_marks(hostile):
    for q in ("skybrud", "regnvand", "img", "script alert", "onerror"):
        for result in fetch(hostile, "/api/search", query_string={"q": q}).get_json()["results"]:
            assert_inert_html(result["snippet"] or "", f"snippet for {q}", allowed={"mark"})
            assert "<script" not in (result["snippet"] or "")


def test_the_atom_feed_escapes_titles_and_summaries(hostile):
    response = fetch(hostile, "/feed.atom", query_string={"q": "skybrud"})
    assert response.status_code == 200
    feed = ET.fromstring(response.get_data())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert entries
    titles = [e.findtext("a:title", namespaces=ns) for e in entries]
    assert any(SCRIPT in t for t in titles), "the title should arrive as text, escaped once in XML"
    for entry in entries:
        summary = entry.find("a:summary", ns)
        if summary is not None:
            assert summary.get("type") == "html"
            assert_inert_html(summary.text or "", "feed summary", allowed={"mark"})
    assert "<script>" not in response.get_data(as_text=True)


def test_csv_cells_cannot_run_as_formulas(hostile):
    for query in ({"q": "skybrud"}, {}):
        response = fetch(hostile, "/export.csv", query_string=query)
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        assert len(rows) > 1
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        cells = [cell for row in rows for cell in row]
        assert "'" + FORMULA in cells
        assert any(cell.startswith("'@SUM") for cell in cells)


@pytest.mark.parametrize(
    "path",
    [
        "/fil/..%2f..%2f..%2fetc%2fpasswd",
        "/fil/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/fil/%252e%252e%252fetc%252fpasswd",
        "/fil/..",
        "/fil/.%2e",
        "/fil/....%2f%2f....%2f%2fetc%2fpasswd",
        "/fil/%2fetc%2fpasswd",
        "/fil/etc/passwd",
        "/fil/noter%2fside.html",
        "/fil/noter/side.html",
        "/fil/" + quote("/etc/passwd", safe=""),
        "/fil/%00",
        "/fil/%5c..%5c..%5cetc%5cpasswd",
        "/fil/" + "a" * 5000,
    ],
)
def test_file_urls_that_look_like_paths_serve_nothing(hostile, path):
    response = fetch(hostile, path)
    assert response.status_code in (400, 404), (path, response.status_code)
    body = response.get_data()
    assert b"root:" not in body and SECRET.encode() not in body


def test_an_indexed_file_replaced_by_a_link_out_of_the_corpus_is_not_served(hostile):
    doc_ids = ids(hostile)
    response = fetch(hostile, f"/fil/{doc_ids['noter/bliver-link.txt']}")
    assert response.status_code == 404
    assert SECRET.encode() not in response.get_data()
    inside = fetch(hostile, f"/fil/{doc_ids['noter/genvej-inde.txt']}")
    assert inside.status_code == 200 and b"Regnvand og genveje" in inside.get_data()
    assert "sandbox" in inside.headers["Content-Security-Policy"]


def test_every_response_carries_the_security_headers(hostile):
    doc_ids = ids(hostile)
    urls = html_pages(hostile) + [
        "/api/search?q=skybrud", "/api/search?page=0", "/api/topics", "/api/meetings", "/healthz",
        "/feed.atom", "/export.csv", "/static/style.css", "/api/documents/findes-ikke",
        f"/fil/{doc_ids['noter/side.html']}", f"/fil/{doc_ids['noter/genvej-inde.txt']}", "/fil/..%2f",
    ]
    for url in urls:
        response = fetch(hostile, url)
        headers = response.headers
        policy = headers.get("Content-Security-Policy", "")
        assert policy, url
        assert "frame-ancestors 'none'" in policy, url
        script_src = re.search(r"script-src ([^;]*)", policy)
        scripts = script_src.group(1) if script_src else re.search(r"default-src ([^;]*)", policy).group(1)
        assert "unsafe-inline" not in scripts and "unsafe-eval" not in scripts, url
        assert headers.get("X-Content-Type-Options") == "nosniff", url
        assert headers.get("Referrer-Policy") in ("same-origin", "no-referrer", "strict-origin-when-cross-origin"), url
    post = hostile.post("/api/search")
    assert post.status_code == 405 and post.headers.get("X-Content-Type-Options") == "nosniff"


def test_a_served_html_original_cannot_run_its_scripts(hostile):
    response = fetch(hostile, f"/fil/{ids(hostile)['noter/side.html']}")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert policy.startswith("sandbox") and "script-src" not in policy and "default-src 'none'" in policy
