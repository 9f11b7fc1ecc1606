"""index/lexicon.py: a field's sorted terms in memory, for prefix scans by bisection. It must list
exactly the terms Whoosh's own term iteration lists, on an index of several segments with
deletions, so that the forms of a phrase word and the longer compounds of a compound are the same
as when they were read with reader.expand_prefix."""

from __future__ import annotations

import sys
from datetime import date
from itertools import islice

import pytest

from index import forms as forms_module
from index import store
from index.fields import EXACT, STEMMED
from index.forms import WordForms
from index.lexicon import Lexicon
from index.query import parse_search_params
from index.service import SearchService
from index.writer import open_writer
from index_files import build_from_documents, make_document

TEXTS = [
    "Kommunen og kommunerne laver kommunernes klimaplaner sammen med en kommunal forvaltning.",
    "Symbiosen i Kalundborg deler overskudsvarme; symbiosens virksomheder planlægger mere.",
    "Varmeplanen og varmeplanlægningen i byen: varmeplaner for fjernvarme og varmepumper.",
    "Grøn omstilling, grønne tage og grønt byggeri i bydelene, bygningerne og byens gader.",
    "Affaldssortering og sortering af affald på genbrugspladsen; affaldet sorteres i fraktioner.",
    "Klimatilpasning mod skybrud: skybruddet fyldte kældrene, og skybruddene kommer igen.",
    "CO2-fangst og lagring af CO2 i undergrunden; fangsten koster, lagringen er omdiskuteret.",
    "Bygningsrenovering, bygningsreglementet og byggeriets klimakrav skærpes i år.",
]
DELETED = {1, 6, 9}  # the only document with "omdiskuteret" is among them


def _documents():
    return [
        make_document(f"noter/n{i}.md", f"Notat {i}", [TEXTS[i % len(TEXTS)] + f" Nummer {i}."],
                      format="markdown", day=date(2021, 1, 1 + i))
        for i in range(12)
    ]


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    """A reader of an index of several segments (three documents each), with deletions."""
    generation = store.create_generation(tmp_path_factory.mktemp("lexicon") / "index")
    ix = generation.open()
    documents = _documents()
    with open_writer(ix, batch=3) as writer:
        for doc in documents:
            writer.put(doc, 0, new=True)
    with open_writer(ix, batch=len(documents)) as writer:  # batched: committed without a merge
        for i in sorted(DELETED):
            writer.remove(documents[i].id)
    opened = ix.reader()
    yield opened
    opened.close()
    ix.close()


class WhooshPrefixes:
    """The terms with a prefix as WordForms read them before index/lexicon.py: Whoosh's merged
    term iteration over every segment."""

    def __init__(self, reader):
        self.reader = reader

    def with_prefix(self, field, prefix, limit):
        return [t.decode("utf-8") for t in islice(self.reader.expand_prefix(field, prefix), limit)]


def test_the_fixture_has_several_segments_with_deletions(reader):
    assert len(reader.leaf_readers()) >= 4
    assert reader.has_deletions() and reader.doc_count() < reader.doc_count_all()


@pytest.mark.parametrize("field", [EXACT, STEMMED])
def test_the_term_list_is_whooshs_own_in_the_same_order(reader, field):
    terms = Lexicon(reader).terms(field)
    assert terms == [t.decode("utf-8") for t in reader.lexicon(field)]
    assert "omdiskuteret" in Lexicon(reader).terms(EXACT)  # its document is deleted: Whoosh lists it still


def test_a_term_is_in_the_lexicon_when_whoosh_knows_it(reader):
    lexicon = Lexicon(reader)
    words = ["kommunen", "grøn", "grønne", "omdiskuteret", "co2", "kommune", "ø", "", "zzz", "skybruddenes"]
    for field in (EXACT, STEMMED):
        for word in words:
            assert ((field, word) in lexicon) == ((field, word) in reader), (field, word)


def test_prefix_scans_stop_at_the_limit_and_at_the_prefix(reader):
    lexicon = Lexicon(reader)
    whoosh = WhooshPrefixes(reader)
    for prefix in ["kommun", "by", "grøn", "b", "varmeplan", "æ", "zz", "", "b" + chr(sys.maxunicode)]:
        for limit in (1, 2, 3, 1000):
            assert lexicon.with_prefix(EXACT, prefix, limit) == whoosh.with_prefix(EXACT, prefix, limit)


@pytest.mark.parametrize("scanned, most, longer", [(3000, 40, 8), (3, 2, 1)])
def test_forms_and_longer_compounds_are_those_read_with_expand_prefix(reader, monkeypatch, scanned, most, longer):
    monkeypatch.setattr(forms_module, "MAX_SCANNED", scanned)
    monkeypatch.setattr(forms_module, "MAX_FORMS", most)
    monkeypatch.setattr(forms_module, "MAX_LONGER", longer)
    new, old = WordForms(Lexicon(reader)), WordForms(WhooshPrefixes(reader))
    words = Lexicon(reader).terms(EXACT) + ["kommune", "symbiose", "skybrud", "byggeri", "klimatilpasnig"]
    for word in words:
        assert new(word) == old(word), word
    for term in Lexicon(reader).terms(STEMMED) + ["varmeplan", "bygning", "affald"]:
        assert new.longer_compounds(term) == old.longer_compounds(term), term
    assert len(new("kommune")) > 2 or most < 3  # the scan found inflections at all


def test_a_phrase_finds_an_inflection_added_by_a_later_commit_after_the_warm_up(tmp_path):
    """The term lists belong to one open reader: after a reindex the new words are there."""
    index_dir = tmp_path / "index"
    first = make_document("noter/symbiose.md", "Symbiose", ["Symbiosen i Kalundborg vokser."], format="markdown")
    build_from_documents(index_dir, [first])
    service = SearchService(index_dir)
    try:
        service.warm(terms=1)
        assert set(service._open.lexicon._terms) == {EXACT, STEMMED}  # read ahead, not by a search

        def found(q):
            return service.search(parse_search_params({"q": [q]}))

        assert found('"Kalundborg Symbiose"')["phrase_relaxed"]  # the words stand in the other order
        ix = store.current_generation(index_dir).open()
        later = make_document("noter/kalundborg.md", "Kalundborg", ["Kalundborg Symbiosens nye partnere."],
                              format="markdown")
        with open_writer(ix) as writer:
            writer.put(later, 0, new=True)
        ix.close()
        assert service.warm(terms=1)["opened"]
        result = found('"Kalundborg Symbiose"')
        assert result["results"][0]["path"] == "noter/kalundborg.md"
        assert "<mark>Kalundborg Symbiosens</mark>" in result["results"][0]["snippet"]  # the phrase itself
    finally:
        service.close()
