"""The filter sidebar as plain data: every facet value knows its label, count, link and state.

Built by pure functions from a search result, the links helper and the labels, so the template
only loops and prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from webapp.formatting import danish_date, type_label
from webapp.params import SearchLinks, selected_year

# How many values a facet shows before the rest go behind "Vis alle".
SHOWN_VALUES = 8


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    url: str          # adds the filter, or removes it when selected
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str          # the URL parameter ("topic", "theme", ...)
    title: str         # Danish heading
    values: tuple[FacetValue, ...]
    hint: str = ""     # one line saying what the facet is, or how its values combine

    @property
    def shown(self) -> tuple[FacetValue, ...]:
        return self.values[:SHOWN_VALUES]

    @property
    def more(self) -> tuple[FacetValue, ...]:
        return self.values[SHOWN_VALUES:]


@dataclass(frozen=True)
class ActiveFilter:
    kind: str          # Danish name of the filter ("Emne", "Fra" ...)
    label: str
    remove_url: str


# (result facet key, URL parameter, Danish heading, the line under the heading)
FACETS = (
    ("topic", "topic", "DK2020-emne",
     "Tildelt ud fra ordene i dokumentet. Vælger du flere, ser du dokumenter med mindst ét af dem; "
     "tallet er, hvad du ser efter valget."),
    ("theme", "theme", "Mødetema", "Temaet for det netværksmøde, materialet hører til."),
    ("type", "type", "Materialetype", ""),
    ("year", "year", "År", ""),
    ("organization", "org", "Organisation", ""),
    ("presenter", "presenter", "Oplægsholder", ""),
)
# The Danish name of each filter on the chips above the results.
FILTER_NAMES = {"topic": "DK2020-emne", "theme": "Mødetema", "type": "Materialetype",
                "org": "Organisation", "presenter": "Oplægsholder"}


def build_facets(
    facets: Mapping[str, Mapping[str, int]],
    links: SearchLinks,
    *,
    topic_labels: Mapping[str, str],
    theme_labels: Mapping[str, str],
) -> list[Facet]:
    """The sidebar facets with a value list each; empty facets are left out."""
    built = []
    year = selected_year(links.args)
    for key, param, title, hint in FACETS:
        counts = facets.get(key) or {}
        values = []
        for value, count in counts.items():
            value = str(value)
            if param == "year":
                selected = value == year
                url = links.remove_year() if selected else links.year(value)
            else:
                selected = value in links.values(param)
                url = links.remove(param, value) if selected else links.add(param, value)
            label = _label(param, value, topic_labels, theme_labels)
            values.append(FacetValue(value, label, int(count), url, selected))
        if not values:
            continue
        if param == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (not v.selected, -v.count, v.label.casefold()))
        built.append(Facet(param, title, tuple(values), hint))
    return built


def active_filters(
    links: SearchLinks,
    *,
    topic_labels: Mapping[str, str],
    theme_labels: Mapping[str, str],
) -> list[ActiveFilter]:
    """The filters in force, each with a link that removes it (shown above the results)."""
    active = []
    year = selected_year(links.args)
    for value in links.values("topic"):
        active.append(ActiveFilter(FILTER_NAMES["topic"], topic_labels.get(value, value), links.remove("topic", value)))
    for param in ("theme", "type", "org", "presenter"):
        kind = FILTER_NAMES[param]
        for value in links.values(param):
            label = _label(param, value, topic_labels, theme_labels)
            active.append(ActiveFilter(kind, label, links.remove(param, value)))
    if year:
        active.append(ActiveFilter("År", year, links.remove_year()))
    else:
        for param, kind in (("from", "Fra"), ("to", "Til")):
            for value in links.values(param):
                active.append(ActiveFilter(kind, danish_date(value), links.remove(param)))
    return active


def _label(param: str, value: str, topic_labels: Mapping[str, str], theme_labels: Mapping[str, str]) -> str:
    if param == "topic":
        return topic_labels.get(value, value)
    if param == "theme":
        return theme_labels.get(value, value)
    if param == "type":
        return type_label(value)
    return value
