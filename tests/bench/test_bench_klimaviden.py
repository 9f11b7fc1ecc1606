"""klimaviden in the bench: search timed through a fresh SearchService, with the index state it met."""

from pathlib import Path

from bench.engines import klimaviden
from bench.queries import QuerySpec
from reindex import reindex

TEXTS = {
    "noter/skybrud.txt": "Skybrud og klimatilpasning\n\nKommunen planlægger skybrudsveje og forsinkelsesbassiner.",
    "noter/varme.txt": "Varmeplan\n\nFjernvarme og varmepumper erstatter naturgas i kommunen.",
    "noter/trafik.txt": "Transport\n\nElbusser og ladestandere i kommunens nye mobilitetsplan.",
}
QUERIES = [QuerySpec("words1", ("kommunen",)), QuerySpec("words1", ("skybrud",)), QuerySpec("misspelled", ("skybrdu",))]


def write(corpus: Path, texts: dict[str, str]) -> None:
    for relpath, text in texts.items():
        (corpus / relpath).parent.mkdir(parents=True, exist_ok=True)
        (corpus / relpath).write_text(text, "utf-8")


def test_search_after_an_updating_reindex_meets_deleted_documents(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    write(corpus, TEXTS)
    reindex(corpus, index_dir, full=True, workers=1)
    after_build = klimaviden.search_timings(index_dir, corpus, QUERIES, 1, {"plain_words": ("words1",)})
    assert after_build["index"]["deleted_documents"] == 0
    # the misspelled word is corrected and its correction searched (issue 13)
    assert after_build["by_group"]["plain_words"]["n"] == 2 and after_build["hits"]["misspelled"] == 1

    write(corpus, {"noter/varme.txt": TEXTS["noter/varme.txt"] + "\nOpdateret med overskudsvarme."})
    reindex(corpus, index_dir, workers=1)
    after_update = klimaviden.search_timings(index_dir, corpus, QUERIES, 1)
    assert after_update["index"]["deleted_documents"] >= 1, after_update["index"]
    assert after_update["hits"]["words1"] == after_build["hits"]["words1"]


def test_rank_gives_corpus_paths_as_the_results_page_lists_them(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    write(corpus, TEXTS)
    reindex(corpus, index_dir, full=True, workers=1)
    engine = klimaviden.KlimavidenEngine(index_dir, corpus)
    try:
        assert engine.rank(QuerySpec.from_text("keywords", "skybrud")) == ["noter/skybrud.txt"]
        assert len(engine.rank(QuerySpec.from_text("keywords", "kommunen"), limit=2)) == 2
    finally:
        engine.close()
