"""Real-size web pages: extraction pages/s per format, and the full build against a plain indexer.

    python -m bench.webpages [--documents 1000]

* Extraction: `ingest.pipeline.extract_file` (parse, clean, dates, topics, entities) on up to
  `per_format` files of each format of a generated corpus, one process: pages/s by wall clock and
  per CPU second; then the corpus's HTML pages through `extract_many` with 2 workers.
* The ratio the issue names: klimaviden's full build of the corpus's HTML pages (a corpus of only
  those pages, with their meeting folders) against a plain single-process indexer of the same pages
  (lxml text + SQLite FTS5), run beside it. Each is timed by wall clock and by CPU seconds: on a
  shared machine CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import time
from collections import defaultdict
from pathlib import Path

from lxml import etree

from bench import corpus_gen
from bench.engines import klimaviden

HERE = Path(__file__).resolve().parent
PER_FORMAT = 200


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def extraction_rates(corpus: Path, relpaths: list[str], per_format: int = PER_FORMAT) -> dict:
    """{format: {"files", "files_per_second", "files_per_cpu_second", "ms_per_file", "kib_per_file"}}."""
    from ingest.pipeline import extract_file

    by_format: dict[str, list[str]] = defaultdict(list)
    for relpath in sorted(relpaths):
        by_format[relpath.rsplit(".", 1)[-1]].append(relpath)
    rates = {}
    for fmt, files in sorted(by_format.items()):
        files = files[:per_format]
        extract_file(corpus, files[0])  # imports and caches warm
        started, cpu = time.perf_counter(), _cpu()
        for relpath in files:
            extract_file(corpus, relpath)
        wall, used = time.perf_counter() - started, _cpu() - cpu
        rates[fmt] = {"files": len(files), "files_per_second": len(files) / wall,
                      "files_per_cpu_second": len(files) / used if used else None,
                      "ms_per_file": 1000 * wall / len(files),
                      "kib_per_file": sum((corpus / f).stat().st_size for f in files) / len(files) / 1024}
    return rates


def parallel_rate(corpus: Path, relpaths: list[str], workers: int = 2) -> dict:
    """extract_many over the files with `workers` processes: pages/s by wall clock."""
    from ingest.pipeline import extract_many

    started, before = time.perf_counter(), os.times()
    failed = sum(isinstance(result, Exception) for _, result in extract_many(corpus, relpaths, workers=workers))
    wall, after = time.perf_counter() - started, os.times()
    workers_cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    return {"files": len(relpaths), "workers": workers, "seconds": wall, "pages_per_second": len(relpaths) / wall,
            "workers_cpu_seconds": workers_cpu, "failed": failed}


def html_only_corpus(corpus: Path, target: Path) -> list[str]:
    """A corpus of only the HTML pages of `corpus` (hard links), with their meeting files and lists."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("taxonomy.toml", "entities.toml"):
        if (corpus / name).exists():
            shutil.copyfile(corpus / name, target / name)
    pages = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.html"))
    for relpath in pages:
        (target / relpath).parent.mkdir(parents=True, exist_ok=True)
        os.link(corpus / relpath, target / relpath)
        meeting = (corpus / relpath).parent / "meeting.toml"
        if meeting.exists() and not (target / relpath).with_name("meeting.toml").exists():
            shutil.copyfile(meeting, (target / relpath).with_name("meeting.toml"))
    return pages


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
    build = klimaviden.full_build(work / "html-corpus", work / "klimaviden-html")
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
    out = {"load_average_at_start": os.getloadavg(), "extraction": extraction_rates(corpus, relpaths)}
    for fmt, rate in out["extraction"].items():
        log(f"extract_file {fmt}: {rate['files_per_second']:.0f} files/s ({rate['files_per_cpu_second']:.0f} per CPU s), "
            f"{rate['kib_per_file']:.0f} KiB a file")
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
