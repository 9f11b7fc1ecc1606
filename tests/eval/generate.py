"""Write the evaluation corpus: binary formats rendered from their .src files, the rest copied.

The sources live in tests/eval/sources/ in the sample corpus's source format (see
tools/make_sample_corpus.py); the corpus's taxonomy and entity list come from corpus/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tools.make_sample_corpus import parse_source, render

EVAL_DIR = Path(__file__).resolve().parent
SOURCES = EVAL_DIR / "sources"
EXPECTED = EVAL_DIR / "expected.toml"
REPO = EVAL_DIR.parent.parent
CORPUS_LISTS = ("taxonomy.toml", "entities.toml")


def write_eval_corpus(target: Path, sources: Path = SOURCES) -> list[str]:
    """Write every source under ``target`` and return the document paths (sidecars and meeting files
    are copied too but are not documents)."""
    target = Path(target)
    documents = []
    for path in sorted(p for p in sources.rglob("*") if p.is_file()):
        relpath = path.relative_to(sources).as_posix()
        if relpath.endswith(".src"):
            relpath = relpath[: -len(".src")]
            data = render(parse_source(relpath, path.read_text(encoding="utf-8")))
        else:
            data = path.read_bytes()
        out = target / relpath
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        if not relpath.endswith(".toml"):
            documents.append(relpath)
    for name in CORPUS_LISTS:
        shutil.copyfile(REPO / "corpus" / name, target / name)
    return documents
