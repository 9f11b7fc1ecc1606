"""Main text of real-size web pages: klimaviden's own extraction against trafilatura (and htmldate).

    python -m bench.html_compare [--pages 200]

Both read the same generated pages (bench/sitepage.py: an article in a full site template). Quality
is counted against the article the page was made from: pages where template text leaked into the
text, body paragraphs missing, and whether the headline came out as the title. Speed is ms per page
in this process. trafilatura and htmldate are optional (pip install -e '.[bench]').
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date
from pathlib import Path

from bench import sitepage, textgen
from bench.vocab import load_vocabulary
from ingest.formats import html

ROOT = Path(__file__).resolve().parent.parent


def make_pages(n: int, seed: int = 2021) -> list[tuple[textgen.DocText, bytes]]:
    vocab = load_vocabulary(ROOT / "corpus")
    pages = []
    for k in range(n):
        rng = random.Random(f"compare:{seed}:{k}")
        day = date(2016, 1, 4) + (date(2025, 12, 31) - date(2016, 1, 4)) * rng.random()
        article = textgen.announcement(rng, vocab, (rng.choice(vocab.topics).slug,), day, None)
        pages.append((article, sitepage.page(article, rng, published=day.isoformat()).encode("utf-8")))
    return pages


def own(data: bytes) -> tuple[str, str]:
    extracted = html.extract(data, "page.html")
    return (extracted.title_candidates[0] if extracted.title_candidates else ""), extracted.text


def trafilatura_extract(data: bytes) -> tuple[str, str]:
    import trafilatura

    found = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    if found is None:
        return "", ""
    return found.title or "", found.text or ""


def measure(name: str, extract, pages) -> dict:
    extract(pages[0][1])  # warm caches and imports
    started = time.perf_counter()
    results = [extract(data) for _, data in pages]
    seconds = time.perf_counter() - started
    leaked = missing = titled = 0
    paragraphs = 0
    for (article, _), (title, text) in zip(pages, results):
        flat = " ".join(text.split()).lower()
        leaked += any(w.lower() in flat for w in sitepage.FURNITURE_WORDS)
        body = [p for s in article.sections for p in s.paragraphs]
        paragraphs += len(body)
        missing += sum(" ".join(p.split()).lower() not in flat for p in body)
        titled += title == article.title
    return {"name": name, "ms_per_page": 1000 * seconds / len(pages), "pages": len(pages),
            "pages_with_template_text": leaked, "body_paragraphs_missing": missing, "body_paragraphs": paragraphs,
            "headline_is_title": titled}


def compare(n: int) -> list[dict]:
    pages = make_pages(n)
    rows = [measure("klimaviden (lxml)", own, pages)]
    try:
        import htmldate
        import trafilatura  # noqa: F401
    except ImportError:
        return rows
    rows.append(measure("trafilatura", trafilatura_extract, pages))
    started = time.perf_counter()
    for _, data in pages:
        htmldate.find_date(data.decode("utf-8"), original_date=True)
    rows.append({"name": "htmldate (dates only)", "ms_per_page": 1000 * (time.perf_counter() - started) / n})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.html_compare", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args(argv)
    sizes = sorted(len(data) for _, data in make_pages(args.pages))
    print(f"{args.pages} pages, {sizes[0] // 1000}-{sizes[-1] // 1000} KB (median {sizes[len(sizes) // 2] // 1000} KB)")
    for row in compare(args.pages):
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
