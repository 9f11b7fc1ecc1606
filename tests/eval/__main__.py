"""``python -m tests.eval``: extract the evaluation set and print precision and recall per field.

Options: ``--errors`` lists every mismatch (path, field, expected, extracted); ``--keep DIR`` writes
the generated corpus to DIR instead of a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from pathlib import Path

from ingest.errors import IngestError
from ingest.pipeline import extract_file
from tests.eval.generate import EXPECTED, write_eval_corpus
from tests.eval.score import DATE_FIELDS, SET_FIELDS, Facts, Report, expected_facts, score


def extracted_facts(document) -> Facts:
    presenters = getattr(document, "presenters", ())
    return Facts(
        type=document.type,
        published=document.published,
        published_precision=getattr(document, "published_precision", None) or "day",
        meeting_date=document.meeting_date,
        meeting_date_precision=getattr(document, "meeting_date_precision", None) or "day",
        organizations=frozenset(document.organizations),
        presenters=frozenset(p.name for p in presenters),
        topics=frozenset(document.topic_slugs),
    )


def evaluate(corpus_dir: Path) -> Report:
    documents = write_eval_corpus(corpus_dir)
    labels = tomllib.loads(EXPECTED.read_text(encoding="utf-8"))
    unlabelled = sorted(set(documents) - set(labels))
    if unlabelled:
        raise SystemExit(f"documents without labels in {EXPECTED.name}: {', '.join(unlabelled)}")
    pairs = []
    for relpath in documents:
        try:
            got = extracted_facts(extract_file(corpus_dir, relpath))
        except IngestError:
            got = Facts()  # a document that cannot be read gets nothing right
        pairs.append((relpath, expected_facts(labels[relpath]), got))
    return score(pairs)


def format_report(report: Report) -> str:
    lines = [f"Evaluation set: {report.documents} documents", "", f"{'field':<16}{'right':>8}{'precision':>11}{'recall':>8}  notes"]
    for name in DATE_FIELDS:
        d = report.dates[name]
        lines.append(
            f"{name:<16}{d.accuracy:>8.1%}{d.count.precision:>11.2f}{d.count.recall:>8.2f}  false dates: {d.false_dates}"
        )
    lines.append(f"{'type':<16}{report.type_accuracy:>8.1%}{'':>11}{'':>8}")
    for name in SET_FIELDS:
        c = report.sets[name]
        lines.append(f"{name:<16}{'':>8}{c.precision:>11.2f}{c.recall:>8.2f}  tp {c.tp}, fp {c.fp}, fn {c.fn}")
    micro = report.topics_micro
    lines.append(f"{'topics (micro)':<16}{'':>8}{micro.precision:>11.2f}{micro.recall:>8.2f}  F1 {micro.f1:.2f}")
    lines += ["", f"{'type':<16}{'precision':>11}{'recall':>8}"]
    for name, c in sorted(report.types.items()):
        lines.append(f"{name:<16}{c.precision:>11.2f}{c.recall:>8.2f}")
    lines += ["", f"{'topic':<20}{'precision':>11}{'recall':>8}{'F1':>6}  tp/fp/fn"]
    for slug, c in sorted(report.topics.items()):
        lines.append(f"{slug:<20}{c.precision:>11.2f}{c.recall:>8.2f}{c.f1:>6.2f}  {c.tp}/{c.fp}/{c.fn}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument("--keep", type=Path, help="write the generated corpus here")
    args = parser.parse_args(argv)
    if args.keep:
        report = evaluate(args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="klimaviden-eval-") as folder:
            report = evaluate(Path(folder))
    print(format_report(report))
    if args.errors:
        print("\nMismatches (path, field, expected/missing, extracted/extra):")
        for path, name, want, got in report.errors:
            print(f"  {path}  {name}: {want}  ->  {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
