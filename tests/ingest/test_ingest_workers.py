"""read_ahead: the index writer's busy moments (a batch commit) no longer stop the parsers."""

import time

import pytest

from ingest.workers import read_ahead


def test_read_ahead_yields_everything_in_order():
    assert list(read_ahead(iter(range(50)), depth=4)) == list(range(50))


def test_read_ahead_keeps_producing_while_the_consumer_is_busy():
    produced = []

    def source():
        for number in range(10):
            produced.append(number)
            yield number

    results = read_ahead(source(), depth=8)
    assert next(results) == 0
    time.sleep(0.3)  # the consumer is busy; the producer is not waiting for it
    assert len(produced) >= 9
    assert list(results) == list(range(1, 10))


def test_read_ahead_raises_the_sources_error_to_the_consumer():
    def source():
        yield 1
        raise RuntimeError("parser bug")

    results = read_ahead(source(), depth=2)
    assert next(results) == 1
    with pytest.raises(RuntimeError, match="parser bug"):
        next(results)


def test_a_consumer_that_stops_early_closes_the_source():
    closed = []

    def source():
        try:
            yield from range(1000)
        finally:
            closed.append(True)

    results = read_ahead(source(), depth=2)
    assert next(results) == 0
    results.close()
    assert closed == [True]
