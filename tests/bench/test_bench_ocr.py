"""bench/ocr.py: OCR of the scanned PDFs measured apart from the full build, which then reads the
scans' text from the warm OCR cache of its own data folder (never the repo's var/data)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bench import ocr, report
from bench.textgen import DocText, Section
from bench.writers import scanned_pdf_bytes
from ingest import pdf_ocr
from ingest.ocr import OcrPage, missing_reason, tesseract_version
from ingest.options import ExtractOptions

CHECKSUM = "ab" * 32
SOURCE = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture
def page_log(tmp_path):
    handler = ocr.PageLog(tmp_path / "pages.jsonl").install()
    yield tmp_path / "pages.jsonl"
    handler.close()


def test_the_page_log_keeps_each_page_the_pdf_reader_logs_and_nothing_else(page_log, monkeypatch):
    def read(document, number, timeout):
        if number == 2:
            raise TimeoutError("Tesseract took longer than 30 s")
        return OcrPage(f"side {number}", 88.5 + number)

    monkeypatch.setattr(pdf_ocr, "tesseract_version", lambda: "5.3.0")
    monkeypatch.setattr(pdf_ocr, "_read_page", read)
    read_pages = pdf_ocr.ocr_pages(None, [1, 2, 3], CHECKSUM, ExtractOptions(data_dir=None), "referat.pdf")
    assert sorted(read_pages) == [1, 3]
    logging.getLogger(ocr.PAGE_LOGGER).info("an unrelated line %s", "x")
    lines = ocr.read_page_log(page_log)
    assert [(line["file"], line["page"], line["confidence"]) for line in lines] == [("referat.pdf", 1, 89.5),
                                                                                      ("referat.pdf", 3, 91.5)]
    assert all(line["seconds"] >= 0 for line in lines)


def test_a_closed_page_log_no_longer_writes(page_log):
    handler = logging.getLogger(ocr.PAGE_LOGGER).handlers[-1]
    handler.close()
    logging.getLogger(ocr.PAGE_LOGGER).info("%s: page %d read by OCR in %.1f s (confidence %.0f)", "a.pdf", 1, 2.0, 90.0)
    assert ocr.read_page_log(page_log) == []


def build(seconds: float, cpu: float, ocr_pages: int) -> dict:
    return {"seconds": seconds, "cpu_seconds": cpu, "failed": 0, "documents": 3, "report": {"ocr_pages": ocr_pages}}


def test_ocr_figures_are_the_cold_build_less_the_warm_one():
    pages = [{"file": "a.pdf", "page": k, "seconds": s, "confidence": 90.0} for k, s in enumerate([2.0, 3.0, 4.0, 9.0], 1)]
    result = ocr.summarize_ocr(pages, build(30.0, 24.0, 4), build(2.0, 4.0, 4))
    assert result["pages"] == 4 and result["pages_from_cache"] == 4 and result["files"] == 3
    assert result["seconds_per_page"]["p50"] == 3.5 and result["seconds_per_page"]["max"] == 9.0
    assert result["cpu_seconds_per_page"] == 5.0
    assert (result["extra_seconds"], result["extra_cpu_seconds"]) == (28.0, 20.0)


def test_the_readme_snippet_has_the_ocr_figures_beside_the_build_table():
    size = {"build": {"seconds": 80.0, "ocr_pages": 4},
            "ocr": ocr.summarize_ocr([{"seconds": 3.25, "confidence": 93.0}], build(30.0, 24.0, 4), build(2.0, 4.0, 4))}
    results = {"mode": "quick", "date": "2026-11-30T05:00:00+00:00", "seconds": 60.0,
               "machine": {"cpu": "Test CPU", "cores": 2, "ram_bytes": 8 * 2**30, "python": "3.11", "sqlite": "3.40"},
               "sizes": {"1000": size, "300": {"ocr": {"available": False, "files": 1, "reason": missing_reason()}}}}
    text = report.readme_snippet(results)
    assert text.index("**Build and reindex**") < text.index("**OCR of scanned pages**") < text.index("**Search**")
    row = next(line for line in text.splitlines() if line.startswith("| 1000 | 3 | 4 |"))
    assert "3.25 / 3.25" in row and "28.0 (20.0)" in row and row.endswith("| 4 |")
    assert any(line.startswith("| 300 | 1 | not measured: Tesseract missing") for line in text.splitlines())


@pytest.mark.skipif(tesseract_version() is None, reason=missing_reason())
def test_a_cold_and_a_warm_build_of_a_scan_read_it_once_into_the_given_data_folder(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "noter").mkdir(parents=True)
    shutil.copy(SOURCE / "taxonomy.toml", corpus)
    memo = DocText("Referat af styregruppens møde", "3. marts 2021",
                   (Section("Varmepumper", ("Alle skoler får varmepumper fra foråret, og oliefyrene tages ud.",)),))
    (corpus / "noter" / "scannet.pdf").write_bytes(scanned_pdf_bytes(memo))
    (corpus / "noter" / "tekst.txt").write_text("Ikke scannet.", "utf-8")
    data = tmp_path / "data"
    result = ocr.measure(corpus, ["noter/scannet.pdf"], tmp_path / "work", data, log=lambda _: None)
    assert (result["files"], result["pages"], result["pages_from_cache"]) == (1, 1, 1)
    assert result["seconds_per_page"]["n"] == 1 and result["confidence"]["p50"] > 60
    assert result["extra_cpu_seconds"] > 0
    assert list((data / "ocr").rglob("*-p1.json"))  # the cache the full build reads next


def test_the_extraction_table_shows_scanned_pdfs_by_their_seconds_an_ocr_page():
    rate = {"files": 3, "kib_per_file": 196.0, "files_per_second": 0.037, "files_per_cpu_second": 0.2,
            "ms_per_file": 27038.7, "ocr_pages": 13, "seconds_per_ocr_page": 6.24, "cpu_seconds_per_ocr_page": 1.5}
    text = rate | {"files": 138, "files_per_second": 24.4, "files_per_cpu_second": 58.0, "ocr_pages": 0,
                   "seconds_per_ocr_page": None, "cpu_seconds_per_ocr_page": None}
    pages = {"load_average_at_start": (1.0, 1.0, 1.0), "extraction": {"pdf": text, "pdf (scanned)": rate},
             "html_parallel": {"pages_per_second": 120.0, "workers": 2, "workers_cpu_seconds": 3.0},
             "build_ratio": {"pages": 10, "klimaviden": {"seconds": 2.0, "cpu_seconds": 3.0},
                             "plain": {"seconds": 0.5, "cpu_seconds": 0.4}, "ratio_wall": 4.0, "ratio_cpu": 7.5}}
    lines = "\n".join(report.webpage_sections({"webpages": pages})).splitlines()
    assert "| pdf | 138 | 196 | 24 | 58 | 27038.7 | – |" in lines
    assert "| pdf (scanned) | 3 | 196 | 0.04 | 0.20 | 27038.7 | 6.24 (1.50) |" in lines
