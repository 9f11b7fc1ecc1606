"""Fixtures for the web app tests: apps over real indexes, and test clients.

Two indexes, each built once per session by the real pipeline:
- the sample corpus (`built_index` from tests/conftest.py), for what a user searches every day;
- a small hostile corpus written here (HTML in titles and text, spreadsheet formulas, a symlink
  pointing out of the corpus, a three-page PDF), for escaping and file serving.
"""

from __future__ import annotations

import pytest
from web_corpus import make_app, write_hostile_corpus

from klimaviden.config import Settings


@pytest.fixture(scope="session")
def hostile_index(tmp_path_factory) -> Settings:
    from reindex import reindex

    root = tmp_path_factory.mktemp("hostile")
    corpus = write_hostile_corpus(root)
    index_dir = root / "index"
    report = reindex(corpus, index_dir, full=True, workers=1)
    assert not report.as_dict()["failed"], report.as_dict()["failed"]
    return Settings(corpus=corpus, index=index_dir)


@pytest.fixture(scope="session")
def sample_app(built_index):
    return make_app(built_index)


@pytest.fixture(scope="session")
def hostile_app(hostile_index):
    return make_app(hostile_index)


@pytest.fixture
def client(sample_app):
    return sample_app.test_client()


@pytest.fixture
def hostile_client(hostile_app):
    return hostile_app.test_client()


@pytest.fixture
def missing_client(tmp_path):
    """An app whose index has not been built yet."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    return make_app(Settings(corpus=corpus, index=tmp_path / "index")).test_client()
