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
    action = page.locator(".passage.is-current .passage-actions a")
    assert action.inner_text() == f"Åbn originalen på side {page_number}"
    page.wait_for_timeout(600)  # smooth scrolling settles
    assert _in_view(page, action), "one click from the hit to the original's page"
    assert page.locator(".passage.is-current mark").count() > 0


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
    return [
        "/",
        "/?q=skybrud",
        f"/dokument/{pdf['id']}?q=skybrud&side={pdf['page']}",
        f"/dokument/{section['id']}?q=sektorkobling&afsnit={section['section']['number']}",
        "/foelg?q=skybrud&type=presentation",
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
