"""The I/O edge of ingestion: finding the corpus's files, reading them, and extracting in parallel.

Everything a file becomes is decided by pure functions (formats, builder); this module reads bytes,
metadata files and limits, and runs extraction in worker processes with a per-file time limit.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

from ingest.builder import Context, FileFacts, build_document
from ingest.document import Document, normalize_relpath
from ingest.entities import entities_path, load_entities
from ingest.errors import IngestError
from ingest.meetings import load_meeting_or_folder, meeting_id_for
from ingest.messages import cannot_read, corpus_missing
from ingest.options import ExtractOptions, options_from_environment
from ingest.registry import format_for, is_supported
from ingest.sidecar import SUFFIX as SIDECAR_SUFFIX
from ingest.sidecar import load_sidecar_or_none, sidecar_failures
from ingest.taxonomy import load_taxonomy, taxonomy_path
from ingest.workers import TaskCrashed, TaskTimeout, TaskTooLarge, read_ahead, run_limited

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CorpusFile:
    relpath: str
    abspath: Path
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    timeout_seconds: float = 60.0
    # memory of one parser process beyond what it shares with the reindex that started it
    max_memory_bytes: int = 1024 * 1024 * 1024


@dataclass(frozen=True)
class Twin:
    """Files whose names are one after normalisation (NFC/NFD spellings of "å", or "noter\\x.txt"
    beside "noter/x.txt"): one document id for several files. ``indexed`` is the one kept, the
    name spelled exactly as the relpath when there is one; ``others`` are not read."""

    relpath: str
    indexed: str  # the kept file's name as it is on disk, relative to the corpus
    others: tuple[str, ...]

    def reason(self) -> str:
        names = ", ".join(repr(name) for name in self.others)
        return (
            f"{names} og {self.indexed!r} er samme navn efter Unicode-normalisering eller når \\ læses "
            f"som mappeskilletegn; kun {self.indexed!r} kommer i søgningen: omdøb den anden"
        )


@dataclass(frozen=True)
class ScanResult:
    files: list[CorpusFile]
    skipped: list[str]  # relpaths with extensions klimaviden does not read
    outside: list[str] = field(default_factory=list)  # symlinks pointing out of the corpus, not followed
    # folders (or files) that could not be listed or examined, with the reason; "." is the corpus itself
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    twins: list[Twin] = field(default_factory=list)
    # invalid sidecars ({"path", "error"}); their documents are indexed without them
    broken_sidecars: list[dict] = field(default_factory=list)
    # relpaths of listed files that have a sidecar file beside them (valid or not)
    sidecars: frozenset[str] = frozenset()

    def unlisted(self, relpath: str) -> bool:
        """True when relpath lies in (or is) something the scan could not read: a document indexed
        there earlier is not known to be gone, so it must stay indexed."""
        return any(
            folder == "." or relpath == folder or relpath.startswith(folder + "/") for folder, _ in self.unreadable
        )

    def failures(self) -> list[dict]:
        """The scan's problems as report failures ({"path", "error"}), the same every run."""
        found = [
            {"path": path, "error": f"mappen kan ikke læses ({reason}); dens dokumenter bliver stående i søgningen"}
            for path, reason in self.unreadable
        ]
        found += [{"path": twin.relpath, "error": twin.reason()} for twin in self.twins]
        return sorted(found + self.broken_sidecars, key=lambda f: f["path"])


def is_ignored(relpath: str) -> bool:
    """Metadata and housekeeping files that are not documents: *.toml, hidden files and folders,
    Office lock files (~$x.docx) and README* in the corpus root."""
    parts = relpath.split("/")
    name = parts[-1]
    return (
        any(part.startswith(".") for part in parts)
        or name.lower().endswith(".toml")
        or name.startswith("~$")
        or (len(parts) == 1 and name.upper().startswith("README"))
    )


def scan_corpus(corpus_dir: Path) -> ScanResult:
    """The corpus's document files sorted by relpath, and the unsupported ones skipped.

    Symbolic links are never followed out of the corpus (nor into linked folders); only regular
    files are listed, so a FIFO or device cannot hang a reindex. A folder that cannot be listed is
    reported in ``unreadable``, never taken for empty; files that share one relpath are reported in
    ``twins``, and only one of them (the same one every time) is listed; invalid sidecars are
    reported in ``broken_sidecars``. ``failures()`` gives all three as report failures.
    """
    root = Path(corpus_dir).resolve()
    if not root.is_dir():
        raise FileNotFoundError(corpus_missing(corpus_dir))
    found: dict[str, list[CorpusFile]] = {}
    skipped, outside, unreadable = [], [], []
    with_sidecar: list[tuple[Path, str]] = []
    for folder, prefix, entries in _walk(str(root), "", unreadable):
        names = {entry.name for entry in entries}
        for entry in entries:
            relpath = normalize_relpath(prefix + entry.name)
            if is_ignored(relpath):
                continue
            try:
                if entry.is_symlink() and not _inside(Path(entry.path).resolve(), root):
                    log.warning("not following %s: it links outside the corpus", relpath)
                    outside.append(relpath)
                    continue
                info = entry.stat()
            except OSError as exc:
                unreadable.append((relpath, exc.strerror or str(exc)))
                continue
            if not stat.S_ISREG(info.st_mode):
                continue
            if not is_supported(relpath):
                skipped.append(relpath)
                continue
            path = Path(entry.path)
            found.setdefault(relpath, []).append(CorpusFile(relpath, path, info.st_size, info.st_mtime_ns))
            if entry.name + SIDECAR_SUFFIX in names:
                with_sidecar.append((path, relpath))
    files, twins = _without_twins(found, root)
    listed = {f.abspath for f in files}
    kept = [(path, relpath) for path, relpath in with_sidecar if path in listed]
    broken = sidecar_failures(kept)
    sidecars = frozenset(relpath for _, relpath in kept)
    return ScanResult(files, sorted(skipped), sorted(outside), sorted(unreadable), twins, broken, sidecars)


def _walk(folder: str, prefix: str, unreadable: list[tuple[str, str]]):
    """(folder, its corpus-relative prefix, its non-folder entries sorted by name) for a folder and
    every folder below it that is not hidden, in name order; symbolic links to folders are neither
    entered nor listed. A folder that cannot be listed is added to ``unreadable`` ("." for the corpus itself)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        unreadable.append((normalize_relpath(prefix.rstrip("/")) or ".", exc.strerror or str(exc)))
        return
    files, folders = [], []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        (folders if is_folder else files).append(entry)
    yield folder, prefix, files
    for entry in folders:
        if not entry.name.startswith(".") and not entry.is_symlink():
            yield from _walk(entry.path, f"{prefix}{entry.name}/", unreadable)


def _without_twins(found: dict[str, list[CorpusFile]], root: Path) -> tuple[list[CorpusFile], list[Twin]]:
    """One file per relpath, sorted, and a Twin for each relpath that several files share."""
    files, twins = [], []
    for relpath, group in sorted(found.items()):
        if len(group) == 1:
            files.append(group[0])
            continue
        kept = _canonical(group, root)
        files.append(kept)
        others = tuple(sorted(_on_disk(f.abspath, root) for f in group if f is not kept))
        twins.append(Twin(relpath, _on_disk(kept.abspath, root), others))
    return files, twins


def _canonical(group: list[CorpusFile], root: Path) -> CorpusFile:
    """The file of a twin group that ``locate`` reads for the relpath: the one spelled exactly as it
    (NFC, "/" between folders), else the first name in code-point order."""
    by_name = sorted(group, key=lambda f: _on_disk(f.abspath, root))
    return next((f for f in by_name if _on_disk(f.abspath, root) == f.relpath), by_name[0])


def _on_disk(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def extract_file(
    corpus_dir: Path, relpath: str, limits: Limits = Limits(), options: ExtractOptions | None = None
) -> Document:
    """The Document of one corpus file, in this process (no time limit: see extract_many).

    ``options`` (OCR on or off, the OCR cache's data folder) default to the environment's
    (KLIMAVIDEN_OCR, KLIMAVIDEN_DATA). Raises IngestError with the relpath and a plain reason when
    the file cannot be read.
    """
    corpus_dir = Path(corpus_dir)
    relpath = normalize_relpath(relpath)
    path = locate(corpus_dir, relpath)
    data = _read(path, relpath, limits.max_bytes)
    module = format_for(relpath, data)
    if getattr(module, "TAKES_OPTIONS", False):
        extracted = module.extract(data, relpath, options or options_from_environment())
    else:
        extracted = module.extract(data, relpath)
    meeting_id = meeting_id_for(relpath)
    # Broken metadata files are reported once per run by the caller (sidecar_failures,
    # meetings_snapshot); here the document is built from what the file itself says.
    meeting, meeting_error = load_meeting_or_folder(corpus_dir, meeting_id) if meeting_id else (None, None)
    sidecar, sidecar_error = load_sidecar_or_none(path, relpath)
    for error in (meeting_error, sidecar_error):
        if error is not None:
            log.warning("%s is read without its broken metadata: %s", relpath, error)
    facts = FileFacts(relpath, hashlib.sha256(data).hexdigest(), len(data))
    return build_document(facts, extracted, load_context(corpus_dir), meeting, sidecar)


READ_AHEAD = 1024  # parsed documents held ready for a busy caller (about 30 MB)


def extract_many(
    corpus_dir: Path,
    relpaths: Iterable[str],
    *,
    workers: int | None = None,
    limits: Limits = Limits(),
    extract: Callable[[Path, str, Limits], Document] = extract_file,
    options: ExtractOptions | None = None,
) -> Iterator[tuple[str, Document | IngestError]]:
    """(relpath, Document or IngestError) for each file, in completion order, from worker processes.

    A file whose extraction runs past ``limits.timeout_seconds``, or whose worker holds more than
    ``limits.max_memory_bytes``, has its worker killed and is reported as an IngestError; so is a
    worker that crashes. OCR time is not counted against the time limit: each scanned page read
    adds its own per-page limit (ExtractOptions.ocr_page_seconds). Any other exception is a bug and
    is raised here after the workers are stopped. ``extract`` can be replaced (for tests);
    ``options`` default to the environment's (see extract_file).
    """
    corpus_dir = Path(corpus_dir)
    load_context(corpus_dir)  # a broken taxonomy fails once, here, not once per file
    if options is not None:
        extract = partial(extract, options=options)
    task = partial(_extract_or_error, extract, corpus_dir, limits)
    results = run_limited(
        task, list(relpaths), workers=workers, timeout=limits.timeout_seconds, max_memory=limits.max_memory_bytes
    )
    # parsing goes on while the caller is busy with earlier results (the index writer commits)
    for relpath, result in read_ahead(results, READ_AHEAD):
        if isinstance(result, TaskTimeout):
            result = IngestError(relpath, f"læsningen tog for lang tid og blev {result}")
        elif isinstance(result, TaskTooLarge):
            result = IngestError(relpath, f"filen er for stor udpakket: læsningen blev {result}")
        elif isinstance(result, TaskCrashed):
            result = IngestError(relpath, f"læsningen brød sammen: {result}")
        elif isinstance(result, BaseException) and not isinstance(result, IngestError):
            raise result
        yield relpath, result


def _extract_or_error(extract, corpus_dir: Path, limits: Limits, relpath: str):
    try:
        return extract(corpus_dir, relpath, limits)
    except IngestError as exc:
        return exc


def locate(corpus_dir: Path, relpath: str) -> Path:
    """The file of a corpus-relative path (NFC or NFD on disk), refusing paths out of the corpus."""
    root = Path(corpus_dir).resolve()
    parts = relpath.split("/")
    if not relpath or relpath.startswith("/") or ".." in parts:
        raise IngestError(relpath, "stien ligger ikke i korpusmappen")
    for form in (relpath, unicodedata.normalize("NFD", relpath)):
        path = root / form
        if path.exists() or path.is_symlink():
            if not _inside(path.resolve(), root):
                raise IngestError(relpath, "filen peger uden for korpusmappen og læses ikke")
            return path
    raise IngestError(relpath, "filen findes ikke")


def _read(path: Path, relpath: str, max_bytes: int) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(relpath, "ikke en almindelig fil")
        if info.st_size > max_bytes:
            raise IngestError(relpath, f"filen fylder {_mb(info.st_size)}, over grænsen på {_mb(max_bytes)}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(relpath, cannot_read("filen", exc.strerror or exc)) from exc
    if len(data) > max_bytes:
        raise IngestError(relpath, f"filen er over grænsen på {_mb(max_bytes)}")
    return data


def load_context(corpus_dir: Path) -> Context:
    """The corpus's taxonomy and entity list (cached until either file changes).

    A corpus without taxonomy.toml gets no topics; an invalid one raises TaxonomyError.
    """
    taxonomy, entities = taxonomy_path(corpus_dir), entities_path(corpus_dir)
    return _cached_context(str(taxonomy), _stamp(taxonomy), str(entities), _stamp(entities))


@lru_cache(maxsize=8)
def _cached_context(taxonomy: str, taxonomy_stamp, entities: str, entities_stamp) -> Context:
    topics = load_taxonomy(Path(taxonomy)) if taxonomy_stamp else ()
    return Context(topics=topics, entities=load_entities(Path(entities)))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"
