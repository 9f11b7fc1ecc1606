"""A nightly run over an unchanged corpus reads nothing it read before: meetings whose files kept
their stamps are taken from the last run, the spellers' vocabulary of an unchanged commit is kept.
What changed is still read, and a broken meeting.toml is reported on every run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import reindex.corpus as corpus_module
from index.spelling import VOCABULARY_FILE
from index.store import current_generation
from reindex import reindex
from webapp import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reliability"))
from reliability_helpers import corpus_a, write_files  # noqa: E402


@pytest.fixture
def meetings_read(monkeypatch):
    """The meeting folders the runs read (parse) from disk."""
    read: list[str] = []
    original = corpus_module.load_meeting_or_folder

    def counting(corpus_dir, meeting_id):
        read.append(meeting_id)
        return original(corpus_dir, meeting_id)

    monkeypatch.setattr(corpus_module, "load_meeting_or_folder", counting)
    return read


def meeting(corpus, index, meeting_id):
    client = create_app({"TESTING": True, "CORPUS_DIR": corpus, "INDEX_DIR": index}).test_client()
    return client.get(f"/api/meetings/{meeting_id}").get_json()


def test_an_unchanged_meeting_is_not_read_again_and_a_changed_one_is(tmp_path, meetings_read):
    corpus, index = corpus_a(tmp_path / "corpus"), tmp_path / "ix"
    write_files(corpus, {"2021-06-01-skov/meeting.toml": 'title = "Skov og klima"\ndate = 2021-06-01\n'})
    reindex(corpus, index, workers=1)
    assert sorted(meetings_read) == ["2021-05-01-fiskeri", "2021-06-01-skov", "noter"]

    meetings_read.clear()
    reindex(corpus, index, workers=1)
    assert meetings_read == []
    assert meeting(corpus, index, "2021-06-01-skov")["title"] == "Skov og klima"

    # a folder without documents: only its meeting.toml changed, and the meeting page shows it
    write_files(corpus, {"2021-06-01-skov/meeting.toml": 'title = "Skovrejsning og klima"\ndate = 2021-06-01\n'})
    reindex(corpus, index, workers=1)
    assert meetings_read == ["2021-06-01-skov"]
    assert meeting(corpus, index, "2021-06-01-skov")["title"] == "Skovrejsning og klima"


def test_a_broken_meeting_toml_is_reported_on_every_run_until_it_is_mended(tmp_path, meetings_read):
    corpus, index = corpus_a(tmp_path / "corpus"), tmp_path / "ix"
    write_files(corpus, {"2021-05-01-fiskeri/meeting.toml": 'title = "Fiskeri og klima"\ndato = 2021-05-01\n'})
    for _ in range(2):
        report = reindex(corpus, index, workers=1).as_dict()
        assert [f["path"] for f in report["failed"]] == ["2021-05-01-fiskeri/meeting.toml"]
    write_files(corpus, {"2021-05-01-fiskeri/meeting.toml": 'title = "Fiskeri og klima"\ndate = 2021-05-01\n'})
    report = reindex(corpus, index, workers=1).as_dict()
    assert report["failed"] == []
    assert meeting(corpus, index, "2021-05-01-fiskeri")["title"] == "Fiskeri og klima"


def test_an_unchanged_run_keeps_the_vocabulary_and_a_change_renews_it(tmp_path):
    corpus, index = corpus_a(tmp_path / "corpus"), tmp_path / "ix"
    reindex(corpus, index, workers=1)
    vocabulary = current_generation(index).path / VOCABULARY_FILE
    written = vocabulary.stat().st_mtime_ns, vocabulary.read_text("utf-8")

    report = reindex(corpus, index, workers=1).as_dict()
    assert (vocabulary.stat().st_mtime_ns, vocabulary.read_text("utf-8")) == written
    assert (report["documents"], report["passages"]) == (10, 10)

    write_files(corpus, {"noter/hummer.txt": "Notat om hummer\n\nHummerfiskeri i Kattegat.\n"})
    report = reindex(corpus, index, workers=1).as_dict()
    assert report["documents"] == 11
    assert "hummerfiskeri\t1" in vocabulary.read_text("utf-8").splitlines()
