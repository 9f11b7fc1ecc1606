"""Fixtures of the index tests: an index built straight from Documents, and small real corpora."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from index.query import parse_search_params
from index.service import SearchService
from index_files import build_from_documents, make_document, write_mini_corpus



def library_documents():
    """A dozen documents with known words, dates, types, topics, themes and organisations."""
    m1, m2 = "2021-04-29-erhvervspartnerskaber", "2022-11-08-skybrud"
    return [
        make_document(f"{m2}/skybrudsplan.pdf", "Skybrudsplan for Vejle",
                      ["Indledning om byen.", "Skybrudsplan for midtbyen.", "Skybrudssikring af boliger."],
                      day=date(2022, 11, 8), topics=("klimatilpasning",), themes=("Klimatilpasning",),
                      organizations=("Vejle Kommune",), meeting=m2),
        make_document(f"{m2}/regnvand.pptx", "Regnvand i byen",
                      ["Regnvand", "Lokal afledning af regnvand og skybrud", "Tak"],
                      format="pptx", day=date(2022, 11, 8), topics=("klimatilpasning",),
                      themes=("Klimatilpasning",), meeting=m2),
        make_document(f"{m1}/nyhed.html", "Netværksmøde om erhvervspartnerskaber",
                      ["Kommunernes erhvervspartnerskaber med virksomheder og Kalundborg Forsyning."],
                      format="html", type="announcement", day=date(2021, 4, 22),
                      topics=("partnerskaber",), themes=("Erhvervspartnerskaber og sektorkobling",),
                      organizations=("KL", "Kalundborg Forsyning"), meeting=m1),
        make_document(f"{m1}/kalundborg.pptx", "Kalundborg Forsyning som partner",
                      ["Kalundborg Forsyning", "Partnerskaber i symbiosen", "CO2-fangst ved værket"],
                      format="pptx", day=date(2021, 4, 29), topics=("partnerskaber", "energi"),
                      themes=("Erhvervspartnerskaber og sektorkobling",),
                      organizations=("Kalundborg Forsyning",), meeting=m1),
        make_document(f"{m1}/di-rapport.pdf", "Sektorkobling og partnerskaber",
                      ["Dansk Industri om sektorkobling.", "Et partnerskab om varmepumper og fjernvarme.",
                       "Fangst af CO2 og lagring i undergrunden."],
                      type="report", day=date(2021, 3, 1), topics=("energi", "partnerskaber"),
                      themes=("Erhvervspartnerskaber og sektorkobling",),
                      organizations=("Dansk Industri",), meeting=m1),
        make_document("noter/gylle.txt", "Gylleforsuring i landbruget",
                      ["Gylleforsuring reducerer ammoniak fra husdyr. Bæredygtigt landbrug."],
                      format="text", type="other", day=date(2020, 10, 1), topics=("landbrug",)),
        make_document("noter/varme.md", "Store varmepumper",
                      ["Varmepumper i fjernvarmen. Før og efter omstillingen."],
                      format="markdown", type="other", day=date(2019, 10, 3), topics=("energi",)),
        make_document("noter/udateret.md", "Notat uden dato",
                      ["Regnvand og grønne tage for en bæredygtig by."],
                      format="markdown", type="other", day=None, topics=("klimatilpasning",)),
    ] + [
        make_document(f"noter/cykel-{n:02d}.md", f"Cykelstier del {n}",
                      [f"Cykelstier og supercykelstier i kommunen, del {n}."],
                      format="markdown", type="minutes", day=date(2018, 1, n + 1))
        for n in range(1, 13)
    ]


MEETINGS = [
    {"id": "2021-04-29-erhvervspartnerskaber", "title": "Erhvervspartnerskaber og sektorkobling",
     "date": "2021-04-29", "place": "Online", "themes": ["Erhvervspartnerskaber og sektorkobling"],
     "organizations": ["Dansk Industri"]},
    {"id": "2022-11-08-skybrud", "title": "Klimatilpasning og skybrud", "date": "2022-11-08",
     "place": "Vejle", "themes": ["Klimatilpasning"], "organizations": []},
]


@pytest.fixture(scope="session")
def library(tmp_path_factory) -> SearchService:
    """A search service over library_documents() (built once per session, read-only)."""
    index_dir = tmp_path_factory.mktemp("library") / "index"
    build_from_documents(index_dir, library_documents(), MEETINGS)
    return SearchService(index_dir)


@pytest.fixture
def search(library):
    """search(q, **params) -> the search JSON over the library, params as in a request."""

    def run(q: str = "", **params):
        values = {"q": [q]}
        for key, value in params.items():
            key = {"date_from": "from", "date_to": "to"}.get(key, key)
            values[key] = value if isinstance(value, list) else [str(value)]
        return library.search(parse_search_params(values))

    return run


@pytest.fixture
def service_of(tmp_path):
    """service_of(documents) -> a SearchService over an index holding exactly these Documents."""
    services = []

    def build(documents) -> SearchService:
        index_dir = tmp_path / f"index-{len(services)}"
        build_from_documents(index_dir, documents)
        services.append(SearchService(index_dir))
        return services[-1]

    yield build
    for service in services:
        service.close()


@pytest.fixture
def mini_corpus(tmp_path) -> Path:
    """A fresh copy of the small real-file corpus (free to change)."""
    return write_mini_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def mini_built(tmp_path_factory):
    """The small real-file corpus indexed once: (corpus, index_dir, service). Read-only."""
    from reindex import reindex

    root = tmp_path_factory.mktemp("mini")
    corpus = write_mini_corpus(root / "corpus")
    index_dir = root / "index"
    report = reindex(corpus, index_dir, workers=2)
    assert report.as_dict()["failed"] == []
    return corpus, index_dir, SearchService(index_dir, corpus)

