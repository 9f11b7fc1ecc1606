"""A deck's own first-slide thumbnail on its document page (issue 14: the slide view shows the
deck's embedded thumbnail where it has one); python-pptx's generic template picture is none."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from web_corpus import _pptx
from web_helpers import html

from reindex import reindex
from webapp import create_app
from webapp.deck_thumbnail import THUMBNAIL_PART, deck_thumbnail

REPO_CORPUS = __import__("pathlib").Path(__file__).resolve().parents[2] / "corpus"


def jpeg_bytes(colour=(20, 110, 60)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def with_thumbnail(path, data: bytes) -> None:
    """The deck as PowerPoint saves it: its first slide drawn small into docProps/thumbnail.jpeg."""
    original = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, data if item.filename == THUMBNAIL_PART else source.read(item))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("thumbnails")
    corpus = root / "corpus"
    meeting = corpus / "2024-05-02-fjernvarme"
    meeting.mkdir(parents=True)
    for name in ("taxonomy.toml", "entities.toml"):
        shutil.copy(REPO_CORPUS / name, corpus / name)
    _pptx(meeting / "egen-miniature.pptx", [("Fjernvarme i Vejle", "Varmepumper og overskudsvarme")])
    with_thumbnail(meeting / "egen-miniature.pptx", jpeg_bytes())
    _pptx(meeting / "skabelon.pptx", [("Fjernvarme i Kolding", "Varmeplan og fjernvarme")])
    reindex(corpus, root / "index", full=True, workers=1)
    app = create_app({"TESTING": True, "CORPUS_DIR": corpus, "INDEX_DIR": root / "index", "DATA_DIR": root / "data"})
    client = app.test_client()
    ids = {r["path"].rsplit("/", 1)[-1]: r["id"] for r in client.get("/api/search?q=fjernvarme").get_json()["results"]}
    return client, ids


def test_a_deck_with_its_own_thumbnail_shows_it_on_its_document_page(site):
    client, ids = site
    page = html(client.get(f"/dokument/{ids['egen-miniature.pptx']}"))
    image = page.select_one("img.deck-thumbnail")
    assert image is not None and "første dias" in image["alt"]
    response = client.get(image["src"])
    assert response.status_code == 200 and response.content_type == "image/jpeg"
    assert response.data == jpeg_bytes()


def test_the_template_picture_of_python_pptx_is_no_thumbnail(site):
    client, ids = site
    page = html(client.get(f"/dokument/{ids['skabelon.pptx']}"))
    assert page.select_one("img.deck-thumbnail") is None
    assert client.get(f"/dokument/{ids['skabelon.pptx']}/miniature.jpg").status_code == 404


def test_a_file_that_is_no_deck_has_no_thumbnail(tmp_path):
    broken = tmp_path / "x.pptx"
    broken.write_bytes(b"not a zip")
    assert deck_thumbnail(broken) is None
