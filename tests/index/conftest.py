"""Fixtures of the index tests: an index built straight from Documents, and small real corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.service import SearchService
from index_files import build_from_documents, library_documents, searcher, write_mini_corpus



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
    return searcher(library)


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

