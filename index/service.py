"""SearchService: the one search implementation behind the CLI and the web app.

One per process. It keeps an open searcher and reopens it when the live generation changes
(a full rebuild was swapped in) or the generation got a new commit (an incremental reindex), so a
running web app sees new content without a restart. Thread-safe: searcher use is serialised.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from index import bits
from index.errors import IndexDamaged
from index.fields import EXACT, STEMMED
from index.facets import ReaderFacets
from index.integrity import require_content, require_sizes
from index.forms import WordForms
from index.lexicon import Lexicon
from index.postings import Postings
from index.query import SearchRequest
from index.related import related_docnums
from index.ranking import TermIndex
from index.spelling import Speller
from index.synonyms import from_meta
from index.search import View, brief, run_search, stored_document
from index.store import META, Generation, index_bytes, read_refusal, reader_toc, require_current
from ingest.programme import linked_programme
from index.writer import passage_count
from klimaviden.danish.compounds import default_vocabulary

# The index terms warm() reads ahead: the most frequent ones, which cost most to read (tens of
# milliseconds each at 20,000 documents) and are in most queries; about 20 MB at 20,000 documents.
WARM_TERMS = 256


class _Open:
    """An open generation: its Whoosh index, a searcher, the cached facet sets and the metadata."""

    def __init__(self, generation: Generation):
        self.generation = generation
        self.ix = None
        self.searcher = None
        try:
            self.ix = generation.open()
            toc = self.ix.latest_generation()
            # sizes before any segment is opened: a truncated file is named, not read
            require_sizes(generation.path, generation.manifest(generation.meta(toc=toc), toc))
            self.searcher = self.ix.searcher()
            self._load()
        except BaseException:
            self.close()
            raise

    def _load(self):
        reader = self.searcher.reader()
        self._load_meta()
        require_sizes(self.generation.path, self.manifest)  # a few stat calls per commit opened
        postings = Postings(reader)
        self.facets = ReaderFacets(reader, postings)
        terms = TermIndex(self.searcher, self.facets.live, postings=postings)
        self.lexicon = Lexicon(reader)
        speller = Speller(reader, self.generation.path, self.lexicon)
        forms = WordForms(self.lexicon)
        self.view = View(self.searcher, self.facets, terms, speller, forms, from_meta(self.meta))

    def _load_meta(self) -> None:
        self.meta_stamp = self._meta_stamp()
        self.meta = self.generation.meta(toc=reader_toc(self.searcher.reader()))
        self.manifest = self.generation.manifest(self.meta, reader_toc(self.searcher.reader()))

    def _meta_stamp(self):
        try:
            found = (self.generation.path / META).stat()
        except OSError:
            return None
        return found.st_mtime_ns, found.st_size

    def refresh(self) -> None:
        if not self.searcher.up_to_date():
            # a fresh searcher, not Searcher.refresh(): that one shares segment readers with the
            # old searcher, which could then not be closed safely
            old = self.searcher
            self.searcher = self.ix.searcher()
            old.close()
            self._load()
        elif self._meta_stamp() != self.meta_stamp:  # a reindex that changed no document, only
            self._load_meta()  # metadata such as the synonyms
            self.view = replace(self.view, synonyms=from_meta(self.meta))

    def close(self) -> None:
        if self.searcher is not None:
            self.searcher.close()
        if self.ix is not None:
            self.ix.close()


def _open_checked(generation: Generation) -> _Open:
    """Open a generation; a failure to read it is checked against the recorded checksums, and
    becomes IndexDamaged when the files are not what was committed (else it is a bug: re-raised)."""
    try:
        return _Open(generation)
    except IndexDamaged:
        raise
    except Exception:
        _raise_if_damaged(generation, None)
        raise


def _raise_if_damaged(generation: Generation, manifest: dict | None) -> None:
    if manifest is None:
        manifest = generation.meta().get("files")  # garbled metadata raises IndexDamaged itself
        if not manifest:  # nothing recorded to check against: a file that cannot be read is damage
            raise IndexDamaged(generation.path, "dets filer kan ikke læses")
    require_content(generation.path, manifest)


class SearchService:
    def __init__(self, index_dir: Path, corpus_dir: Path | None = None):
        self.index_dir = Path(index_dir)
        self.corpus_dir = Path(corpus_dir) if corpus_dir is not None else None
        self._lock = threading.RLock()
        self._open: _Open | None = None
        self._warmed: TermIndex | None = None  # the term cache warm() last filled

    # -- keeping the searcher current ---------------------------------------------------------

    def _current(self) -> _Open:
        """The open generation, reopened or refreshed if the index changed. Call with the lock held."""
        generation = require_current(self.index_dir)
        if self._open is None or self._open.generation != generation:
            fresh = _open_checked(generation)
            if self._open is not None:
                self._open.close()
            self._open = fresh
        else:
            try:
                self._open.refresh()
            except IndexDamaged:
                raise
            except Exception:
                _raise_if_damaged(generation, None)
                raise
        return self._open

    @contextmanager
    def _reading(self):
        """The open generation, under the lock; a read that fails on damaged files says so."""
        with self._lock:
            live = self._current()
            try:
                yield live
            except IndexDamaged:
                raise
            except Exception:
                _raise_if_damaged(live.generation, live.manifest)
                raise

    def close(self) -> None:
        with self._lock:
            if self._open is not None:
                self._open.close()
                self._open = None

    def warm(self, terms: int = WARM_TERMS) -> dict:
        """Do now what the first searches after a reindex would otherwise pay for: open the live
        generation (facet sets, field lengths), load the compound vocabulary the query side splits
        words with, the term lists that phrase words and compounds are looked up in and the
        spelling vocabulary, read the postings of the `terms` most frequent index terms, and open
        each segment's stored documents and postings files (a first read of a segment's stored
        documents costs milliseconds). Cheap when nothing changed since the last call.
        {"opened": bool, "terms": n, "segments": n, "seconds": s}."""
        started = time.perf_counter()
        default_vocabulary()
        with self._reading() as live:
            opened = live.view.terms is not self._warmed  # a new generation or a new commit
            read = segments = 0
            if opened:
                live.lexicon.load(EXACT, STEMMED)
                live.view.speller.load()
                segments = _open_segments(live.searcher, live.view.terms.postings)
                read = live.view.terms.preload(STEMMED, terms)
            self._warmed = live.view.terms
        return {"opened": opened, "terms": read, "segments": segments, "seconds": time.perf_counter() - started}

    # -- searching ----------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> dict:
        with self._reading() as live:
            return run_search(live.view, request, live.facets.theme_labels)

    def document(self, doc_id: str) -> dict | None:
        with self._reading() as live:
            docnum = live.facets.by_id.get(doc_id)
            if docnum is None:
                return None
            doc = stored_document(live.searcher, docnum)
            doc["related"] = self._briefs(live, related_docnums(live.view, docnum, 5))
            return doc

    def related(self, doc_id: str, limit: int = 5) -> list[dict]:
        with self._reading() as live:
            docnum = live.facets.by_id.get(doc_id)
            if docnum is None:
                return []
            return self._briefs(live, related_docnums(live.view, docnum, max(1, min(limit, 50))))

    @staticmethod
    def _briefs(live: _Open, docnums) -> list[dict]:
        return [brief(stored_document(live.searcher, d)) for d in docnums]

    # -- meetings and topics ------------------------------------------------------------------

    def _meeting(self, live: _Open, meeting: dict) -> dict:
        mask = live.facets.value_mask("meeting", meeting["id"])
        docnums = live.facets.newest_first(mask)
        documents = [stored_document(live.searcher, d) for d in docnums]
        briefs = sorted((brief(d) for d in documents), key=lambda b: (b["title"] or "").casefold())
        programme = linked_programme(meeting.get("programme") or [], documents)
        return {**meeting, "programme": programme, "documents": briefs}

    def meetings(self) -> list[dict]:
        with self._reading() as live:
            listed = sorted(
                live.meta.get("meetings", []),
                key=lambda m: (m.get("date") or "", m["id"]),
                reverse=True,
            )
            return [self._meeting(live, m) for m in listed]

    def meeting(self, meeting_id: str) -> dict | None:
        with self._reading() as live:
            for meeting in live.meta.get("meetings", []):
                if meeting["id"] == meeting_id:
                    return self._meeting(live, meeting)
            return None

    def topics(self) -> list[dict]:
        with self._reading() as live:
            return [
                {
                    "slug": t["slug"],
                    "label": t["label"],
                    "description": t.get("description", ""),
                    "count": bits.count(live.facets.value_mask("topic", t["slug"])),
                }
                for t in live.meta.get("taxonomy", [])
            ]

    def topic_slugs(self) -> list[str]:
        """The valid DK2020 slugs (for parse_search_params(valid_topics=...)), without counting
        their documents: every search request asks for them."""
        with self._reading() as live:
            return [t["slug"] for t in live.meta.get("taxonomy", [])]

    # -- state of the index -------------------------------------------------------------------

    def health(self) -> dict:
        with self._reading() as live:
            health = {
                "generation": live.generation.number,
                "documents": live.facets.count,
                "last_reindex": _iso(live.meta.get("last_reindex")),
            }
        refusal = read_refusal(self.index_dir)
        if refusal:
            health["refused_run"] = {**refusal, "at": _iso(refusal.get("at"))}
        return health

    def stats(self) -> dict:
        with self._reading() as live:
            topics = {
                t["slug"]: bits.count(live.facets.value_mask("topic", t["slug"]))
                for t in live.meta.get("taxonomy", [])
            }
            for slug, mask in live.facets.values["topic"].items():
                topics.setdefault(slug, bits.count(mask))
            return {
                "documents": live.facets.count,
                "passages": passage_count(live.searcher.reader()),
                "topics": topics,
                "index_bytes": index_bytes(live.generation),
                "generation": live.generation.number,
                "last_reindex": _iso(live.meta.get("last_reindex")),
                "last_failures": list(live.meta.get("failures", [])),
                "refused_run": read_refusal(self.index_dir),
            }

    def corpus_file(self, doc_id: str) -> Path | None:
        """The original file of an indexed document, only if it is still inside the corpus folder."""
        if self.corpus_dir is None:
            return None
        with self._reading() as live:
            docnum = live.facets.by_id.get(doc_id)
            if docnum is None:
                return None
            relpath = stored_document(live.searcher, docnum)["path"]
        root = self.corpus_dir.resolve()
        candidate = (root / relpath).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file():
            return None
        return candidate


def _iso(timestamp) -> str | None:
    if timestamp is None:
        return None
    if isinstance(timestamp, str):
        return timestamp
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat(timespec="seconds")


def _open_segments(searcher, postings) -> int:
    """Open every segment's stored documents (by reading one) and postings files; how many segments."""
    postings.open_files(STEMMED, EXACT)
    leaves = searcher.reader().leaf_readers()
    for leaf, _ in leaves:
        first = next(iter(leaf.all_doc_ids()), None)
        if first is not None:
            leaf.stored_fields(first)
    return len(leaves)
