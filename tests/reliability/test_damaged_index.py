"""A damaged live index (a truncated, deleted or changed file, garbled metadata) is reported in one
clear line, answered with 503 by the web app and /healthz, and rebuilt by the next plain reindex;
an index folder that is removed and rebuilt under a running web app is noticed."""

from __future__ import annotations

import json
import shutil

import pytest
from reliability_helpers import corpus_a, fingerprint, note, run_cli, write_files

from index import store
from index.errors import IndexDamaged
from index.query import SearchRequest
from index.service import SearchService
from reindex import reindex


def app_client(corpus, index_dir):
    from webapp import create_app

    return create_app({"TESTING": True, "CORPUS_DIR": corpus, "INDEX_DIR": index_dir}).test_client()


def largest_segment(index_dir):
    live = store.current_generation(index_dir)
    return max((p for p in live.path.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size)


def truncate(index_dir):
    segment = largest_segment(index_dir)
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])


def delete_toc(index_dir):
    live = store.current_generation(index_dir)
    for toc in live.path.glob("*.toc"):
        toc.unlink()


def garble_meta(index_dir):
    live = store.current_generation(index_dir)
    (live.path / store.META).write_text('{"format": 3, "meetings": [', encoding="utf-8")


def flip_bytes(index_dir):
    """Same size, changed bytes in the middle of the largest segment (postings, stored fields)."""
    segment = largest_segment(index_dir)
    data = bytearray(segment.read_bytes())
    middle = len(data) // 2
    for offset in range(middle, min(middle + 64, len(data))):
        data[offset] ^= 0xFF
    segment.write_bytes(bytes(data))


DAMAGE = {"truncated-segment": truncate, "deleted-toc": delete_toc, "garbled-metadata": garble_meta}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_index_is_a_503_and_one_clear_line_then_a_plain_reindex_rebuilds_it(indexed, damage):
    corpus, index_dir, before = indexed
    DAMAGE[damage](index_dir)
    client = app_client(corpus, index_dir)
    for path in ("/", "/?q=makrel", "/api/search?q=makrel"):
        response = client.get(path)
        assert response.status_code == 503, (path, response.status_code)
    assert "beskadiget" in client.get("/?q=makrel").get_data(as_text=True)
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["ok"] is False and health.get_json()["status"] == "damaged"
    assert health.get_json()["error"]

    for args in (["search", "makrel"], ["stats"]):
        done = run_cli([*args, "--corpus", str(corpus), "--index", str(index_dir)])
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and "Aborted" not in done.stderr
        assert "beskadiget" in done.stderr and "klimaviden reindex" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1

    done = run_cli(["reindex", "--json", "--corpus", str(corpus), "--index", str(index_dir)])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["repaired"]  # says why it rebuilt
    assert fingerprint(index_dir, corpus) == before
    assert client.get("/api/search?q=makrel").status_code == 200
    assert client.get("/healthz").get_json()["status"] == "ok"


def test_changed_bytes_that_readers_do_not_notice_are_found_and_repaired_by_the_next_reindex(indexed):
    corpus, index_dir, before = indexed
    flip_bytes(index_dir)
    summary = reindex(corpus, index_dir, workers=1).as_dict()
    assert "(kontrolsum)" in summary["repaired"]
    assert fingerprint(index_dir, corpus) == before


@pytest.mark.parametrize("flipped, raised, expected", [
    (True, EOFError("unexpected end of a compressed block"), IndexDamaged),
    (False, KeyError("a bug"), KeyError),
])
def test_a_read_that_fails_is_damage_only_when_the_checksums_say_so(indexed, monkeypatch, flipped, raised, expected):
    import index.service as service_module

    corpus, index_dir, _ = indexed
    service = SearchService(index_dir, corpus)
    try:
        service.search(SearchRequest(q="makrel"))
        if flipped:
            flip_bytes(index_dir)

        def failing_search(*args, **kwargs):
            raise raised

        monkeypatch.setattr(service_module, "run_search", failing_search)
        with pytest.raises(expected):
            service.search(SearchRequest(q="makrel"))
    finally:
        service.close()


def test_a_replaced_index_folder_is_noticed_by_a_running_web_app(indexed, tmp_path):
    corpus, index_dir, before = indexed
    client = app_client(corpus, index_dir)
    assert client.get("/api/search?q=makrel").get_json()["total"] == 1
    other = tmp_path / "other-corpus"
    corpus_a(other)
    write_files(other, {"noter/blaeksprutte.txt": note("Notat om blæksprutte", "Blæksprutte og makrel.")})
    shutil.rmtree(index_dir)  # the operator's `rm -rf INDEX && reindex`
    assert client.get("/api/search?q=makrel").status_code == 503  # no index meanwhile
    reindex(other, index_dir, workers=1)
    assert store.current_generation(index_dir).name == "gen-000001"  # the same name as before
    result = client.get("/api/search?q=makrel").get_json()
    assert result["total"] == 2
    assert client.get("/api/search").get_json()["total"] == before["total"] + 1


def test_changed_bytes_never_make_a_search_answer_500(indexed):
    corpus, index_dir, _ = indexed
    flip_bytes(index_dir)
    client = app_client(corpus, index_dir)
    words = ("makrel", "torsk", "laks", "sild", "energi", "kommune", "klima", "notat")
    for word in words:
        for path in (f"/api/search?q={word}", f"/?q={word}", f"/api/search?q={word}&sort=date"):
            assert client.get(path).status_code in (200, 503), path
