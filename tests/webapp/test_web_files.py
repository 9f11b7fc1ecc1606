"""/fil/<id> serves an indexed document's original file from the corpus, and nothing else."""

from __future__ import annotations

import shutil

import pytest
from web_corpus import make_app
from web_helpers import api_json, html

from ingest.document import document_id
from klimaviden.config import Settings
from webapp.security import PDF_FILE_POLICY, SANDBOXED_FILE_POLICY


def results_by_suffix(client) -> dict[str, dict]:
    results = api_json(client, "/api/search?per_page=100")["results"]
    return {r["path"].rsplit(".", 1)[1]: r for r in results}


@pytest.mark.parametrize(
    "suffix, mimetype, inline",
    [
        ("pdf", "application/pdf", True),
        ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", False),
        ("html", "text/html", True),
        ("txt", "text/plain", True),
    ],
)
def test_the_original_file_is_served_byte_for_byte_with_its_type(hostile_client, hostile_index, suffix, mimetype, inline):
    result = results_by_suffix(hostile_client)[suffix]
    response = hostile_client.get(f"/fil/{result['id']}", buffered=True)
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.data == (hostile_index.corpus / result["path"]).read_bytes()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline" if inline else "attachment")
    assert result["path"].rsplit("/", 1)[1] in disposition


def test_original_web_pages_and_text_run_in_a_sandbox(hostile_client):
    for suffix in ("html", "txt"):
        result = results_by_suffix(hostile_client)[suffix]
        response = hostile_client.get(f"/fil/{result['id']}", buffered=True)
        assert response.headers["Content-Security-Policy"] == SANDBOXED_FILE_POLICY
        assert "sandbox" in response.headers["Content-Security-Policy"]


def test_the_sample_pdf_is_served(client, built_index):
    result = next(r for r in api_json(client, "/api/search?q=skybrud")["results"] if r["path"].endswith(".pdf"))
    response = client.get(f"/fil/{result['id']}", buffered=True)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


@pytest.mark.parametrize(
    "url",
    [
        "/fil/0000000000000000",
        "/fil/..",
        "/fil/...",
        "/fil/../../etc/passwd",
        "/fil/..%2F..%2Fetc%2Fpasswd",
        "/fil/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/fil/%252e%252e%252fetc%252fpasswd",
        "/fil/2024-03-14-sikkerhed%2Fangreb.html",
        "/fil/angreb.html",
        "/fil/%00",
        "/fil/" + "a" * 5000,
        "/fil/taxonomy.toml",
    ],
)
def test_ids_that_look_like_paths_find_nothing(hostile_client, url):
    response = hostile_client.get(url)
    assert response.status_code == 404
    assert b"root:" not in response.data and b"slug" not in response.data


def test_a_symlink_out_of_the_corpus_is_not_served(hostile_client, hostile_index):
    link = hostile_index.corpus / "noter" / "genvej.txt"
    if not link.is_symlink():
        pytest.skip("this file system cannot make symlinks")
    response = hostile_client.get(f"/fil/{document_id('noter/genvej.txt')}")
    assert response.status_code == 404
    assert b"hemmelig" not in response.data


def copied_client(settings: Settings, tmp_path):
    """A client over a copy of an index and its corpus, for tests that change files after indexing."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(settings.corpus, corpus, symlinks=True)
    shutil.copytree(settings.index, index_dir)
    return make_app(Settings(corpus=corpus, index=index_dir)).test_client(), corpus


def test_a_file_deleted_since_indexing_is_404_not_500(hostile_index, tmp_path):
    client, corpus = copied_client(hostile_index, tmp_path)
    result = results_by_suffix(client)["pdf"]
    (corpus / result["path"]).unlink()
    response = client.get(f"/fil/{result['id']}", buffered=True)
    assert response.status_code == 404
    assert "findes ikke" in html(response).get_text()


def test_a_pdf_may_open_in_the_browsers_viewer_but_run_no_script(hostile_client):
    result = results_by_suffix(hostile_client)["pdf"]
    response = hostile_client.get(f"/fil/{result['id']}", buffered=True)
    assert response.headers["Content-Security-Policy"] == PDF_FILE_POLICY
    assert "object-src 'self'" in PDF_FILE_POLICY and "script-src 'none'" in PDF_FILE_POLICY


def test_the_favicon_is_served_where_browsers_look_for_it(hostile_client):
    response = hostile_client.get("/favicon.ico", buffered=True)
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml" and b"<svg" in response.data


def sample_result(client, path: str) -> dict:
    results = api_json(client, "/api/search?per_page=100")["results"]
    return next(r for r in results if r["path"] == path)


CP1252_TXT = "2021-09-02-klimafolkemoedet-middelfart/invitation.txt"
UTF16_TXT = "2021-01-28-baeredygtigt-byggeri/invitation.txt"


@pytest.mark.parametrize(
    "path, encoding, words",
    [(CP1252_TXT, "cp1252", "Klimafolkemødet i Middelfart"), (UTF16_TXT, "utf-16", "bæredygtigt byggeri")],
)
def test_a_text_original_in_a_windows_encoding_is_served_as_utf8_and_says_so(client, built_index, path, encoding, words):
    original = (built_index.corpus / path).read_bytes()
    response = client.get(f"/fil/{sample_result(client, path)['id']}", buffered=True)
    assert response.status_code == 200
    assert response.content_type == "text/plain; charset=utf-8"
    assert response.data.decode("utf-8") == original.decode(encoding).lstrip("\ufeff")
    assert words in response.data.decode("utf-8")
    assert "\ufffd" not in response.data.decode("utf-8")
    assert response.headers["Content-Security-Policy"] == SANDBOXED_FILE_POLICY


def test_a_transcoded_original_still_answers_conditional_requests(client):
    url = f"/fil/{sample_result(client, CP1252_TXT)['id']}"
    first = client.get(url, buffered=True)
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_legacy_encoded_web_page_is_served_in_the_charset_the_header_names(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    (corpus / "noter").mkdir(parents=True)
    page = ('<html><head><meta charset="windows-1252"><title>Grøn omstilling</title></head>'
            "<body><h1>Grøn omstilling i Århus</h1><p>Kølerum og varmepumper på skolerne.</p></body></html>")
    (corpus / "noter" / "gammel-side.html").write_bytes(page.encode("cp1252"))
    from reindex import reindex

    reindex(corpus, index_dir, full=True, workers=1)
    client = make_app(Settings(corpus=corpus, index=index_dir)).test_client()
    response = client.get(f"/fil/{document_id('noter/gammel-side.html')}", buffered=True)
    assert response.content_type == "text/html; charset=utf-8"
    assert "Grøn omstilling i Århus" in response.data.decode("utf-8")
    assert response.headers["Content-Security-Policy"] == SANDBOXED_FILE_POLICY


def test_a_text_file_that_turned_binary_since_indexing_is_only_downloaded(hostile_index, tmp_path):
    client, corpus = copied_client(hostile_index, tmp_path)
    result = results_by_suffix(client)["txt"]
    (corpus / result["path"]).write_bytes(bytes(range(256)) * 8)
    response = client.get(f"/fil/{result['id']}", buffered=True)
    assert response.status_code == 200
    assert response.mimetype == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment")
