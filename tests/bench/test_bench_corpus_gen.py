"""The generated benchmark corpus: deterministic, Danish, in the four formats, in meeting folders."""

import tomllib
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from bench import corpus_gen
from bench.vocab import inflections, load_vocabulary

SOURCE = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    data = tmp_path_factory.mktemp("bench-data")
    return corpus_gen.ensure_corpus(SOURCE, data, seed=5, n=60, processes=1)


def test_same_seed_gives_the_same_text_and_a_bigger_corpus_extends_a_smaller_one():
    vocab = load_vocabulary(SOURCE)
    small = corpus_gen.plan_corpus(5, 30, vocab)
    large = corpus_gen.plan_corpus(5, 60, vocab)
    assert large[:30] == small
    assert [corpus_gen.render(p, 5, vocab) for p in small] == [corpus_gen.render(p, 5, vocab) for p in large[:30]]
    assert corpus_gen.plan_corpus(6, 30, vocab) != small


def test_corpus_has_the_requested_documents_in_all_formats(generated):
    folder, manifest = generated
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".") and p.suffix != ".toml"]
    assert len(files) == manifest["documents"] == 60
    assert {p.suffix for p in files} == {".html", ".txt", ".pdf", ".pptx"}
    assert (folder / "taxonomy.toml").read_bytes() == (SOURCE / "taxonomy.toml").read_bytes()


def test_meeting_folders_carry_a_valid_meeting_toml(generated):
    folder, _ = generated
    meetings = list(folder.glob("*/meeting.toml"))
    assert meetings
    data = tomllib.loads(meetings[0].read_text("utf-8"))
    assert data["date"].isoformat() == meetings[0].parent.name[:10]
    assert data["themes"] and data["organizations"]


def test_presentations_have_several_pages_and_slides(generated):
    folder, _ = generated
    pdf = next(folder.rglob("*.pdf"))
    assert len(PdfReader(pdf).pages) >= 3
    deck = Presentation(next(folder.rglob("*.pptx")))
    assert len(deck.slides) >= 4


def test_second_call_reuses_the_cached_corpus(generated, tmp_path):
    folder, manifest = generated
    again, manifest_again = corpus_gen.ensure_corpus(SOURCE, folder.parent, seed=5, n=60)
    assert again == folder and manifest_again == manifest


def test_danish_inflections():
    assert inflections("varmepumpe") == ("varmepumpe", "varmepumpen", "varmepumper", "varmepumperne")
    assert inflections("cykel") == ("cykel", "cyklen", "cykler", "cyklerne")


def test_one_pdf_in_fifty_is_scanned_and_a_bigger_corpus_keeps_the_scans_of_a_smaller_one():
    vocab = load_vocabulary(SOURCE)
    plans = corpus_gen.plan_corpus(5, 2000, vocab)
    pdfs = [p for p in plans if p.kind == "pdf"]
    scans = [p for p in plans if p.scanned]
    assert all(p.kind == "pdf" for p in scans)
    assert len(scans) == (len(pdfs) + corpus_gen.SCANNED_EVERY // 2) // corpus_gen.SCANNED_EVERY >= 4
    assert pdfs.index(scans[0]) == corpus_gen.SCANNED_EVERY // 2
    smaller = corpus_gen.plan_corpus(5, 1000, vocab)
    assert [p for p in smaller if p.scanned] == [p for p in scans if p in smaller]


def test_mark_scanned_counts_only_pdfs_in_plan_order():
    day = corpus_gen.FIRST_DAY
    plans = [corpus_gen.DocPlan(f"d{k}.{kind}", kind, day, ()) for k, kind in enumerate("pdf txt pdf html pdf pdf pdf".split())]
    marked = corpus_gen.mark_scanned(plans, every=2)
    assert [p.relpath for p in marked if p.scanned] == ["d2.pdf", "d5.pdf"]
    assert [p.relpath for p in marked] == [p.relpath for p in plans]


def test_a_scanned_pdf_has_image_pages_and_no_text_layer(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_gen, "SCANNED_EVERY", 2)  # a scan in a corpus of a few PDFs
    folder, manifest = corpus_gen.ensure_corpus(SOURCE, tmp_path, seed=5, n=25, processes=1)
    assert manifest["scanned_pdfs"], manifest
    scan = PdfReader(folder / manifest["scanned_pdfs"][0])
    assert len(scan.pages) >= 3
    assert all(not page.extract_text().strip() and page.images for page in scan.pages)
    text_pdf = next(p for p in folder.rglob("*.pdf") if p.relative_to(folder).as_posix() not in manifest["scanned_pdfs"])
    assert PdfReader(text_pdf).pages[0].extract_text().strip()
