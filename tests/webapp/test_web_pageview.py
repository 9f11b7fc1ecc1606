"""See the page: a PDF page rendered on the server, the query's words marked, cached in the data folder."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image
from web_helpers import api_json, html

from index.search import query_highlighter
from webapp import create_app
from webapp.pageview import PAGE_WIDTH, THUMB_WIDTH, cached_image, word_boxes


def pdf_hit(client, query="skybrudsplan"):
    return next(r for r in api_json(client, f"/api/search?q={query}")["results"] if r["page"] and r["path"].endswith(".pdf"))


def test_the_page_view_shows_the_page_with_the_query_words_marked(client):
    hit = pdf_hit(client)
    page = html(client.get(f"/dokument/{hit['id']}/side/{hit['page']}?q=skybrudsplan"))
    svg = page.select_one("svg.page-image")
    title = svg.find("title").get_text()
    assert title.startswith(f"Side {hit['page']} af »{hit['title']}«")
    assert svg["role"] == "img"
    assert svg.select("rect.page-mark"), "the word is marked on the page"
    with client.get(svg.find("image")["href"]) as image:
        assert image.status_code == 200 and image.content_type == "image/png"
        assert Image.open(io.BytesIO(image.data)).size[0] == 1000
    actions = {a.get_text(strip=True): a["href"] for a in page.select(".doc-actions a")}
    assert actions[f"Åbn originalen på side {hit['page']}"] == f"/fil/{hit['id']}#page={hit['page']}"
    assert "q=skybrudsplan" in actions["Tilbage til dokumentet"]


def test_a_page_without_the_words_says_so(client):
    hit = pdf_hit(client)
    page = html(client.get(f"/dokument/{hit['id']}/side/{hit['page']}?q=fjernvarme"))
    assert not page.select("rect.page-mark")
    assert "står ikke på denne side" in page.get_text(" ")


def test_images_are_cached_in_the_data_folder_by_checksum_and_page(built_index, tmp_path):
    data = tmp_path / "data"
    app = create_app({"TESTING": True, "CORPUS_DIR": built_index.corpus, "INDEX_DIR": built_index.index, "DATA_DIR": data})
    client = app.test_client()
    hit = pdf_hit(client)
    doc = api_json(client, f"/api/documents/{hit['id']}")
    url = f"/sidebillede/{hit['id']}/{hit['page']}-120.png"
    with client.get(url) as first:
        assert first.status_code == 200
        body = first.data
    cached = data / "sider" / doc["checksum"] / f"{hit['page']}-120.png"
    assert cached.is_file() and cached.read_bytes() == body
    stamp = cached.stat().st_mtime_ns
    with client.get(url) as again:
        assert again.data == body
    assert cached.stat().st_mtime_ns == stamp, "rendered once"
    assert not any(p.suffix == ".png" for p in built_index.index.rglob("*")), "nothing in the index"


def test_the_data_folder_may_not_lie_inside_the_index(built_index):
    with pytest.raises(ValueError, match="indeksmappen"):
        create_app({"CORPUS_DIR": built_index.corpus, "INDEX_DIR": built_index.index,
                    "DATA_DIR": built_index.index / "data"})


@pytest.mark.parametrize("url", ["/sidebillede/{id}/999-120.png", "/sidebillede/{id}/1-77.png",
                                 "/dokument/{id}/side/999", "/dokument/{pptx}/side/1"])
def test_pages_that_do_not_exist_are_404s_in_danish(client, url):
    hit = pdf_hit(client)
    pptx = next(r for r in api_json(client, "/api/search?q=skybrud")["results"] if r["path"].endswith(".pptx"))
    with client.get(url.format(id=hit["id"], pptx=pptx["id"])) as response:
        assert response.status_code == 404


def test_results_show_a_thumbnail_and_the_document_offers_the_page_view(client):
    hit = pdf_hit(client)
    page = html(client.get("/?q=skybrudsplan"))
    thumbs = [img["src"] for img in page.select(".result-thumb")]
    assert f"/sidebillede/{hit['id']}/{hit['page']}-120.png" in thumbs
    doc = html(client.get(f"/dokument/{hit['id']}?q=skybrudsplan&side={hit['page']}"))
    view = doc.find("a", string="Se siden som billede")
    assert view["href"] == f"/dokument/{hit['id']}/side/{hit['page']}?q=skybrudsplan"


def test_pages_render_safely_from_many_threads_at_once(built_index, tmp_path):
    """PDFium is not thread-safe; the threaded servers render pages side by side."""
    pdfs = sorted(built_index.corpus.rglob("*.pdf"))[:4]
    pattern = query_highlighter("klima").pattern
    jobs = [(pdf, n, width) for pdf in pdfs for n in (1, 2) for width in (PAGE_WIDTH, THUMB_WIDTH)]

    def render(job):
        pdf, number, width = job
        image = cached_image(pdf, "ab" * 32, number, width, tmp_path / f"{pdf.stem}-{number}-{width}")
        word_boxes(pdf, number, pattern)
        return image.stat().st_size

    with ThreadPoolExecutor(max_workers=6) as pool:
        sizes = list(pool.map(render, jobs * 2))
    assert all(size > 500 for size in sizes)
