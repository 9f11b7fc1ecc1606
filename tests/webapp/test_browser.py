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
DOCUMENT_SCREENSHOT = REPO / "docs" / "screenshot-document.png"
MEETING_SCREENSHOT = REPO / "docs" / "screenshot-meeting.png"
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
    assert page.locator("#q").input_value() == "partnerskab"
    assert page.locator(".passage-text mark").count() > 0
    page.get_by_role("link", name="Tilbage til resultaterne").click()
    page.wait_for_url("**page=2")
    assert page.locator(".results .result-title a").first.inner_text() == title
    page.locator(".results .result-title a").first.click()
    page.wait_for_url("**/dokument/**")

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


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= height


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_pdf_hit_opens_at_its_page_with_the_open_action_in_view(open_page, live_url, viewport):
    page = open_page(viewport)
    page.goto(live_url + "/?q=skybrudsplan")
    link = page.locator(".results .result").filter(has=page.locator("a.result-open")).first
    page_number = link.locator("a.result-open").inner_text().split()[2]
    link.locator(".result-title a").click()
    page.wait_for_url("**/dokument/**#side-*")
    action = page.locator(".passage.is-current .passage-actions a").first
    assert action.inner_text() == f"Åbn originalen på side {page_number}"
    page.wait_for_timeout(600)  # smooth scrolling settles
    assert _in_view(page, action), "one click from the hit to the original's page"
    assert page.locator(".passage.is-current mark").count() > 0
    page.get_by_role("link", name="Se siden som billede").click()
    page.wait_for_url(f"**/side/{page_number}?q=skybrudsplan")
    picture = page.get_by_role("img", name=f"Side {page_number} af")
    assert picture.count() == 1 and page.locator("rect.page-mark").count() > 0
    assert page.locator("svg.page-image image").bounding_box()["width"] > 200


def test_an_html_or_word_hit_lands_on_its_section(open_page, live_url):
    page = open_page(DESKTOP)
    page.goto(live_url + "/?q=sektorkobling")
    link = page.locator(".results .result-title a[href*='afsnit=']").first
    link.click()
    page.wait_for_url("**#afsnit-*")
    anchor = page.url.rsplit("#", 1)[1]
    current = page.locator(".passage.is-current")
    assert current.get_attribute("id") == anchor
    page.wait_for_timeout(600)
    assert _in_view(page, current.locator(".passage-title"))
    assert not current.locator(".passage-title").inner_text().startswith("Afsnit")


def test_five_results_fit_a_laptop_window_and_the_filters_are_one_link_away(open_page, live_url):
    page = open_page({"width": 1280, "height": 800})
    page.goto(live_url + "/?q=energi")
    titles = page.locator(".results .result-title")
    visible = sum(1 for i in range(titles.count()) if _in_view(page, titles.nth(i)))
    assert visible >= 5, f"{visible} results in view"
    to_filters = page.locator("a.to-filters")
    assert to_filters.is_visible()
    page.locator("#q").focus()
    presses = 0
    while page.evaluate("document.activeElement.className") != "to-filters" and presses < 5:
        page.keyboard.press("Tab")
        presses += 1
    assert presses < 5, "the link to the filters follows the search box"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.filters') !== null")


def test_following_a_search_shows_the_address_to_copy(open_page, live_url):
    page = open_page(DESKTOP)
    page.goto(live_url + "/?q=energi")
    page.get_by_role("link", name="Følg søgningen").click()
    page.wait_for_url("**/foelg?q=energi")
    assert page.locator("#feed-adresse").input_value() == live_url + "/feed.atom?q=energi"
    assert page.locator(".doc-list-title").count() > 0


@pytest.fixture
def programme_meeting(live_url, monkeypatch):
    """One meeting of the live app carries a programme, as the meeting data provides it."""
    import urllib.request

    from index.service import SearchService

    with urllib.request.urlopen(live_url + "/api/meetings") as response:
        meetings = json.load(response)
    meeting = max(meetings, key=lambda m: sum(d["type"] in ("presentation", "case") for d in m["documents"]))
    talks = [d for d in meeting["documents"] if d["type"] in ("presentation", "case")]
    items = [{"time": "9.30", "title": "Velkomst og status", "presenters": [{"name": "Mette Lund", "role": "netværkskoordinator", "organization": "KL"}], "document_id": None}]
    items += [
        {"time": f"{10 + n}.00", "title": talk["title"],
         "presenters": [{"name": name, "role": role, "organization": org}], "document_id": talk["id"]}
        for n, (talk, (name, role, org)) in enumerate(zip(talks, [
            ("Lone Holm", "udviklingschef", "Kalundborg Forsyning"), ("Jens Krog", "klimakonsulent", "Vejle Kommune"),
            ("Sara Bech", "projektleder", "Dansk Industri")]))
    ]
    original = SearchService.meeting

    def with_programme(self, meeting_id):
        found = original(self, meeting_id)
        return {**found, "programme": items} if found and meeting_id == meeting["id"] else found

    monkeypatch.setattr(SearchService, "meeting", with_programme)
    return meeting, items


def test_a_meeting_page_shows_its_programme_with_presenters(open_page, live_url, programme_meeting):
    meeting, items = programme_meeting
    page = open_page(DESKTOP)
    page.goto(f"{live_url}/moede/{meeting['id']}")
    points = page.locator(".programme .programme-point")
    assert points.count() == len(items)
    assert "Lone Holm" in points.nth(1).inner_text()
    page.screenshot(path=str(MEETING_SCREENSHOT))
    points.nth(1).locator("a").click()
    page.wait_for_url("**/dokument/**")
    assert page.locator("h1").inner_text() == items[1]["title"]


def test_results_grouped_by_meeting(open_page, live_url):
    page = open_page(DESKTOP)
    page.goto(live_url + "/?q=transport")
    page.get_by_role("link", name="Pr. møde").click()
    page.wait_for_url("**vis=moeder")
    groups = page.locator(".meeting-group")
    assert groups.count() >= 2
    assert groups.first.locator(".group-hits li").count() >= 1


def test_the_timeline_filtered_by_topic(open_page, live_url):
    page = open_page(DESKTOP)
    page.goto(live_url + "/tidslinje")
    every = page.locator(".timeline-item").count()
    page.get_by_label("DK2020-emne").select_option("transport")
    page.get_by_role("button", name="Vis møderne").click()
    page.wait_for_url("**topic=transport**")
    assert 0 < page.locator(".timeline-item").count() < every


def test_excel_downloads_parse(open_page, live_url, tmp_path):
    import csv

    from openpyxl import load_workbook

    page = open_page(DESKTOP)
    page.goto(live_url + "/?q=skybrud")
    with page.expect_download() as got:
        page.get_by_role("link", name="CSV til Excel").click()
    csv_file = tmp_path / got.value.suggested_filename
    got.value.save_as(csv_file)
    with open(csv_file, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    with page.expect_download() as got:
        page.get_by_role("link", name="Hent resultaterne til Excel").click()
    xlsx_file = tmp_path / got.value.suggested_filename
    got.value.save_as(xlsx_file)
    assert xlsx_file.suffix == ".xlsx"
    book = load_workbook(xlsx_file, read_only=True)
    sheet = [["" if c is None else str(c) for c in row] for row in book.active.iter_rows(values_only=True)]
    book.close()
    assert rows == sheet and rows[0][0] == "Titel" and len(rows) > 2


def test_screenshot_of_the_document_page_at_the_hit(open_page, live_url):
    page = open_page(DESKTOP)
    page.goto(live_url + "/?q=skybrudsplan")
    page.locator(".results .result").filter(has=page.locator("a.result-open")).first.locator(".result-title a").click()
    page.wait_for_url("**#side-*")
    page.wait_for_timeout(600)
    page.screenshot(path=str(DOCUMENT_SCREENSHOT))
    assert DOCUMENT_SCREENSHOT.stat().st_size > 10_000


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
    section = next(r for r in get("/api/search?q=sektorkobling")["results"] if r["section"])
    slide = next(r for r in get("/api/search?q=skybrud")["results"] if r["path"].endswith(".pptx"))
    return [
        "/",
        "/?q=skybrud",
        f"/dokument/{pdf['id']}?q=skybrud&side={pdf['page']}",
        f"/dokument/{pdf['id']}/side/{pdf['page']}?q=skybrud",
        f"/dokument/{section['id']}?q=sektorkobling&afsnit={section['section']['number']}",
        f"/dokument/{slide['id']}?q=skybrud&side={slide['page']}",
        "/foelg?q=skybrud&type=presentation",
        "/?q=transport&vis=moeder",
        "/tidslinje?topic=transport",
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
def test_no_serious_accessibility_violations_on_any_page(open_page, live_url, viewport, programme_meeting):
    if not AXE.exists():
        pytest.skip("axe-core is missing: run `npm install` (or `make browser`)")
    page = open_page(viewport)
    found = {}
    ARTIFACTS.mkdir(exist_ok=True)
    programme = f"/moede/{programme_meeting[0]['id']}"
    for number, path in enumerate(_axe_urls(live_url) + [programme]):
        page.goto(live_url + path)
        page.screenshot(path=str(ARTIFACTS / f"page-{number:02d}-{viewport['width']}.png"), full_page=True)
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
