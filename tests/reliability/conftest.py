"""Fixtures for the reliability tests (the helpers they use are in reliability_helpers.py)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Under plain `pytest` the tests/ folder is on sys.path, where tests/webapp could pass for the
# `webapp` package: the repository goes first.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from reliability_helpers import corpus_a, fingerprint, started_sessions  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _no_processes_left_behind():
    """Whatever a killed run left running is stopped when the tests end."""
    yield
    for session in started_sessions():
        try:
            os.killpg(session, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    return corpus_a(tmp_path / "corpus")


@pytest.fixture(scope="session")
def sample_app(built_index):
    from webapp import create_app

    return create_app({"TESTING": True, "CORPUS_DIR": built_index.corpus, "INDEX_DIR": built_index.index})


@pytest.fixture
def client(sample_app):
    return sample_app.test_client()


@pytest.fixture
def indexed(tmp_path):
    """corpus_a indexed: (corpus, index folder, what searches answered)."""
    from reindex import reindex

    corpus = corpus_a(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    reindex(corpus, index_dir, workers=1)
    return corpus, index_dir, fingerprint(index_dir, corpus)
