"""SearchService under concurrent use: threads searching while reindex runs commit and swap
generations see one consistent state at a time and never an error."""

from __future__ import annotations

import threading

from index.query import SearchRequest
from reindex import reindex
from index.service import SearchService


def test_threads_search_while_the_index_changes(mini_corpus, tmp_path):
    index_dir = tmp_path / "index"
    reindex(mini_corpus, index_dir, workers=1)
    service = SearchService(index_dir, mini_corpus)
    errors: list[BaseException] = []
    seen: set[tuple[int, int]] = set()
    stop = threading.Event()

    def searcher():
        while not stop.is_set():
            try:
                everything = service.search(SearchRequest(per_page=100))["total"]
                gylle = service.search(SearchRequest(q="gylleforsuring"))["total"]
                seen.add((everything, gylle))
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=searcher) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        note = mini_corpus / "noter" / "gylle.txt"
        original = note.read_text("utf-8")
        for round_ in range(2):
            note.write_text("Halm og biomasse.\n", "utf-8")
            reindex(mini_corpus, index_dir, workers=1)
            note.write_text(original, "utf-8")
            reindex(mini_corpus, index_dir, workers=1, full=round_ == 1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    # 5 documents throughout; the note either has the word or not
    assert seen <= {(5, 1), (5, 0)} and (5, 1) in seen
