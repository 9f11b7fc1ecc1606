"""Reindexing a corpus of real files: incremental add/update/delete, the stat fast path, failures,
full rebuilds, dry runs, and the service seeing each new state without a restart."""

from __future__ import annotations

import os

import pytest

import reindex.run as reindex_module
from index import store
from index.errors import ConfigError, IndexMissing
from index.query import SearchRequest
from reindex import reindex
from index.service import SearchService


def found(service, q):
    return [r["path"] for r in service.search(SearchRequest(q=q, per_page=100))["results"]]


@pytest.fixture
def built(mini_corpus, tmp_path):
    index_dir = tmp_path / "index"
    report = reindex(mini_corpus, index_dir, workers=2)
    return mini_corpus, index_dir, report


def test_first_run_adds_every_file(built):
    _, index_dir, report = built
    summary = report.as_dict()
    assert summary["added"] == 5 and summary["failed"] == []
    assert summary["documents"] == 5
    assert summary["passages"] >= 8  # 3 PDF pages + 3 slides + the rest
    assert set(summary) == {"added", "updated", "deleted", "unchanged", "skipped", "failed",
                            "documents", "passages", "ocr_pages", "seconds"}
    assert SearchService(index_dir).health()["documents"] == 5


def test_nothing_changed_means_nothing_read(built, monkeypatch):
    corpus, index_dir, _ = built

    def forbidden(*args, **kwargs):
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr(reindex_module, "extract_many", forbidden)
    monkeypatch.setattr(reindex_module, "file_checksum", forbidden)
    summary = reindex(corpus, index_dir).as_dict()
    assert summary["unchanged"] == 5
    assert (summary["added"], summary["updated"], summary["deleted"]) == (0, 0, 0)


def test_touched_file_is_hashed_but_not_parsed(built, monkeypatch):
    corpus, index_dir, _ = built
    note = corpus / "noter" / "gylle.txt"
    os.utime(note, ns=(note.stat().st_atime_ns, note.stat().st_mtime_ns + 5_000_000_000))
    monkeypatch.setattr(reindex_module, "extract_many", lambda *a, **k: iter(()))
    summary = reindex(corpus, index_dir).as_dict()
    assert summary["unchanged"] == 5 and summary["updated"] == 0
    # the new stat is remembered: the next run does not even hash it
    monkeypatch.setattr(reindex_module, "file_checksum", lambda *a: pytest.fail("hashed again"))
    assert reindex(corpus, index_dir).as_dict()["unchanged"] == 5


def test_add_update_delete(built):
    corpus, index_dir, _ = built
    service = SearchService(index_dir, corpus)
    assert found(service, "gylleforsuring") == ["noter/gylle.txt"]

    (corpus / "noter" / "gylle.txt").write_text("Halmfyr og biomasse i landbruget.\n", "utf-8")
    (corpus / "noter" / "ny.md").write_text("# Solceller\n\nSolcelleparker på marker.\n", "utf-8")
    (corpus / "2022-11-08-klimatilpasning-og-skybrud" / "noter.md").unlink()
    summary = reindex(corpus, index_dir).as_dict()
    assert (summary["added"], summary["updated"], summary["deleted"]) == (1, 1, 1)
    assert summary["unchanged"] == 3 and summary["documents"] == 5

    # the same service object sees the new state
    assert found(service, "gylleforsuring") == []
    assert found(service, "halmfyr") == ["noter/gylle.txt"]
    assert found(service, "solcelle") == ["noter/ny.md"]
    assert "2022-11-08-klimatilpasning-og-skybrud/noter.md" not in found(service, "regnvand")


def test_meeting_toml_change_updates_its_documents(built):
    corpus, index_dir, _ = built
    service = SearchService(index_dir, corpus)
    meeting = corpus / "2022-11-08-klimatilpasning-og-skybrud" / "meeting.toml"
    meeting.write_text(meeting.read_text("utf-8") + 'place = "Vejle Rådhus"\n', "utf-8")
    summary = reindex(corpus, index_dir).as_dict()
    assert summary["updated"] == 2
    places = [service.document(hit["id"])["places"][0] for hit in service.search(SearchRequest(q="skybrud"))["results"]]
    assert places == ["Vejle Rådhus", "Vejle Rådhus"]


def test_an_invitation_change_updates_the_presenters_of_its_meetings_talks(mini_corpus, tmp_path):
    # the invitation's programme names who presents each talk, so a talk depends on it
    folder = mini_corpus / "2022-11-08-klimatilpasning-og-skybrud"
    invitation = folder / "invitation.txt"
    programme = "Invitation\n\n10.15 Varmeplaner i praksis. Oplæg ved {}, planchef, Aalborg Kommune\n"
    invitation.write_text(programme.format("Mette Kjærgaard Lund"), "utf-8")
    (folder / "varmeplaner.md").write_text("# Oplæg: Varmeplaner i praksis\n\nFjernvarme i landsbyerne.\n", "utf-8")
    index_dir = tmp_path / "index"
    reindex(mini_corpus, index_dir)
    service = SearchService(index_dir, mini_corpus)

    def presenters():
        hits = service.search(SearchRequest(q="varmeplaner"))["results"]
        return [p["name"] for hit in hits if hit["path"].endswith("varmeplaner.md") for p in hit["presenters"]]

    try:
        assert presenters() == ["Mette Kjærgaard Lund"]
        invitation.write_text(programme.format("Henrik Bro"), "utf-8")
        reindex(mini_corpus, index_dir)
        assert presenters() == ["Henrik Bro"]
    finally:
        service.close()


def test_broken_file_is_reported_and_the_rest_stays_searchable(built, monkeypatch):
    corpus, index_dir, _ = built
    (corpus / "noter" / "ødelagt.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    summary = reindex(corpus, index_dir).as_dict()
    assert [f["path"] for f in summary["failed"]] == ["noter/ødelagt.pdf"]
    assert summary["failed"][0]["error"]
    service = SearchService(index_dir, corpus)
    assert found(service, "gylleforsuring") == ["noter/gylle.txt"]
    assert service.stats()["last_failures"][0]["path"] == "noter/ødelagt.pdf"

    # unchanged since: still reported, not parsed again
    monkeypatch.setattr(reindex_module, "extract_many", lambda *a, **k: pytest.fail("parsed again"))
    again = reindex(corpus, index_dir).as_dict()
    assert [f["path"] for f in again["failed"]] == ["noter/ødelagt.pdf"]
    monkeypatch.undo()

    (corpus / "noter" / "ødelagt.pdf").unlink()
    assert reindex(corpus, index_dir).as_dict()["failed"] == []


def test_full_rebuild_swaps_in_a_new_generation(built):
    corpus, index_dir, _ = built
    service = SearchService(index_dir, corpus)
    before = service.health()["generation"]
    summary = reindex(corpus, index_dir, full=True).as_dict()
    assert summary["added"] == 5 and summary["documents"] == 5
    assert service.health()["generation"] == before + 1
    assert found(service, "gylleforsuring") == ["noter/gylle.txt"]
    reindex(corpus, index_dir, full=True)
    reindex(corpus, index_dir, full=True)
    # the live generation and the previous one are kept, older ones removed
    kept = [g.number for g in store.generations(index_dir)]
    assert kept == [before + 2, before + 3]


def test_an_index_of_another_analyzer_version_is_rebuilt(built):
    corpus, index_dir, _ = built
    live = store.current_generation(index_dir)
    meta = live.meta()
    meta["format"] = "schema-0.analyzer-0"
    live.write_meta(meta)
    summary = reindex(corpus, index_dir).as_dict()
    assert summary["added"] == 5
    assert store.current_generation(index_dir).number == live.number + 1


def test_dry_run_reports_and_writes_nothing(built):
    corpus, index_dir, _ = built
    (corpus / "noter" / "ny.txt").write_text("Nyt notat om brint.\n", "utf-8")
    (corpus / "noter" / "gylle.txt").unlink()
    files_before = sorted(p.relative_to(index_dir) for p in index_dir.rglob("*"))
    summary = reindex(corpus, index_dir, dry_run=True).as_dict()
    assert (summary["added"], summary["deleted"], summary["unchanged"]) == (1, 1, 4)
    assert sorted(p.relative_to(index_dir) for p in index_dir.rglob("*")) == files_before
    assert found(SearchService(index_dir, corpus), "brint") == []


def test_missing_corpus_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigError, match="korpusmappen findes ikke"):
        reindex(tmp_path / "nowhere", tmp_path / "index")
    assert not (tmp_path / "index").exists()


def test_no_index_yet(tmp_path):
    with pytest.raises(IndexMissing):
        SearchService(tmp_path / "index").health()


def test_corpus_file_only_for_indexed_documents(built):
    corpus, index_dir, _ = built
    service = SearchService(index_dir, corpus)
    hit = service.search(SearchRequest(q="gylleforsuring"))["results"][0]
    assert service.corpus_file(hit["id"]) == (corpus / "noter" / "gylle.txt").resolve()
    assert service.corpus_file("../../etc/passwd") is None
    assert SearchService(index_dir).corpus_file(hit["id"]) is None  # no corpus folder known


def test_page_numbers_from_real_pdf_and_pptx(mini_built):
    _, _, service = mini_built
    pdf = service.search(SearchRequest(q="skybrudssikring"))["results"][0]
    assert (pdf["path"], pdf["page"]) == ("2022-11-08-klimatilpasning-og-skybrud/skybrudsplan-vejle.pdf", 3)
    slide = service.search(SearchRequest(q="overskudsvarme"))["results"][0]
    assert (slide["path"], slide["page"]) == ("2021-04-29-erhvervspartnerskaber/kalundborg-case.pptx", 2)
    assert "<mark>" in slide["snippet"]


def test_meetings_and_topics_from_the_corpus(mini_built):
    _, _, service = mini_built
    meetings = service.meetings()
    assert [m["id"] for m in meetings] == ["2022-11-08-klimatilpasning-og-skybrud",
                                           "2021-04-29-erhvervspartnerskaber"]
    assert len(meetings[0]["documents"]) == 2
    topics = {t["slug"]: t["count"] for t in service.topics()}
    assert len(topics) == 12
    assert topics["klimatilpasning"] >= 1 and topics["landbrug"] >= 1
    stats = service.stats()
    assert stats["documents"] == 5 and stats["index_bytes"] > 0 and stats["last_reindex"]


def test_full_rebuild_in_several_batches_gives_the_same_index(mini_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(reindex_module, "REBUILD_BATCH", 2)
    index_dir = tmp_path / "index"
    assert reindex(mini_corpus, index_dir, full=True, workers=1).as_dict()["documents"] == 5
    service = SearchService(index_dir, mini_corpus)
    assert found(service, "gylleforsuring") == ["noter/gylle.txt"]
    assert service.search(SearchRequest(q="skybrud"))["total"] == 2


def test_a_corpus_copied_with_new_mtimes_is_not_parsed_again(built, tmp_path, monkeypatch):
    import shutil

    corpus, index_dir, _ = built
    copy = tmp_path / "restored"
    shutil.copytree(corpus, copy, copy_function=shutil.copyfile)  # new mtimes everywhere
    monkeypatch.setattr(reindex_module, "extract_many", lambda *a, **k: pytest.fail("parsed again"))
    summary = reindex(copy, index_dir).as_dict()
    assert summary["unchanged"] == 5 and summary["documents"] == 5
    assert store.current_generation(index_dir).number == 1  # no rebuild either


def test_an_empty_corpus_gives_an_empty_searchable_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    summary = reindex(corpus, tmp_path / "index").as_dict()
    assert (summary["documents"], summary["passages"]) == (0, 0)
    service = SearchService(tmp_path / "index", corpus)
    assert service.search(SearchRequest(q="skybrud"))["total"] == 0
    assert service.search(SearchRequest())["results"] == []
    assert service.stats()["documents"] == 0 and service.meetings() == []
