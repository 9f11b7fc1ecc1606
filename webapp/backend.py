"""The one SearchService an app uses, opened on first use so the app can start before the index exists."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from pathlib import Path

from flask import Flask, current_app

from index.service import SearchService

EXTENSION = "klimaviden.search"

log = logging.getLogger(__name__)


class ServiceHolder:
    """Opens the SearchService once, under a lock; retries on the next request if opening failed."""

    def __init__(self, index_dir: Path, corpus_dir: Path | None):
        self.index_dir = Path(index_dir)
        self.corpus_dir = Path(corpus_dir) if corpus_dir else None
        self._service: SearchService | None = None
        self._lock = threading.Lock()

    def get(self) -> SearchService:
        service = self._service
        if service is None:
            with self._lock:
                if self._service is None:
                    # Raises IndexMissing while no index is built; the error handler turns that into a 503.
                    self._service = SearchService(self.index_dir, self.corpus_dir)
                service = self._service
        return service


def init_app(app: Flask) -> None:
    holder = ServiceHolder(app.config["INDEX_DIR"], app.config["CORPUS_DIR"])
    app.extensions[EXTENSION] = holder
    seconds = app.config.get("WARM_SECONDS", 0 if app.testing else WARM_SECONDS)
    if seconds:
        start_warmer(holder, float(seconds))


# How often the app looks for a new index to warm up before a visitor meets it.
WARM_SECONDS = 30


def start_warmer(holder: ServiceHolder, seconds: float) -> threading.Thread:
    """A daemon thread that, every `seconds`, opens the live index if a reindex replaced or
    changed it and reads ahead what its first searches would otherwise wait for (see
    SearchService.warm): the first search after a nightly reindex is as fast as the next ones."""

    def run() -> None:
        while True:
            try:
                holder.get().warm()
            except Exception:  # noqa: BLE001 - no index yet, or a damaged one: the pages say so
                log.debug("warming the search service failed", exc_info=True)
            time.sleep(seconds)

    thread = threading.Thread(target=run, name="klimaviden-warmer", daemon=True)
    thread.start()
    return thread


def get_service() -> SearchService:
    return current_app.extensions[EXTENSION].get()


# The service returns at most this many results per call (the API's per_page limit).
MAX_PER_PAGE = 100


def all_results(service: SearchService, search_req, limit: int) -> list[dict]:
    """Every result of a search in its order (up to `limit`), fetched a full page at a time;
    the request's own page and per_page are not used."""
    search_req = dataclasses.replace(search_req, per_page=MAX_PER_PAGE)
    rows: list[dict] = []
    page = 1
    while len(rows) < limit:
        result = service.search(dataclasses.replace(search_req, page=page))
        batch = result.get("results") or []
        rows.extend(batch)
        if len(batch) < MAX_PER_PAGE or len(rows) >= int(result.get("total") or 0):
            break
        page += 1
    return rows[:limit]
