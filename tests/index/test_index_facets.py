"""index/facets.py: per-value document sets read once per reader, counted against the hits."""

from __future__ import annotations

from datetime import date

import pytest

from index import bits, store
from index.facets import ReaderFacets
from index.writer import open_writer
from index_files import build_from_documents, make_document


def _doc(n: int, org: str, year: int):
    return make_document(f"noter/{n}.md", f"Notat {n}", [f"Notat nummer {n} om energi."],
                         format="markdown", day=date(year, 1, 1), organizations=(org,),
                         topics=("energi",) if n % 2 else ())


@pytest.fixture
def facets(tmp_path):
    """Facets of an index of two commits, one document deleted (an updated file removed)."""
    index_dir = tmp_path / "index"
    build_from_documents(index_dir, [_doc(n, "KL" if n < 3 else "Dansk Industri", 2020 + n % 2) for n in range(6)])
    generation = store.current_generation(index_dir)
    ix = generation.open()
    with open_writer(ix) as writer:
        writer.put(_doc(6, "KL", 2022), 0, new=True)
        writer.remove(_doc(0, "KL", 2020).id)
    reader = ix.reader()
    yield ReaderFacets(reader)
    reader.close()
    ix.close()


def test_values_count_live_documents_only(facets):
    assert facets.count == 6
    assert bits.count(facets.value_mask("organization", "KL")) == 3  # 1, 2 and 6; 0 was removed
    assert bits.count(facets.org_mask("dansk industri")) == 3


def test_counts_apply_every_filter_but_their_own(facets):
    masks = {"org": facets.org_mask("KL")}
    counts = facets.counts(facets.live, masks)
    assert counts["organization"] == {"Dansk Industri": 3, "KL": 3}  # its own filter is ignored
    assert counts["year"] == {"2022": 1, "2021": 1, "2020": 1}


def test_a_query_naming_an_organisation_is_recognised_by_its_words(facets):
    assert facets.organization_keys[("dansk", "industri")] == ("Dansk Industri",)


def test_newest_first_orders_by_date_then_document_number_and_pages(facets):
    everyone = bits.to_docnums(facets.live)
    expected = sorted(everyone, key=lambda d: (-facets.day[d], d))  # 2022, then 2021s, then 2020s
    assert facets.newest_first(facets.live) == expected
    assert facets.newest_first(facets.live, 1, 3) == expected[1:3]
    some = bits.from_docnums(expected[::2], facets.size)
    assert facets.newest_first(some) == expected[::2]
    assert facets.newest_first(0) == []
