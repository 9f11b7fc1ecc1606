"""What the corpus scan reports besides the files: folders it could not read, and files whose
names collide once normalised (twins). Neither may make documents vanish or runs disagree."""

from __future__ import annotations

import os
import unicodedata

import pytest

from ingest.pipeline import scan_corpus


def write(corpus, relpath: str, text: str = "Notat om klima og vand.\n"):
    path = corpus / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_that_cannot_be_listed_is_reported_not_taken_for_empty(corpus, unlistable):
    write(corpus, "noter/a.txt")
    write(corpus, "arkiv/2019/b.txt")
    write(corpus, "arkiv/2019/c.txt")
    unlistable(corpus / "arkiv" / "2019")
    scan = scan_corpus(corpus)
    assert [f.relpath for f in scan.files if f.relpath.endswith(".txt")] == ["noter/a.txt"]
    assert scan.unreadable == [("arkiv/2019", "Permission denied")]
    assert scan.unlisted("arkiv/2019/b.txt") and scan.unlisted("arkiv/2019")
    assert not scan.unlisted("arkiv/2019b.txt") and not scan.unlisted("noter/a.txt")
    assert scan.failures() == [{
        "path": "arkiv/2019",
        "error": "mappen kan ikke læses (Permission denied); dens dokumenter bliver stående i søgningen",
    }]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_without_read_permission_is_reported(corpus):
    write(corpus, "arkiv/b.txt")
    (corpus / "arkiv").chmod(0)
    try:
        scan = scan_corpus(corpus)
    finally:
        (corpus / "arkiv").chmod(0o755)
    assert [path for path, _ in scan.unreadable] == ["arkiv"]


def test_nfc_and_nfd_twins_are_reported_and_the_nfc_file_is_kept(corpus):
    nfc = unicodedata.normalize("NFC", "noter/vådområde.txt")
    nfd = unicodedata.normalize("NFD", "noter/vådområde.txt")
    write(corpus, nfd, "Den ene udgave.\n")
    write(corpus, nfc, "Den anden udgave.\n")
    if len(list((corpus / "noter").iterdir())) < 2:
        pytest.skip("this file system normalises names itself")
    for _ in range(2):  # the same answer every time
        scan = scan_corpus(corpus)
        kept = [f for f in scan.files if f.relpath == nfc]
        assert len(kept) == 1 and kept[0].abspath.name == unicodedata.normalize("NFC", "vådområde.txt")
        assert [(t.relpath, t.indexed, t.others) for t in scan.twins] == [(nfc, nfc, (nfd,))]
        [failure] = scan.failures()
        assert failure["path"] == nfc and repr(nfd) in failure["error"] and repr(nfc) in failure["error"]


def test_a_backslash_name_beside_the_folder_it_names_is_a_twin(corpus):
    write(corpus, "noter/x.txt", "Den rigtige.\n")
    write(corpus, "noter\\x.txt", "Den med skråstreg.\n")
    scan = scan_corpus(corpus)
    assert [f.relpath for f in scan.files if f.relpath.endswith("x.txt")] == ["noter/x.txt"]
    kept = next(f for f in scan.files if f.relpath == "noter/x.txt")
    assert kept.abspath.read_text(encoding="utf-8") == "Den rigtige.\n"
    assert [(t.indexed, t.others) for t in scan.twins] == [("noter/x.txt", ("noter\\x.txt",))]
    assert "kun 'noter/x.txt' kommer i søgningen" in scan.failures()[0]["error"]
