"""Fixtures shared by every test package: the sample corpus and an index built from it once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from klimaviden.config import Settings

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    """The committed sample corpus (read-only: copy it before changing anything)."""
    return SAMPLE_CORPUS


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Settings:
    """A copy of the sample corpus and an index built from it, shared by the whole session."""
    from reindex import reindex

    root = tmp_path_factory.mktemp("sample")
    corpus = root / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    index_dir = root / "index"
    report = reindex(corpus, index_dir, full=True)
    assert not report.as_dict()["failed"], report.as_dict()["failed"]
    return Settings(corpus=corpus, index=index_dir)
