"""A deterministic, seeded corpus of Danish network material at any size, cached by (seed, N).

The plan (which files, in which meeting folders, on which dates) is made in one process; the files
are written in parallel. A document's text depends only on the seed and its path, so the same
(seed, N) always gives byte-identical text whatever the number of processes.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from bench import textgen
from bench.vocab import Vocabulary, load_vocabulary
from bench.writers import write_document

GENERATOR_VERSION = 3  # 2: HTML pages at real size, in a full site template; 3: one PDF in 50 scanned
KIND_WEIGHTS = {"html": 35, "txt": 25, "pdf": 20, "pptx": 20}
SCANNED_EVERY = 50  # one PDF in 50 is a scan (pages as images, no text layer), as in real archives
MANIFEST = ".bench-manifest.json"
FIRST_DAY = date(2016, 1, 4)
DAYS = 10 * 365


@dataclass(frozen=True)
class MeetingPlan:
    folder: str
    title: str
    day: date
    place: str
    theme: str
    organizations: tuple[str, ...]
    topics: tuple[str, ...]


@dataclass(frozen=True)
class DocPlan:
    relpath: str
    kind: str
    day: date
    topics: tuple[str, ...]
    meeting: MeetingPlan | None = None
    scanned: bool = False  # a PDF whose pages are images without text, read only by OCR


def plan_corpus(seed: int, n: int, vocab: Vocabulary) -> list[DocPlan]:
    """Which documents to write: ~85% in meeting folders of 5-14 files, the rest loose under noter/."""
    rng = random.Random(f"plan:{seed}")
    kinds, weights = zip(*KIND_WEIGHTS.items())
    slugs = [t.slug for t in vocab.topics]
    plans: list[DocPlan] = []
    used: set[str] = set()
    while len(plans) < n:
        topics = tuple(rng.sample(slugs, rng.choice((1, 1, 2))))
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        if rng.random() < 0.85:
            plans.extend(_meeting_docs(rng, vocab, topics, day, used, kinds, weights))
        else:
            kind = rng.choices(kinds, weights)[0]
            name = f"{day.isoformat()}-{rng.choice(('notat', 'nyhed', 'status', 'opsamling'))}-{len(plans)}"
            plans.append(DocPlan(f"noter/{day.year}/{name}.{kind}", kind, day, topics))
    return mark_scanned(plans[:n], SCANNED_EVERY)


def mark_scanned(plans: list[DocPlan], every: int = SCANNED_EVERY) -> list[DocPlan]:
    """The same plans with one PDF in `every` made a scan: the (every // 2)-th PDF, then each
    `every`-th after it, counted in plan order, so a bigger corpus keeps a smaller one's scans."""
    marked, pdfs = [], 0
    for plan in plans:
        if plan.kind == "pdf":
            if pdfs % every == every // 2:
                plan = replace(plan, scanned=True)
            pdfs += 1
        marked.append(plan)
    return marked


def _meeting_docs(rng, vocab, topics, day, used, kinds, weights) -> list[DocPlan]:
    theme = rng.choice(vocab.themes)
    folder = f"{day.isoformat()}-{_slug(theme)[:40].rstrip('-')}"
    while folder in used:
        folder += "-x"
    used.add(folder)
    meeting = MeetingPlan(folder, theme, day, rng.choice(vocab.places), theme,
                          tuple(rng.sample(vocab.organizations, min(3, len(vocab.organizations)))), topics)
    docs = [DocPlan(f"{folder}/invitation.txt", "txt", day - timedelta(days=21), topics, meeting),
            DocPlan(f"{folder}/nyhed.html", "html", day - timedelta(days=7), topics, meeting)]
    for k in range(rng.randint(3, 12)):
        kind = rng.choices(kinds, weights)[0]
        name = {"html": "referat", "txt": "noter", "pdf": "oplaeg", "pptx": "praesentation"}[kind]
        docs.append(DocPlan(f"{folder}/{name}-{k + 1}.{kind}", kind, day, topics, meeting))
    return docs


def render(plan: DocPlan, seed: int, vocab: Vocabulary) -> textgen.DocText:
    """The text of one planned document (pure: depends on seed and path only)."""
    rng = random.Random(f"doc:{seed}:{plan.relpath}")
    meeting = plan.meeting
    if plan.kind == "txt" and plan.relpath.endswith("invitation.txt") and meeting:
        return textgen.invitation(rng, vocab, plan.topics, meeting.day, meeting.place)
    if plan.kind in ("pdf", "pptx"):
        org = rng.choice(meeting.organizations) if meeting else rng.choice(vocab.organizations)
        return textgen.presentation(rng, vocab, plan.topics, plan.day, org, rng.randint(3, 5))
    return textgen.announcement(rng, vocab, plan.topics, plan.day, meeting.day if meeting else None)


def meeting_toml(meeting: MeetingPlan) -> str:
    orgs = ", ".join(json.dumps(o, ensure_ascii=False) for o in meeting.organizations)
    return (f"title = {json.dumps(meeting.title, ensure_ascii=False)}\n"
            f"date = {meeting.day.isoformat()}\n"
            f"place = {json.dumps(meeting.place, ensure_ascii=False)}\n"
            f"themes = [{json.dumps(meeting.theme, ensure_ascii=False)}]\n"
            f"organizations = [{orgs}]\n")


def corpus_dir(data_dir: Path, seed: int, n: int, vocab: Vocabulary) -> Path:
    """The cache folder for (seed, n); a change of generator or word material gives a new folder."""
    digest = hashlib.sha1(repr(vocab).encode("utf-8")).hexdigest()[:8]
    return data_dir / f"corpus-s{seed}-n{n}-v{GENERATOR_VERSION}-{digest}"


def ensure_corpus(source: Path, data_dir: Path, seed: int, n: int, *, processes: int = 2) -> tuple[Path, dict]:
    """The cached corpus for (seed, n), generated first when missing; returns (folder, manifest)."""
    vocab = load_vocabulary(source)
    target = corpus_dir(data_dir, seed, n, vocab)
    if (target / MANIFEST).exists():
        return target, json.loads((target / MANIFEST).read_text("utf-8"))
    work = target.with_name(target.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.perf_counter()
    plans = plan_corpus(seed, n, vocab)
    for name in ("taxonomy.toml", "entities.toml"):
        if (source / name).exists():
            shutil.copyfile(source / name, work / name)
    for meeting in {p.meeting for p in plans if p.meeting}:
        (work / meeting.folder).mkdir(parents=True, exist_ok=True)
        (work / meeting.folder / "meeting.toml").write_text(meeting_toml(meeting), "utf-8")
    jobs = [(work, plan, seed) for plan in plans]
    with multiprocessing.get_context("fork").Pool(processes, initializer=_init_worker, initargs=(source,)) as pool:
        sizes = list(pool.imap_unordered(_write_one, jobs, chunksize=32))
    manifest = {
        "seed": seed, "documents": n, "generator_version": GENERATOR_VERSION,
        "by_format": dict(Counter(p.kind for p in plans)), "bytes": sum(sizes),
        "meetings": len({p.meeting.folder for p in plans if p.meeting}),
        "generation_seconds": round(time.perf_counter() - started, 2),
        "mutable_file": next(p.relpath for p in plans if p.kind == "txt"),
        "scanned_pdfs": [p.relpath for p in plans if p.scanned],
    }
    (work / MANIFEST).write_text(json.dumps(manifest, indent=2), "utf-8")
    shutil.rmtree(target, ignore_errors=True)
    work.rename(target)
    return target, manifest


_VOCAB: Vocabulary | None = None


def _init_worker(source: Path) -> None:
    global _VOCAB
    _VOCAB = load_vocabulary(source)


def _write_one(job) -> int:
    work, plan, seed = job
    return write_document(work / plan.relpath, plan.kind, render(plan, seed, _VOCAB), scanned=plan.scanned)


def subset(corpus: Path, target: Path, relpaths: list[str]) -> list[str]:
    """A corpus of only `relpaths` of `corpus` (hard links), with their meeting files and the word
    lists, in `target` (emptied first); returns the relpaths, sorted."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("taxonomy.toml", "entities.toml"):
        if (corpus / name).exists():
            shutil.copyfile(corpus / name, target / name)
    relpaths = sorted(relpaths)
    for relpath in relpaths:
        (target / relpath).parent.mkdir(parents=True, exist_ok=True)
        os.link(corpus / relpath, target / relpath)
        meeting = (corpus / relpath).parent / "meeting.toml"
        if meeting.exists() and not (target / relpath).with_name("meeting.toml").exists():
            shutil.copyfile(meeting, (target / relpath).with_name("meeting.toml"))
    return relpaths


def _slug(text: str) -> str:
    folded = text.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())
