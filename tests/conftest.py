"""Fixtures shared by every test package: the sample corpus and an index built from it once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest.ocr import tesseract_version
from klimaviden.config import DATA_ENV, Settings

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "corpus"
# sample files that are scans without a text layer: read only where Tesseract is installed
SCANNED_SAMPLES = ("2021-01-28-baeredygtigt-byggeri/notat-styregruppe-scannet.pdf",)


@pytest.fixture(scope="session", autouse=True)
def ocr_data_folder(tmp_path_factory):
    """The session's data folder (KLIMAVIDEN_DATA): OCR text is cached there, once per session,
    never in the repository's ./var/data."""
    folder = tmp_path_factory.mktemp("data")
    previous = os.environ.get(DATA_ENV)
    os.environ[DATA_ENV] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop(DATA_ENV, None)
    else:
        os.environ[DATA_ENV] = previous


@pytest.fixture(scope="session")
def unreadable_samples() -> frozenset[str]:
    """The sample files this machine cannot read: the scans, when Tesseract is missing."""
    return frozenset() if tesseract_version() else frozenset(SCANNED_SAMPLES)


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    """The committed sample corpus (read-only: copy it before changing anything)."""
    return SAMPLE_CORPUS


@pytest.fixture(scope="session")
def built_index(tmp_path_factory, unreadable_samples) -> Settings:
    """A copy of the sample corpus and an index built from it, shared by the whole session
    (without the scanned samples where Tesseract is missing)."""
    from reindex import reindex

    root = tmp_path_factory.mktemp("sample")
    corpus = root / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    for relpath in unreadable_samples:
        (corpus / relpath).unlink()
    index_dir = root / "index"
    report = reindex(corpus, index_dir, full=True)
    assert not report.as_dict()["failed"], report.as_dict()["failed"]
    return Settings(corpus=corpus, index=index_dir)


@pytest.fixture
def unlistable(monkeypatch):
    """Make folders fail to list as an unreadable (or unmounted) folder does, even for root:
    unlistable(folder) makes os.scandir of that folder raise PermissionError; undo() lifts it."""
    real_scandir = os.scandir
    locked: set[str] = set()

    def scandir(path="."):
        if os.fspath(path) in locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)

    class Locks:
        def __call__(self, folder: Path) -> None:
            locked.add(str(Path(folder).resolve()))

        def undo(self) -> None:
            locked.clear()

    return Locks()
