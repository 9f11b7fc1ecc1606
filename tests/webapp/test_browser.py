"""The web app in a real headless Chromium: a user's path through it, screenshots, and axe-core.

Needs Debian's `chromium` and axe-core in node_modules (`make browser` fetches both); the tests
skip with the reason when either is missing.
"""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from web_corpus import REPO, make_app

from ingest.document import document_id

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
README_SCREENSHOT = REPO / "docs" / "screenshot-search.png"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def live_url(built_index):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, make_app(built_index), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium, or `make browser`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Opens pages in fresh Danish contexts and checks nothing was blocked or failed on them."""
    contexts = []
    problems: list[str] = []

    def opener(viewport=DESKTOP, javascript=True):
        context = browser.new_context(viewport=viewport, locale="da-DK", java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if _is_problem(m) else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if _failed(r) else None)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not problems, problems


def _is_problem(message) -> bool:
    # A page that is meant to be a 404 logs "Failed to load resource"; responses are checked below.
    return message.type in ("error", "warning") and not message.text.startswith("Failed to load resource")


def _failed(response) -> bool:
    """A server error anywhere, or a stylesheet/image/font the page needs that did not load."""
    return response.status >= 500 or (response.status >= 400 and response.request.resource_type != "document")


def axe_violations(page) -> list[dict]:
    """Runs axe-core on the open page; returns the serious and critical WCAG 2.1 A/AA violations.

    The page's CSP forbids injected <script> elements, so the source is evaluated through the
    DevTools protocol instead of `add_script_tag`.
    """
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
        })"""
    )
    assert results["passes"], "axe-core ran its checks"
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_user_searches_filters_pages_and_opens_a_document_and_its_meeting(open_page, live_url):
    page = open_page(javascript=False)  # the whole path works without JavaScript
    page.goto(live_url + "/")
    assert page.evaluate("document.activeElement.id") == "q", "the search box has focus"
    page.keyboard.type("partnerskab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=partnerskab")
    total = page.locator(".results-count").inner_text()
    assert total.endswith("dokumenter")
    assert page.locator(".results .snippet mark").count() > 0

    facet = page.locator('section.facet[aria-labelledby="facet-type"] a.facet-link').first
    facet_count = facet.locator(".facet-count").inner_text().split()[0]
    facet.click()
    page.wait_for_url("**type=**")
    assert page.locator(".results-count").inner_text().startswith(facet_count)
    chip = page.locator(".chips a.chip")
    assert chip.count() == 1

    chip.click()
    page.wait_for_url("**/?q=partnerskab")
    assert page.locator(".chips").count() == 0
    assert page.locator(".results-count").inner_text() == total

    first_page_titles = page.locator(".results .result-title a").all_inner_texts()
    page.get_by_role("link", name="Næste side").click()
    page.wait_for_url("**page=2")
    assert page.locator('nav.pagination [aria-current="page"]').inner_text().strip().endswith("2")
    assert set(page.locator(".results .result-title a").all_inner_texts()).isdisjoint(first_page_titles)

    result = page.locator(".results .result-title a").first
    title = result.inner_text()
    result.click()
    page.wait_for_url("**/dokument/**")
    assert page.locator("h1").inner_text() == title

    page.get_by_role("link", name="Gå til mødet").click()
    page.wait_for_url("**/moede/**")
    assert page.locator("h1").is_visible()
    assert page.locator(".doc-list a", has_text=title).count() == 1


@pytest.mark.parametrize(
    "path, words",
    [("2021-09-02-klimafolkemoedet-middelfart/invitation.txt", "Netværksmøde på Klimafolkemødet i Middelfart"),
     ("2021-01-28-baeredygtigt-byggeri/invitation.txt", "energieffektivisering og bæredygtigt byggeri")],
    ids=["cp1252", "utf-16"],
)
def test_a_text_original_in_a_windows_encoding_shows_its_danish_letters(open_page, live_url, path, words):
    page = open_page()
    page.goto(f"{live_url}/dokument/{document_id(path)}")
    page.get_by_role("link", name="Åbn originalen").click()
    page.wait_for_url("**/fil/**")
    shown = page.locator("body").inner_text()
    assert words in shown
    assert "\ufffd" not in shown and "Ã¸" not in shown


def test_keyboard_users_can_skip_to_the_content_and_see_where_focus_is(open_page, live_url):
    page = open_page()
    page.goto(live_url + "/tidslinje")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0, "the skip link shows when focused"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "indhold"


def test_the_search_page_fits_a_phone(open_page, live_url):
    page = open_page(PHONE)
    page.goto(live_url + "/?q=skybrud")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_screenshots_of_the_search_page(open_page, live_url):
    ARTIFACTS.mkdir(exist_ok=True)
    desktop = open_page(DESKTOP)
    desktop.goto(live_url + "/?q=partnerskab")
    desktop.screenshot(path=str(ARTIFACTS / "search-desktop.png"), full_page=True)
    desktop.screenshot(path=str(ARTIFACTS / "search-desktop-top.png"))
    phone = open_page(PHONE)
    phone.goto(live_url + "/?q=partnerskab")
    phone.screenshot(path=str(ARTIFACTS / "search-phone.png"))
    phone.screenshot(path=str(ARTIFACTS / "search-phone-full.png"), full_page=True)
    README_SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(ARTIFACTS / "search-desktop-top.png", README_SCREENSHOT)
    for name in ("search-desktop.png", "search-phone.png"):
        assert (ARTIFACTS / name).stat().st_size > 10_000


def _axe_urls(live_url: str) -> list[str]:
    import urllib.request

    def get(path):
        with urllib.request.urlopen(live_url + path) as response:
            return json.load(response)

    pdf = next(r for r in get("/api/search?q=skybrud")["results"] if r["path"].endswith(".pdf"))
    meeting = get("/api/meetings")[0]
    return [
        "/",
        "/?q=skybrud",
        "/?q=energi&topic=energi&from=2020-01-01&to=2021-12-31",
        "/?q=zyxwvuqq",
        f"/dokument/{pdf['id']}?side={pdf['page']}",
        f"/moede/{meeting['id']}",
        "/tidslinje",
        "/emner",
        "/hjaelp",
        "/findes-ikke",
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_accessibility_violations_on_any_page(open_page, live_url, viewport):
    if not AXE.exists():
        pytest.skip("axe-core is missing: run `npm install` (or `make browser`)")
    page = open_page(viewport)
    found = {}
    ARTIFACTS.mkdir(exist_ok=True)
    for number, path in enumerate(_axe_urls(live_url)):
        page.goto(live_url + path)
        page.screenshot(path=str(ARTIFACTS / f"page-{number:02d}-{viewport['width']}.png"), full_page=True)
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
