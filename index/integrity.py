"""Checksums of a generation's files, recorded at each commit and verified by readers and reindex.

A commit's manifest maps each Whoosh file of the generation to its size and sha256. Checking the
sizes is a few stat calls, cheap enough for every reader that opens a commit; hashing every byte is
left to the moments that can afford it: reindex before it trusts the live index, and a reader whose
read has just failed (to tell a damaged file from a bug).
"""

from __future__ import annotations

import os
from pathlib import Path

from index.errors import IndexDamaged
from index.fsio import sha256_file
from ingest.messages import cannot_read

# What Whoosh writes for the index named MAIN: its tables of contents (_MAIN_N.toc) and segment
# files (MAIN_<id>.seg ...). Files of our own beside them (the metadata, the spellers' vocabulary)
# are rewritten in place and check themselves; a lock or a temporary file is no content either.
_WHOOSH_PREFIXES = ("MAIN_", "_MAIN_")
_NOT_CONTENT_SUFFIXES = (".tmp", "_LOCK", "WRITELOCK")


def _is_content(name: str) -> bool:
    return name.startswith(_WHOOSH_PREFIXES) and not name.endswith(_NOT_CONTENT_SUFFIXES)


def build_manifest(folder: Path, previous: dict | None = None) -> dict[str, list]:
    """{file name: [size, sha256]} of the generation's Whoosh files as they are now (call right after
    a commit, holding the reindex lock). Whoosh never rewrites a file under the same name, so a file
    already in `previous` with the same size keeps its hash instead of being read again."""
    previous = previous or {}
    manifest = {}
    for entry in os.scandir(folder):
        if not entry.is_file(follow_symlinks=False) or not _is_content(entry.name):
            continue
        size = entry.stat().st_size
        known = previous.get(entry.name)
        if known and known[0] == size:
            manifest[entry.name] = [size, known[1]]
        else:
            manifest[entry.name] = [size, sha256_file(Path(entry.path))]
    return manifest


def size_problem(folder: Path, manifest: dict[str, list]) -> str | None:
    """What is wrong with the sizes of the manifest's files (missing, truncated, grown), or None."""
    for name, (size, _) in sorted(manifest.items()):
        try:
            actual = (folder / name).stat().st_size
        except FileNotFoundError:
            return f"filen {name} mangler"
        except OSError as exc:
            return cannot_read(f"filen {name}", exc.strerror or exc)
        if actual != size:
            return f"filen {name} fylder {actual} byte, men der blev skrevet {size}"
    return None


def content_problem(folder: Path, manifest: dict[str, list]) -> str | None:
    """Sizes first, then every byte: the first file whose content differs from what was written."""
    problem = size_problem(folder, manifest)
    if problem:
        return problem
    for name, (_, digest) in sorted(manifest.items()):
        try:
            if sha256_file(folder / name) != digest:
                return f"filen {name} er ikke den, der blev skrevet (kontrolsum)"
        except OSError as exc:
            return cannot_read(f"filen {name}", exc.strerror or exc)
    return None


def require_sizes(folder: Path, manifest: dict[str, list] | None) -> None:
    if manifest:
        problem = size_problem(folder, manifest)
        if problem:
            raise IndexDamaged(folder, problem)


def require_content(folder: Path, manifest: dict[str, list] | None) -> None:
    if manifest:
        problem = content_problem(folder, manifest)
        if problem:
            raise IndexDamaged(folder, problem)
