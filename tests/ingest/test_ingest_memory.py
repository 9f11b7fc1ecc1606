"""Bounded memory: an Office file whose XML would unpack past the limits is refused before it is
parsed, and a parser process that grows past the memory limit anyway is stopped and its file
reported, while the other files are read."""

from __future__ import annotations

import io
import os
import random
import time
import zipfile

import pytest

from ingest.errors import IngestError
from ingest.formats import docx, ooxml, pptx
from ingest.pipeline import Limits, extract_file, extract_many
from ingest.workers import TaskTooLarge, private_memory, resident_anonymous, run_limited
from ingest_files import make_docx, make_pptx

MB = 1024 * 1024


def swell(part: bytes, unpacked_mb: int) -> bytes:
    """One paragraph of a slide or document made ``unpacked_mb`` MB long with runs of varied words,
    so it compresses like real XML (about 30:1, under the zip-bomb ratio)."""
    rng = random.Random(3)
    words = [b"vand", b"klima", b"energi", b"skybrud", b"varme", b"kyst", b"dige", b"regn"]
    ns = b"w" if b"</w:p>" in part else b"a"  # Word or DrawingML paragraphs
    block = b"".join(b"<%s:r><%s:t>%s</%s:t></%s:r>" % (ns, ns, rng.choice(words), ns, ns) for _ in range(8192))
    head, tail = part.split(b"</%s:p>" % ns, 1)
    return head + block * (unpacked_mb * MB // len(block)) + b"</%s:p>" % ns + tail


def with_member(office_file: bytes, member: str, unpacked_mb: int) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(office_file))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, swell(data, unpacked_mb) if info.filename == member else data)
    return out.getvalue()


def test_a_slide_whose_xml_unpacks_past_the_part_limit_is_refused_before_parsing():
    bomb = with_member(make_pptx([("Oplæg om vand", "Vand og klima", "")]), "ppt/slides/slide1.xml", 40)
    assert len(bomb) > 40 * MB / ooxml.MAX_RATIO, "packed tightly enough to pass the zip-bomb check"
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"for stor udpakket: ppt/slides/slide1.xml fylder \d+ MB XML, over grænsen på 32 MB pr. del"):
        pptx.extract(bomb, "oplaeg.pptx")
    assert time.monotonic() - started < 1


def test_xml_parts_that_unpack_past_the_total_limit_together_are_refused(monkeypatch):
    monkeypatch.setattr(ooxml, "MAX_XML_BYTES", 2 * MB)
    bomb = with_member(make_docx([("text", "Referat om vand og klima")]), "word/document.xml", 3)
    with pytest.raises(IngestError, match=r"dens XML fylder \d MB, over grænsen på 2 MB"):
        docx.extract(bomb, "referat.docx")


def grow(megabytes: int) -> str:
    """A stand-in parser that fills memory a little at a time, as lxml does with a huge tree."""
    held = []
    for _ in range(megabytes // 8):
        held.append(b"x" * (8 * MB))
        time.sleep(0.005)
    return f"held {len(held) * 8} MB"


def test_a_worker_past_the_memory_limit_is_stopped_and_the_next_item_is_done():
    started = time.monotonic()
    results = dict(run_limited(grow, [2000, 16], workers=1, timeout=30, max_memory=200 * MB))
    assert isinstance(results[2000], TaskTooLarge)
    assert "over grænsen på 200 MB" in str(results[2000])
    assert results[16] == "held 16 MB"
    assert time.monotonic() - started < 10


def test_private_memory_counts_what_a_process_holds_for_itself():
    used = private_memory(os.getpid())
    if used is None:
        pytest.skip("no /proc/<pid>/smaps_rollup here")
    ballast = b"y" * (64 * MB)
    assert private_memory(os.getpid()) >= used + 60 * MB
    assert resident_anonymous(os.getpid()) >= 64 * MB  # the cheap first look sees it too
    del ballast


def grow_in_extraction(corpus_dir, relpath, limits):
    if relpath == "stor.txt":
        grow(2000)
    return extract_file(corpus_dir, relpath, limits)


def test_a_file_whose_parser_grows_past_the_limit_is_reported_as_too_large(corpus):
    (corpus / "stor.txt").write_text("Stor fil\n", encoding="utf-8")
    (corpus / "lille.txt").write_text("Lille notat om vand og klima\n", encoding="utf-8")
    results = dict(extract_many(
        corpus, ["stor.txt", "lille.txt"], workers=1,
        limits=Limits(max_memory_bytes=200 * MB), extract=grow_in_extraction,
    ))
    assert isinstance(results["stor.txt"], IngestError)
    assert results["stor.txt"].reason.startswith("filen er for stor udpakket: læsningen blev stoppet ved")
    assert results["lille.txt"].title == "Lille notat om vand og klima"
