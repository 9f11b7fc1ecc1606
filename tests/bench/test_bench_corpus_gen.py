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
