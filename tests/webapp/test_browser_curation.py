"""A coordinator's path in a real headless Chromium: sign in, add a meeting's material, find it,
correct it, remove and restore it, sign out; and axe-core on every curation page at two widths."""

from __future__ import annotations

import json
import threading

import pytest
from curation_helpers import PASSWORD, make_curation_app, write_small_corpus
from test_browser import AXE, DESKTOP, PHONE, axe_violations, browser, open_page  # noqa: F401 (fixtures)
from web_corpus import _pdf, _pptx

from ingest.document import document_id
from reindex import reindex

pytestmark = pytest.mark.browser
PRESENTER = "Mette Holm; klimakoordinator; Kolding Kommune"


@pytest.fixture(scope="module")
def curation_site(tmp_path_factory):
    from werkzeug.serving import make_server

    root = tmp_path_factory.mktemp("browser-curation")
    corpus = write_small_corpus(root)
    reindex(corpus, root / "index", full=True, workers=1)
    files = root / "uploads"
    files.mkdir()
    _pdf(files / "Plan for fjernkøling.pdf", ["Fjernkøling med overskudsvarme fra datacentre i Kolding."])
    _pptx(files / "Oplæg om fjernkøling.pptx", [("Fjernkøling i praksis", "Køling fra havvand og varmepumper")])
    server = make_server("127.0.0.1", 0, make_curation_app(root, corpus, root / "index"), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "files": files, "corpus": corpus}
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def sign_in(page, url, name="anne"):
    page.goto(url + "/log-ind")
    page.fill("#brugernavn", name)
    page.fill("#adgangskode", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/")


def wait_until_searchable(page):
    page.wait_for_selector("text=Færdig: materialet er søgbart.", timeout=120_000)


def test_a_coordinator_adds_finds_corrects_removes_and_restores_material(open_page, curation_site):
    url, files = curation_site["url"], curation_site["files"]
    page = open_page(DESKTOP)
    sign_in(page, url)

    page.click("text=Tilføj materiale")
    page.select_option("#moede", "nyt")
    page.fill("#meeting_title", "Grøn varme og fjernkøling")
    page.fill("#meeting_date", "2025-09-03")
    page.fill("#meeting_place", "Kolding")
    page.fill("#meeting_themes", "Varmeforsyning")
    page.set_input_files("#filer", str(files / "Plan for fjernkøling.pdf"))
    page.click("text=Gem og læg i søgningen")
    wait_until_searchable(page)
    pdf_title = page.locator(".record h3").first.inner_text().strip()
    assert pdf_title

    page.click("text=Tilføj mere materiale")
    page.select_option("#moede", "2025-09-03-groen-varme-og-fjernkoeling")
    page.set_input_files("#filer", str(files / "Oplæg om fjernkøling.pptx"))
    page.fill("#title", "Fjernkøling i praksis – oplæg")
    page.select_option("#type", "presentation")
    page.fill("#presenters", PRESENTER)
    page.click("text=Gem og læg i søgningen")
    wait_until_searchable(page)
    assert "Fjernkøling i praksis – oplæg" in page.inner_text("main")

    page.goto(url + "/?q=fjernkøling")
    results = page.inner_text("main")
    assert "2 dokumenter" in results
    assert "Fjernkøling i praksis – oplæg" in results and pdf_title in results
    assert PRESENTER.split(";")[0] in results  # the presenter set on upload shows on the result

    page.click("text=Fjernkøling i praksis – oplæg")
    page.click("text=Ret oplysninger")
    page.fill("#title", "Fjernkøling i praksis – rettet titel")
    page.click("button:has-text('Gem')")
    wait_until_searchable(page)
    page.goto(url + "/?q=fjernkøling")
    assert "Fjernkøling i praksis – rettet titel" in page.inner_text("main")

    page.click("text=Fjernkøling i praksis – rettet titel")
    page.click("text=Ret oplysninger")
    page.click("button:has-text('Fjern fra søgningen')")
    page.wait_for_selector("text=Filen er fjernet fra søgningen")
    assert "oplæg" in page.inner_text("main").lower() or "Oplæg" in page.inner_text("main")
    page.click("button:has-text('Gendan')")
    wait_until_searchable(page)
    page.goto(url + "/?q=fjernkøling")
    assert "Fjernkøling i praksis – rettet titel" in page.inner_text("main")

    page.click("button:has-text('Log ud')")
    page.wait_for_url(url + "/log-ind")
    page.goto(url + "/tilfoej")
    assert page.url.startswith(url + "/log-ind")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_accessibility_violations_on_the_curation_pages(open_page, curation_site, viewport):
    if not AXE.exists():
        pytest.skip("axe-core is missing: run `npm install` (or `make browser`)")
    url = curation_site["url"]
    page = open_page(viewport)
    page.goto(url + "/log-ind")
    found = {"/log-ind": axe_violations(page)}
    sign_in(page, url, "bo")
    doc_id = document_id("2024-02-01-varme/referat.txt")
    for path in ("/tilfoej", f"/dokument/{doc_id}/ret", "/moede/2024-02-01-varme/ret", "/papirkurv",
                 "/logbog", "/konto", f"/dokument/{doc_id}"):
        page.goto(url + path)
        found[path] = axe_violations(page)
    page.goto(url + "/tilfoej")
    page.set_input_files("#filer", str(curation_site["files"] / "Plan for fjernkøling.pdf"))
    page.select_option("#moede", "2024-02-01-varme")
    page.click("text=Gem og læg i søgningen")
    found["job page"] = axe_violations(page)
    wait_until_searchable(page)
    found["job page, finished"] = axe_violations(page)
    found = {path: v for path, v in found.items() if v}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_files_dropped_on_the_file_box_join_the_upload(open_page, curation_site):
    url = curation_site["url"]
    page = open_page(DESKTOP)
    sign_in(page, url)
    page.goto(url + "/tilfoej")
    assert page.is_visible("text=… eller træk filerne herind.")
    transfer = page.evaluate_handle("""() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(["Referat om varmeplaner"], "referat fra mødet.txt", {type: "text/plain"}));
        return transfer;
    }""")
    page.dispatch_event("[data-drop-zone]", "drop", {"dataTransfer": transfer})
    assert page.evaluate("() => document.querySelector('#filer').files.length") == 1
    assert page.inner_text(".chosen-files") == "referat fra mødet.txt"
