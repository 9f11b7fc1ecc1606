"""Text of the generated documents, extracted once and shared by every baseline engine.

klimaviden's own ingestion does the extraction (the same parsers the product uses), so every engine
indexes exactly the same words. Without the ingest package (early development) the generator's own
text stands in.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench import corpus_gen
from bench.vocab import load_vocabulary

TYPE_BY_KIND = {"html": "announcement", "txt": "announcement", "pdf": "presentation", "pptx": "presentation"}


@dataclass(frozen=True)
class PlainDoc:
    id: str
    path: str
    title: str
    text: str
    type: str
    date: date | None
    topics: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


def from_document(doc) -> PlainDoc:
    """A PlainDoc from an ingest Document (theme keys are slugs, like the product's theme filter)."""
    from ingest.normalize import slugify

    return PlainDoc(
        id=doc.id, path=doc.path, title=doc.title,
        text="\n".join(p.text for p in doc.passages), type=doc.type, date=doc.date,
        topics=tuple(t.slug for t in doc.topics), themes=tuple(slugify(t) for t in doc.themes),
        organizations=tuple(doc.organizations),
    )


def ingest_fingerprint() -> str:
    """A digest of the ingest package's source: cached extractions are reused only while it is unchanged."""
    import ingest

    digest = hashlib.sha1()
    for path in sorted(Path(ingest.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cached_extract(corpus: Path, source: Path, cache_dir: Path, *, workers: int | None = 2,
                   options=None) -> tuple[list[PlainDoc], dict]:
    """extract_corpus, kept in cache_dir per corpus and ingest version (extraction is the slow part)."""
    try:
        key = f"extract-{corpus.name}-{ingest_fingerprint()}.pickle"
    except ImportError:
        return extract_corpus(corpus, source, workers=workers, options=options)
    path = cache_dir / key
    if path.exists():
        started = time.perf_counter()
        docs, info = pickle.loads(path.read_bytes())
        return docs, dict(info, cached=True, load_seconds=time.perf_counter() - started)
    docs, info = extract_corpus(corpus, source, workers=workers, options=options)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob(f"extract-{corpus.name}-*.pickle"):
        old.unlink()
    path.write_bytes(pickle.dumps((docs, info)))
    return docs, dict(info, cached=False)


def extract_corpus(corpus: Path, source: Path, *, workers: int | None = 2,
                   options=None) -> tuple[list[PlainDoc], dict]:
    """All documents of a corpus as PlainDocs, plus {"seconds", "documents", "failed", "source"};
    `options` (ingest's ExtractOptions: OCR and its cache's data folder) default to the environment's."""
    started = time.perf_counter()
    try:
        from ingest.pipeline import extract_many, scan_corpus
    except ImportError:
        docs = generator_documents(corpus, source)
        return docs, {"seconds": time.perf_counter() - started, "documents": len(docs), "failed": 0,
                      "source": "generator"}
    scan = scan_corpus(corpus)
    docs: list[PlainDoc] = []
    failed = 0
    for _relpath, result in extract_many(corpus, [f.relpath for f in scan.files], workers=workers,
                                              options=options):
        if isinstance(result, Exception):
            failed += 1
        else:
            docs.append(from_document(result))
    docs.sort(key=lambda d: d.path)
    return docs, {"seconds": time.perf_counter() - started, "documents": len(docs), "failed": failed,
                  "source": "ingest"}


def generator_documents(corpus: Path, source: Path) -> list[PlainDoc]:
    """The generator's own view of a cached corpus (its text and metadata), without parsing files."""
    import json

    manifest = json.loads((corpus / corpus_gen.MANIFEST).read_text("utf-8"))
    vocab = load_vocabulary(source)
    seed = manifest["seed"]
    docs = []
    for plan in corpus_gen.plan_corpus(seed, manifest["documents"], vocab):
        text = corpus_gen.render(plan, seed, vocab)
        meeting = plan.meeting
        docs.append(PlainDoc(
            id=plan.relpath, path=plan.relpath, title=text.title, text=text.plain(),
            type=TYPE_BY_KIND[plan.kind], date=plan.day, topics=plan.topics,
            themes=(corpus_gen._slug(meeting.theme),) if meeting else (),
            organizations=meeting.organizations if meeting else (),
        ))
    return docs
