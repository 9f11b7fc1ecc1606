"""A text file that is one long line, or one long "word" without spaces (an encoded image pasted
into a note), is parsed in time linear in its size, well inside the parser's time limit."""

from __future__ import annotations

import random
import time

import pytest

from ingest.pipeline import Limits, extract_file
from reliability_helpers import copy_taxonomy


def one_line(size: int) -> bytes:
    """Danish sentences and runs of 100,000 letters without a space, on one line."""
    rng = random.Random(7)
    sentence = "Kommunen arbejder med fjernvarme, skybrud og klimatilpasning i Vejle. "
    chunks, total = [], 0
    while total < size:
        chunk = sentence * 200 + "".join(rng.choice("abcdefghijklmnopqrstuvwxyzæøå") for _ in range(100_000)) + " "
        chunks.append(chunk)
        total += len(chunk.encode("utf-8"))
    return "".join(chunks).encode("utf-8")[:size]


@pytest.mark.parametrize(
    "megabytes, seconds",
    [(1, 15), pytest.param(5, Limits().timeout_seconds, marks=pytest.mark.slow)],
)
def test_a_one_line_text_file_is_parsed_in_linear_time(tmp_path, megabytes, seconds):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    copy_taxonomy(corpus)
    (corpus / "indsat-billede.txt").write_bytes(one_line(megabytes * 1024 * 1024))
    started = time.monotonic()
    document = extract_file(corpus, "indsat-billede.txt")
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"{megabytes} MB on one line took {elapsed:.1f} s"
    assert "klimatilpasning" in {t for m in document.topics for t in m.terms}
