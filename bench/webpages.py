"""Real-size web pages: extraction pages/s per format, and the full build against a plain indexer.

    python -m bench.webpages [--documents 1000]

* Extraction: `ingest.pipeline.extract_file` (parse, clean, dates, topics, entities) on up to
  `per_format` files of each format of a generated corpus, one process: pages/s by wall clock and
  per CPU second (Tesseract's too); scanned PDFs apart, up to 5, each page read by OCR (no cache);
  then the corpus's HTML pages through `extract_many` with 2 workers.
* The ratio the issue names: klimaviden's full build of the corpus's HTML pages (a corpus of only
  those pages, with their meeting folders) against a plain single-process indexer of the same pages
  (lxml text + SQLite FTS5), run beside it. Each is timed by wall clock and by CPU seconds: on a
  shared machine CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import time
from collections import defaultdict
from pathlib import Path

from lxml import etree

from bench import corpus_gen
from bench.engines import klimaviden

HERE = Path(__file__).resolve().parent
PER_FORMAT = 200


SCANNED_FILES = 5  # scanned PDFs timed (each page is read by Tesseract: 2-4 s)
SCANNED = "pdf (scanned)"


def _cpu() -> float:
    """CPU seconds of this process and of the processes it waited for (Tesseract runs as one)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def format_groups(relpaths: list[str], scanned: list[str] = ()) -> dict[str, list[str]]:
    """{format: sorted relpaths} by extension, the scanned PDFs apart as "pdf (scanned)"."""
    scans = set(scanned)
    groups: dict[str, list[str]] = defaultdict(list)
    for relpath in sorted(relpaths):
        groups[SCANNED if relpath in scans else relpath.rsplit(".", 1)[-1]].append(relpath)
    return dict(sorted(groups.items()))


def extraction_rates(corpus: Path, relpaths: list[str], per_format: int = PER_FORMAT, scanned: list[str] = ()) -> dict:
    """{format: {"files", "files_per_second", "files_per_cpu_second", "ms_per_file", "kib_per_file",
    "ocr_pages", "seconds_per_ocr_page", "cpu_seconds_per_ocr_page"}}. Scanned PDFs are read by OCR each time (no OCR cache);
    no file of the corpus is ever cached in the repo's data folder."""
    from ingest.options import ExtractOptions
    from ingest.pipeline import extract_file

    options = ExtractOptions(data_dir=None)
    rates = {}
    for fmt, files in format_groups(relpaths, scanned).items():
        files = files[:SCANNED_FILES if fmt == SCANNED else per_format]
        if fmt != SCANNED:  # a scan's warm-up would be one more OCR; the text PDFs warmed the PDF code
            extract_file(corpus, files[0], options=options)  # imports and caches warm
        started, cpu = time.perf_counter(), _cpu()
        ocr_pages = sum(extract_file(corpus, relpath, options=options).ocr_pages for relpath in files)
        wall, used = time.perf_counter() - started, _cpu() - cpu
        rates[fmt] = {"files": len(files), "files_per_second": len(files) / wall,
                      "files_per_cpu_second": len(files) / used if used else None,
                      "ms_per_file": 1000 * wall / len(files),
                      "kib_per_file": sum((corpus / f).stat().st_size for f in files) / len(files) / 1024,
                      "ocr_pages": ocr_pages, "seconds_per_ocr_page": wall / ocr_pages if ocr_pages else None,
                      "cpu_seconds_per_ocr_page": used / ocr_pages if ocr_pages else None}
    return rates


def parallel_rate(corpus: Path, relpaths: list[str], workers: int = 2) -> dict:
    """extract_many over the files with `workers` processes: pages/s by wall clock."""
    from ingest.options import ExtractOptions
    from ingest.pipeline import extract_many

    started, before = time.perf_counter(), os.times()
    results = extract_many(corpus, relpaths, workers=workers, options=ExtractOptions(data_dir=None))
    failed = sum(isinstance(result, Exception) for _, result in results)
    wall, after = time.perf_counter() - started, os.times()
    workers_cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    return {"files": len(relpaths), "workers": workers, "seconds": wall, "pages_per_second": len(relpaths) / wall,
            "workers_cpu_seconds": workers_cpu, "failed": failed}


def html_only_corpus(corpus: Path, target: Path) -> list[str]:
    """A corpus of only the HTML pages of `corpus` (hard links), with their meeting files and lists."""
    return corpus_gen.subset(corpus, target, [p.relative_to(corpus).as_posix() for p in corpus.rglob("*.html")])


def plain_index(corpus: Path, relpaths: list[str], database: Path) -> dict:
    """What a developer would write first: lxml's text of <body> (scripts and styles left out) and
    the <title>, into SQLite FTS5, one process, one transaction."""
    database.unlink(missing_ok=True)
    started, cpu = time.perf_counter(), _cpu()
    db = sqlite3.connect(database)
    db.execute("CREATE VIRTUAL TABLE pages USING fts5(path UNINDEXED, title, body)")
    parser = etree.HTMLParser(remove_comments=True)
    with db:
        for relpath in relpaths:
            root = etree.fromstring((corpus / relpath).read_bytes(), parser)
            etree.strip_elements(root, "script", "style", "noscript", "svg", with_tail=False)
            title = " ".join((root.findtext(".//title") or "").split())
            body = root.find("body")
            text = " ".join(" ".join((body if body is not None else root).itertext()).split())
            db.execute("INSERT INTO pages VALUES (?, ?, ?)", (relpath, title, text))
    db.close()
    return {"seconds": time.perf_counter() - started, "cpu_seconds": _cpu() - cpu, "files": len(relpaths),
            "bytes": database.stat().st_size}


def build_ratio(corpus: Path, work: Path, log=print) -> dict:
    """klimaviden's full build of the HTML pages of `corpus` against the plain indexer, same pages."""
    pages = html_only_corpus(corpus, work / "html-corpus")
    plain = plain_index(work / "html-corpus", pages, work / "plain.sqlite")
    log(f"plain indexer (lxml + FTS5, 1 process): {len(pages)} pages in {plain['seconds']:.1f} s "
        f"({plain['cpu_seconds']:.1f} CPU s)")
    build = klimaviden.full_build(work / "html-corpus", work / "klimaviden-html", work / "data")
    log(f"klimaviden full build of the same pages: {build['seconds']:.1f} s ({build['cpu_seconds']:.1f} CPU s)")
    return {"pages": len(pages), "plain": plain,
            "klimaviden": {k: build[k] for k in ("seconds", "cpu_seconds", "parser_cpu_seconds", "writer_cpu_seconds",
                                                "docs_per_second", "failed")},
            "ratio_wall": build["seconds"] / plain["seconds"],
            "ratio_cpu": build["cpu_seconds"] / plain["cpu_seconds"]}


def run(corpus: Path, work: Path, log=print) -> dict:
    """Every measure of this module on one generated corpus."""
    relpaths = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*")
                      if p.suffix in (".html", ".txt", ".pdf", ".pptx") and not p.name.startswith("."))
    manifest = json.loads((corpus / corpus_gen.MANIFEST).read_text("utf-8"))
    out = {"load_average_at_start": os.getloadavg(),
           "extraction": extraction_rates(corpus, relpaths, scanned=manifest.get("scanned_pdfs", []))}
    for fmt, rate in out["extraction"].items():
        log(f"extract_file {fmt}: {rate['files_per_second']:.0f} files/s ({rate['files_per_cpu_second']:.0f} per CPU s), "
            f"{rate['kib_per_file']:.0f} KiB a file"
            + (f", {rate['ocr_pages']} OCR pages, {rate['seconds_per_ocr_page']:.1f} s a page" if rate["ocr_pages"] else ""))
    html = [r for r in relpaths if r.endswith(".html")]
    out["html_parallel"] = parallel_rate(corpus, html)
    log(f"extract_many, 2 workers, {len(html)} HTML pages: {out['html_parallel']['pages_per_second']:.0f} pages/s "
        f"({out['html_parallel']['workers_cpu_seconds']:.1f} CPU s in the workers)")
    out["build_ratio"] = build_ratio(corpus, work, log)
    log(f"full build / plain indexer: {out['build_ratio']['ratio_wall']:.1f}x wall, "
        f"{out['build_ratio']['ratio_cpu']:.1f}x CPU (target at most 15x)")
    out["load_average_at_end"] = os.getloadavg()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.webpages", description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="size of the generated corpus (35%% HTML)")
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args(argv)
    root = HERE.parent
    corpus, _ = corpus_gen.ensure_corpus(root / "corpus", HERE / "data", args.seed, args.documents)
    results = run(corpus, HERE / "data" / "webpages", print)
    out = HERE / "out" / "webpages.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str), "utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
