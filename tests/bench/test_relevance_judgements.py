"""The judged query set loads, covers every kind the issue names, and refuses malformed entries."""

from pathlib import Path

import pytest

from bench.relevance.judgements import JUDGEMENTS, KINDS, JudgementError, load

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_the_committed_set_names_only_documents_of_the_sample_corpus():
    queries = load(JUDGEMENTS, CORPUS)
    assert len(queries) >= 60
    assert {q.kind for q in queries} == set(KINDS)
    assert all(q.grades for q in queries)


@pytest.mark.parametrize("entry, message", [
    ('kind = "keywords"\nq = "skybrud"\n[query.grades]\n"noter/x.md" = 3', "must be 0, 1 or 2"),
    ('kind = "spelling"\nq = "skybrud"\n[query.grades]\n"noter/x.md" = 2', "kind must be one of"),
    ('kind = "keywords"\nq = " "\n[query.grades]\n"noter/x.md" = 2', "non-empty"),
    ('kind = "keywords"\nq = "skybrud"\n[query.grades]\n"noter/x.md" = 0', "at least one document"),
    ('kind = "keywords"\nq = "skybrud"\n[query.grades]\n"noter/findes-ikke.md" = 2', "is not a file"),
])
def test_a_malformed_entry_is_refused_with_its_place(tmp_path, entry, message):
    (tmp_path / "noter").mkdir()
    (tmp_path / "noter" / "x.md").write_text("Skybrud", "utf-8")
    path = tmp_path / "queries.toml"
    path.write_text("[[query]]\n" + entry + "\n", "utf-8")
    with pytest.raises(JudgementError, match=message) as raised:
        load(path, tmp_path)
    assert "query 1" in str(raised.value)
