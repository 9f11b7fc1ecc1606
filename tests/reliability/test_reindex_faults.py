"""A reindex that cannot run or cannot write: another run holds the lock, the disk is full, the
index folder is read-only, the configuration is broken, corpus files change or vanish mid-run.
Each ends with a clear message and exit code, and the live index keeps answering as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile_files import pdf_bytes
from reliability_helpers import (
    RUNNER,
    cli_env,
    corpus_a,
    corpus_b,
    fingerprint,
    note,
    run_cli,
    tree_snapshot,
    write_files,
)

from index.lock import lock_holder, reindex_lock
from reindex import reindex

EXIT_IO_ERROR = 74
EXIT_LOCKED = 75


@pytest.fixture
def built(tmp_path):
    """State A indexed, then the corpus changed to state B (not yet indexed)."""
    corpus = corpus_a(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    reindex(corpus, index_dir, workers=1)
    before = fingerprint(index_dir, corpus)
    corpus_b(corpus)
    return corpus, index_dir, before


def reindex_args(corpus, index_dir, *more):
    return ["reindex", "--corpus", str(corpus), "--index", str(index_dir), *more]


# -- the lock ---------------------------------------------------------------------------------

def test_a_second_run_while_the_lock_is_held_exits_75_and_touches_nothing(built):
    corpus, index_dir, before = built
    with reindex_lock(index_dir):
        snapshot = tree_snapshot(index_dir)
        done = run_cli(reindex_args(corpus, index_dir, "--json"))
        full = run_cli(reindex_args(corpus, index_dir, "--full"))
        assert tree_snapshot(index_dir) == snapshot
    assert done.returncode == EXIT_LOCKED and full.returncode == EXIT_LOCKED
    assert f"pid {os.getpid()}" in done.stderr and "Traceback" not in done.stderr
    summary = json.loads(done.stdout)  # cron logs get one object, not an empty line
    assert summary["exit"] == EXIT_LOCKED and f"pid {os.getpid()}" in summary["error"]
    assert summary["added"] == 0 and summary["failed"] == []
    assert fingerprint(index_dir, corpus) == before


def test_two_real_runs_at_once_the_second_exits_75_naming_the_first(built):
    corpus, index_dir, before = built
    (corpus / "noter" / "zz-langsom.txt").write_text(note("Langsomt notat", "Tekst."), encoding="utf-8")
    first = subprocess.Popen(
        [sys.executable, str(RUNNER), *reindex_args(corpus, index_dir, "--quiet")],
        env=cli_env(KLIMAVIDEN_SLOW_FILE="zz-langsom.txt", KLIMAVIDEN_SLOW_SECONDS="3"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while lock_holder(index_dir) != first.pid:
            assert time.monotonic() < deadline and first.poll() is None, "the first run never took the lock"
            time.sleep(0.05)
        second = run_cli(reindex_args(corpus, index_dir))
        assert second.returncode == EXIT_LOCKED, second.stderr
        assert f"pid {first.pid}" in second.stderr
        assert first.wait(timeout=60) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert fingerprint(index_dir, corpus)["total"] == before["total"] + 2


# -- disk full, read-only ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "fault, full",
    [
        ("writer.commit:enospc", False),        # Whoosh writing the new segment
        ("reindex.document@2:enospc", True),    # a full rebuild, half-way
        ("writer.commit:erofs", False),         # the index folder turned read-only
        pytest.param("fsio.replace@2:enospc", True, marks=pytest.mark.slow),  # new metadata
        pytest.param("reindex.generation-created:erofs", True, marks=pytest.mark.slow),
    ],
)
def test_a_write_error_stops_with_exit_74_and_a_clear_message_leaving_the_index_as_it_was(
    built, fault, full
):
    corpus, index_dir, before = built
    done = run_cli(reindex_args(corpus, index_dir, "--json", *(["--full"] if full else [])), fault=fault)
    assert done.returncode == EXIT_IO_ERROR, done.stderr
    assert json.loads(done.stdout)["exit"] == EXIT_IO_ERROR
    reason = "No space left on device" if "enospc" in fault else "Read-only file system"
    assert reason in done.stderr and "Traceback" not in done.stderr
    assert "sidst gemte tilstand" in done.stderr
    assert fingerprint(index_dir, corpus) == before
    assert lock_holder(index_dir) is None
    assert reindex(corpus, index_dir, workers=1).as_dict()["failed"] == []
    assert fingerprint(index_dir, corpus)["total"] == before["total"] + 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_read_only_index_folder_gives_exit_74(built):
    corpus, index_dir, before = built
    folders = [index_dir, *[p for p in index_dir.rglob("*") if p.is_dir()]]
    for folder in folders:
        folder.chmod(0o555)
    try:
        done = run_cli(reindex_args(corpus, index_dir))
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert done.returncode == EXIT_IO_ERROR, done.stderr
    assert "Traceback" not in done.stderr
    assert fingerprint(index_dir, corpus) == before


def test_a_broken_taxonomy_is_a_configuration_error_exit_2(built):
    corpus, index_dir, before = built
    (corpus / "taxonomy.toml").write_text("[[topic]\nslug = ", encoding="utf-8")
    done = run_cli(reindex_args(corpus, index_dir))
    assert done.returncode == 2, done.stderr
    assert "taxonomy.toml" in done.stderr and "Traceback" not in done.stderr
    assert fingerprint(index_dir, corpus) == before


# -- corpus files that change or vanish while the run reads them ------------------------------

def test_files_that_vanish_or_change_during_the_run_are_reported_and_never_half_indexed(
    tmp_path, monkeypatch
):
    """While the first file is parsed (workers=1 parses in path order), another file vanishes,
    a PDF is caught half-copied, and a text file grows."""
    from ingest.formats import text

    corpus = tmp_path / "corpus"
    whole_pdf = pdf_bytes(["Rapport om vandmiljø\n\nVandmiljø og ålegræs i fjorden. " * 20])
    write_files(corpus, {
        "a-foerst.txt": note("Første notat", "Om blåmuslinger."),
        "m-kopieres.pdf": whole_pdf,
        "m-vokser.txt": note("Voksende notat", "Første afsnit om tang."),
        "z-forsvinder.txt": note("Forsvundet notat", "Om søstjerner."),
    })
    extract = text.extract

    def meddle(data, name):
        if name == "a-foerst.txt":
            (corpus / "z-forsvinder.txt").unlink()
            (corpus / "m-kopieres.pdf").write_bytes(whole_pdf[: len(whole_pdf) // 2])
            with open(corpus / "m-vokser.txt", "a", encoding="utf-8") as handle:
                handle.write("Andet afsnit om ålekvabber.\n")
        return extract(data, name)

    monkeypatch.setattr(text, "extract", meddle)
    report = reindex(corpus, tmp_path / "index", workers=1).as_dict()
    failed = {f["path"]: f["error"] for f in report["failed"]}
    assert set(failed) == {"z-forsvinder.txt", "m-kopieres.pdf"}
    assert "filen findes ikke" in failed["z-forsvinder.txt"]
    assert "afkortet" in failed["m-kopieres.pdf"]
    found = fingerprint_paths(tmp_path / "index")
    assert found == {"a-foerst.txt", "m-vokser.txt"}

    monkeypatch.setattr(text, "extract", extract)
    (corpus / "m-kopieres.pdf").write_bytes(whole_pdf)  # the copy finished
    report = reindex(corpus, tmp_path / "index", workers=1).as_dict()
    assert report["failed"] == []
    assert fingerprint_paths(tmp_path / "index") == {"a-foerst.txt", "m-vokser.txt", "m-kopieres.pdf"}
    assert fingerprint_paths(tmp_path / "index", "ålekvabber") == {"m-vokser.txt"}
    assert fingerprint_paths(tmp_path / "index", "ålegræs") == {"m-kopieres.pdf"}


def fingerprint_paths(index_dir: Path, q: str = "") -> set[str]:
    from index.query import SearchRequest
    from index.service import SearchService

    service = SearchService(index_dir)
    try:
        return {r["path"] for r in service.search(SearchRequest(q=q, per_page=100))["results"]}
    finally:
        service.close()
