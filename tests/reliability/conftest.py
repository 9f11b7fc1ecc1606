"""Fixtures for the reliability tests (the helpers they use are in reliability_helpers.py)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from reliability_helpers import corpus_a, started_sessions


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
