"""OCR of the corpus's scanned PDFs, measured apart from the full build.

Tesseract takes 2-4 CPU seconds a page, so a few dozen scans would swamp the build figures that
earlier runs are compared with. For each size the bench therefore:

1. builds an index of only the scanned PDFs (hard links, with their meeting files) with an empty
   OCR cache in the size's own data folder: every page is read by Tesseract, and the parser
   processes log each page's seconds and confidence (caught here through `PageLog`);
2. builds the same index again with the cache now warm: every page comes from the cache. The
   difference is what OCR adds to the first (cold-cache) build, in wall and CPU seconds;
3. leaves the cache warm, so the timed full build of the whole corpus (next in the runner) reads
   the scans' text from it, as every build after the first does in real use.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from bench import corpus_gen
from bench.engines import klimaviden
from bench.stats import summarize

PAGE_LOGGER = "ingest.pdf_ocr"  # ingest/pdf_ocr.py logs "<file>: page N read by OCR in S s (confidence C)"
_PAGE_MESSAGE = "read by OCR in"


def page_record(record: logging.LogRecord) -> dict | None:
    """{"file", "page", "seconds", "confidence"} of a page-read log record, None for any other."""
    args = record.args if isinstance(record.args, tuple) else ()
    if _PAGE_MESSAGE not in str(record.msg) or len(args) != 4:
        return None
    name, page, seconds, confidence = args
    return {"file": str(name), "page": int(page), "seconds": float(seconds), "confidence": float(confidence)}


class PageLog(logging.Handler):
    """One JSON line per page read by OCR, appended to `path`. Installed in the build process
    before its parser processes are forked, so they inherit it; each line is written and flushed
    at once, so the processes' lines do not mix."""

    def __init__(self, path: Path):
        super().__init__(logging.INFO)
        self.stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed by close()

    def emit(self, record: logging.LogRecord) -> None:
        page = page_record(record)
        if page is not None:
            self.stream.write(json.dumps(page) + "\n")
            self.stream.flush()

    def close(self) -> None:
        logging.getLogger(PAGE_LOGGER).removeHandler(self)
        self.stream.close()
        super().close()

    def install(self) -> "PageLog":
        logger = logging.getLogger(PAGE_LOGGER)
        logger.setLevel(logging.INFO)
        logger.addHandler(self)
        return self


def read_page_log(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def summarize_ocr(pages: list[dict], cold: dict, warm: dict) -> dict:
    """The OCR figures of a cold-cache and a warm-cache build of the same scanned PDFs (each a
    `klimaviden.full_build` result) and the pages their parser processes logged."""
    count = cold["report"].get("ocr_pages", 0)
    extra_cpu = cold["cpu_seconds"] - warm["cpu_seconds"]
    return {
        "available": True, "files": cold["documents"], "pages": count,
        "pages_from_cache": warm["report"].get("ocr_pages", 0),
        "seconds_per_page": summarize([p["seconds"] for p in pages]),
        "confidence": summarize([p["confidence"] for p in pages]),
        "cpu_seconds_per_page": extra_cpu / count if count else None,
        "cold": {k: cold[k] for k in ("seconds", "cpu_seconds", "failed")},
        "warm": {k: warm[k] for k in ("seconds", "cpu_seconds", "failed")},
        "extra_seconds": cold["seconds"] - warm["seconds"], "extra_cpu_seconds": extra_cpu,
    }


def measure(corpus: Path, scanned: list[str], work: Path, data_dir: Path, log=print) -> dict:
    """Steps 1 and 2 of the module's description; the OCR cache in `data_dir` is warm afterwards."""
    from ingest.ocr import missing_reason, tesseract_version

    if not scanned:
        return {"available": True, "files": 0, "pages": 0}
    if tesseract_version() is None:
        log(f"OCR not measured: {missing_reason()}")
        return {"available": False, "files": len(scanned), "reason": missing_reason()}
    subset = corpus_gen.subset(corpus, work / "scanned-corpus", scanned)
    page_log = work / "ocr-pages.jsonl"
    page_log.unlink(missing_ok=True)
    cold = klimaviden.full_build(work / "scanned-corpus", work / "scanned-index", data_dir, page_log=page_log)
    warm = klimaviden.full_build(work / "scanned-corpus", work / "scanned-index", data_dir)
    result = summarize_ocr(read_page_log(page_log), cold, warm)
    per_page = result["seconds_per_page"]
    log(f"OCR of {len(subset)} scanned PDFs: {result['pages']} pages, {per_page.get('p50', float('nan')):.1f} s a page "
        f"(p95 {per_page.get('p95', float('nan')):.1f}), {result['cpu_seconds_per_page'] or float('nan'):.1f} CPU s a page; "
        f"a cold-cache build of them {cold['seconds']:.1f} s, warm {warm['seconds']:.1f} s")
    return result
