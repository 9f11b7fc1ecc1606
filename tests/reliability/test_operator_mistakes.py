"""An operator's mistakes never empty the index: an empty or unmounted corpus, an unreadable folder,
a disk that filled during an earlier run, a folder named CURRENT. Each is reported with one JSON
object on stdout and a clear exit code, while the web app goes on answering from the index."""

from __future__ import annotations

import json
import shutil

import pytest
from reliability_helpers import corpus_a, fingerprint, run_cli

from index import store
from reindex import MassDeleteRefused, reindex

EXIT_REFUSED = 3


def reindex_args(corpus, index_dir, *more):
    return ["reindex", "--corpus", str(corpus), "--index", str(index_dir), "--json", *more]


@pytest.fixture
def web(indexed):
    from webapp import create_app

    corpus, index_dir, _ = indexed
    return create_app({"TESTING": True, "CORPUS_DIR": corpus, "INDEX_DIR": index_dir}).test_client()


def listed_total(client) -> int:
    response = client.get("/api/search")
    assert response.status_code == 200
    return response.get_json()["total"]


def unmount(corpus):
    """What an unmounted network share looks like: the mount point is there, empty."""
    for child in corpus.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


@pytest.mark.parametrize("full", [False, True])
def test_an_unmounted_corpus_is_refused_with_exit_3_and_the_index_keeps_every_document(indexed, web, full):
    corpus, index_dir, before = indexed
    unmount(corpus)
    done = run_cli(reindex_args(corpus, index_dir, *(["--full"] if full else [])))
    assert done.returncode == EXIT_REFUSED, done.stderr
    summary = json.loads(done.stdout)
    assert summary["exit"] == EXIT_REFUSED and "--allow-mass-delete" in summary["error"]
    assert "Traceback" not in done.stderr and "afvist" in done.stderr
    assert fingerprint(index_dir, corpus) == before
    assert listed_total(web) == before["total"]


def test_a_refused_run_shows_in_stats_and_healthz_until_a_run_succeeds(indexed, web):
    corpus, index_dir, before = indexed
    kept = {p.relative_to(corpus): p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    unmount(corpus)
    with pytest.raises(MassDeleteRefused):
        reindex(corpus, index_dir, workers=1)
    health = web.get("/healthz")
    assert health.status_code == 200  # searches are still answered from the whole index
    assert health.get_json()["status"] == "refused" and health.get_json()["refused_run"]["indexed"] == before["total"]
    stats = run_cli(["stats", "--json", "--corpus", str(corpus), "--index", str(index_dir)])
    assert json.loads(stats.stdout)["refused_run"]["remaining"] == 0
    for relpath, data in kept.items():  # the share is mounted again
        (corpus / relpath).parent.mkdir(parents=True, exist_ok=True)
        (corpus / relpath).write_bytes(data)
    assert reindex(corpus, index_dir, workers=1).as_dict()["failed"] == []
    assert web.get("/healthz").get_json()["status"] == "ok"
    assert "refused_run" not in web.get("/healthz").get_json()


def test_allow_mass_delete_lets_an_intended_clear_out_through(indexed):
    corpus, index_dir, before = indexed
    for path in (corpus / "noter").glob("fyld-*.txt"):
        path.unlink()
    done = run_cli(reindex_args(corpus, index_dir))
    assert done.returncode == EXIT_REFUSED
    done = run_cli(reindex_args(corpus, index_dir, "--allow-mass-delete"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["deleted"] == 6
    assert fingerprint(index_dir, corpus)["total"] == before["total"] - 6


def test_deleting_less_than_half_needs_no_permission(indexed):
    corpus, index_dir, before = indexed
    (corpus / "noter" / "fyld-0.txt").unlink()
    summary = reindex(corpus, index_dir, workers=1).as_dict()
    assert summary["deleted"] == 1 and summary["documents"] == before["total"] - 1


def test_a_dry_run_says_it_would_be_refused_and_writes_nothing(indexed):
    corpus, index_dir, before = indexed
    unmount(corpus)
    done = run_cli(reindex_args(corpus, index_dir, "--dry-run"))
    assert done.returncode == EXIT_REFUSED
    assert not (index_dir / store.REFUSAL).exists()
    assert fingerprint(index_dir, corpus) == before


def test_leftovers_of_a_run_that_filled_the_disk_are_removed_even_when_the_lock_cannot_be_written(indexed):
    corpus, index_dir, before = indexed
    leftover = index_dir / "gen-000009"  # what a full disk left of a rebuild: a partial generation
    leftover.mkdir()
    (leftover / "MAIN_x.seg").write_bytes(b"\0" * 4096)
    done = run_cli(reindex_args(corpus, index_dir), fault="lock.pid:enospc")
    assert done.returncode == 0, done.stderr
    assert not leftover.exists()
    assert fingerprint(index_dir, corpus) == before


def test_a_first_build_that_failed_leaves_nothing_that_blocks_the_next_one(tmp_path):
    corpus = corpus_a(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    done = run_cli(reindex_args(corpus, index_dir), fault="reindex.document@2:enospc")
    assert done.returncode == 74
    assert store.generations(index_dir)  # the partial generation is still there ...
    done = run_cli(reindex_args(corpus, index_dir))
    assert done.returncode == 0, done.stderr  # ... and the next run clears it before building
    assert [g.number for g in store.generations(index_dir)] == [store.current_generation(index_dir).number]


def test_a_folder_named_current_in_the_index_folder_is_a_configuration_error(indexed):
    corpus, index_dir, _ = indexed
    shutil.rmtree(index_dir)
    (index_dir / "CURRENT").mkdir(parents=True)
    for args in (reindex_args(corpus, index_dir), ["search", "klima", "--corpus", str(corpus), "--index", str(index_dir)]):
        done = run_cli(args)
        assert done.returncode == 2, done.stderr
        assert "CURRENT" in done.stderr and "Traceback" not in done.stderr


def test_every_failing_exit_prints_one_json_object(tmp_path):
    done = run_cli(reindex_args(tmp_path / "no-such-corpus", tmp_path / "index"))
    assert done.returncode == 2
    summary = json.loads(done.stdout)
    assert summary["exit"] == 2 and "no-such-corpus" in summary["error"]
    assert set(summary) >= {"added", "updated", "deleted", "failed", "documents"}


def test_the_missing_index_message_gives_its_advice_once(tmp_path):
    corpus = corpus_a(tmp_path / "corpus")
    done = run_cli(["search", "klima", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    assert done.returncode == 2
    assert done.stderr.count("klimaviden reindex") == 1


@pytest.mark.parametrize("full", [False, True])
def test_documents_in_a_folder_that_cannot_be_read_stay_searchable_and_the_folder_is_reported(
    indexed, web, unlistable, full
):
    corpus, index_dir, before = indexed
    unlistable(corpus / "noter")
    summary = reindex(corpus, index_dir, workers=1, full=full).as_dict()
    assert [f["path"] for f in summary["failed"]] == ["noter"]
    assert summary["deleted"] == 0 and summary["documents"] == before["total"]
    unlistable.undo()
    assert fingerprint(index_dir, corpus) == before
    assert listed_total(web) == before["total"]
