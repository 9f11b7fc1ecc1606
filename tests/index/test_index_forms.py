"""index/forms.py: the inflected forms of a phrase word that stand in the index."""

from __future__ import annotations

from datetime import date

import pytest

from index import store
from index.forms import WordForms, as_written
from index.lexicon import Lexicon
from index_files import build_from_documents, make_document


@pytest.fixture
def forms(tmp_path):
    texts = ["Kommunen og kommunerne", "Kommunernes klimaplaner", "En kommunal plan", "Symbiosen i Kalundborg"]
    build_from_documents(tmp_path / "index", [
        make_document(f"noter/{i}.md", f"Notat {i}", [text], format="markdown", day=date(2021, 1, 1 + i))
        for i, text in enumerate(texts)
    ])
    ix = store.current_generation(tmp_path / "index").open()
    reader = ix.reader()
    yield WordForms(Lexicon(reader))
    reader.close()
    ix.close()


def test_a_word_matches_the_forms_with_its_stem(forms):
    assert set(forms("kommune")) == {"kommune", "kommunen", "kommunerne", "kommunernes"}
    assert forms("kommune")[0] == "kommune"  # the word itself first, even when not in the index
    assert "kommunal" not in forms("kommune")  # another stem


def test_short_words_and_exact_phrases_keep_the_word_as_written(forms):
    assert forms("i") == ("i",)
    assert as_written("symbiose") == ("symbiose",)
    assert set(forms("symbiose")) == {"symbiose", "symbiosen"}
