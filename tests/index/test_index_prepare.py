"""Documents analysed in a parser process (index.prepare) are indexed exactly as Documents analysed
by the writer, and the writer's faster flush (index.segment_writer) writes what plain Whoosh writes."""

from __future__ import annotations

import dataclasses
import pickle

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from index.analysis import Words
from index.prepare import PreparedDocument, prepare
from index.schema import ANALYSED_FIELDS, Postings, build_schema, document_values, file_values
from index.segment_writer import TermGroupedPool
from index.writer import indexed_files, open_writer
from index_files import library_documents, make_document


def documents():
    report = make_document(
        "2023-03-01-moede/rapport.pdf", "Klimahandleplan – ﬁnansiering af CO₂-fangst",
        ["Indhold\nSkybrudsplan ........ 4\nFjernvarme ........ 9", "Skybrudsplanen for midtbyen.",
         "Fjernvarmeselskabernes forsyningssikkerhed og power-to-X."],
        headings=(None, "Skybrud", "Fjernvarme"),
    )
    contents = dataclasses.replace(report.passages[0], toc=True)
    report = dataclasses.replace(report, passages=(contents, *report.passages[1:]))
    empty = make_document("noter/tom.txt", "", [""], format="txt", type="other")
    return [*library_documents(), report, empty]


def test_the_text_is_read_once_for_both_fields_with_the_same_postings():
    schema = build_schema()
    for doc in documents():
        values = document_values(doc)
        for name in ANALYSED_FIELDS:
            once = schema[name].analyse(Words(values[name])).items
            assert list(once) == list(schema[name].index(values[name])), (doc.path, name)


def test_a_prepared_document_carries_its_text_analysed_and_survives_the_trip_from_a_parser():
    doc = documents()[-2]
    prepared = pickle.loads(pickle.dumps(prepare(doc)))
    assert all(isinstance(prepared.values[name], Postings) for name in ANALYSED_FIELDS)
    fields = prepared.fields(123, "stamp")
    assert fields["mtime_ns"] == 123 and fields["deps"] == "stamp" and fields["id"] == doc.id


def _content(ix) -> dict:
    """Everything a search reads: every term's statistics and postings, lengths and stored fields."""
    with ix.reader() as reader:
        terms = {}
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            matcher = reader.postings(fieldname, text)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            terms[fieldname, text] = (info.weight(), info.doc_frequency(), info.min_length(),
                                      info.max_length(), info.max_weight(), postings)
        docs = [
            (reader.stored_fields(d), [reader.doc_field_length(d, name) for name in ANALYSED_FIELDS])
            for d in reader.all_doc_ids()
        ]
        totals = [reader.field_length(name) for name in ANALYSED_FIELDS]
    return {"terms": terms, "docs": docs, "totals": totals}


def _create(folder):
    folder.mkdir()
    return whoosh_index.create_in(str(folder), build_schema())


def _plain_whoosh(folder, docs, batch=None):
    """The documents added by Whoosh's own writer, each field analysed from its text (a segment
    of `batch` documents per commit)."""
    ix = _create(folder)
    batch = batch or len(docs)
    for start in range(0, len(docs), batch):
        writer = ix.writer()
        for doc in docs[start:start + batch]:
            writer.add_document(**document_values(doc), **file_values(7, "d"))
        writer.commit(merge=False)
    return ix


def _ours(folder, docs, batch=None):
    ix = _create(folder)
    with open_writer(ix, batch) as writer:
        for doc in docs:
            writer.put(doc, 7, "d", new=True)
    return ix


def test_prepared_and_writer_analysed_documents_give_the_index_plain_whoosh_gives(tmp_path):
    docs = documents()
    from_parsers = [pickle.loads(pickle.dumps(prepare(doc))) for doc in docs]
    assert all(isinstance(p, PreparedDocument) for p in from_parsers)
    plain = _content(_plain_whoosh(tmp_path / "plain", docs))
    assert plain["terms"] and any(length for _, length in plain["docs"])
    assert _content(_ours(tmp_path / "prepared", from_parsers)) == plain
    assert _content(_ours(tmp_path / "in-writer", docs)) == plain
    # carried-over documents (analysed by the writer) mixed with prepared ones, over several commits
    mixed = [doc if i % 2 else prepared for i, (doc, prepared) in enumerate(zip(docs, from_parsers))]
    assert _content(_ours(tmp_path / "mixed", mixed, batch=5)) == _content(_plain_whoosh(tmp_path / "p5", docs, 5))


def test_what_the_index_remembers_of_a_file_is_a_column_without_terms(tmp_path):
    ix = _ours(tmp_path / "ix", documents()[:3])
    with ix.reader() as reader:
        assert {"path", "checksum", "deps", "size", "mtime_ns"}.isdisjoint(name for name, _ in reader.all_terms())
        remembered = indexed_files(reader)
    doc = documents()[0]
    assert remembered[doc.path].mtime_ns == 7 and remembered[doc.path].deps == "d"
    assert (remembered[doc.path].checksum, remembered[doc.path].size) == (doc.checksum, doc.size)


def test_the_grouped_posting_pool_gives_the_postings_in_sorted_order(tmp_path):
    postings = [("text", b"skybrud", 3, 1.0, b"a"), ("exact", b"regn", 1, 2.0, b"b"),
                ("text", b"skybrud", 1, 3.0, b"c"), ("text", b"plan", 2, 1.0, b"d"),
                ("exact", b"regn", 0, 1.0, b"e"), ("text", b"skybrud", 2, 1.0, b"f")]
    pool = TermGroupedPool(FileStorage(str(tmp_path)), None)
    for posting in postings:
        pool.add(posting)
    assert list(pool.items()) == sorted(postings)
