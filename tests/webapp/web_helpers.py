"""Small readers for responses: HTML as soup, links by text, query strings as dicts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup


def html(response) -> BeautifulSoup:
    assert response.content_type.startswith("text/html"), response.content_type
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def result_titles(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".results .result-title a")]


def result_links(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.select(".results .result-title a")]


def facet_links(page: BeautifulSoup, name: str) -> list:
    return page.select(f'section.facet[aria-labelledby="facet-{name}"] a.facet-link')


def api_json(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()
