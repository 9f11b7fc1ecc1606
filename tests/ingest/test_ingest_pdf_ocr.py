"""Scanned PDF pages read by OCR: only pages without text, cached between runs, off on request,
and never stopped by the per-file time limit meant for parsers."""

import shutil
import time
from datetime import datetime, timezone

import pytest

from ingest import pdf_ocr
from ingest.errors import IngestError
from ingest.formats import pdf
from ingest.ocr import OcrPage, missing_reason, tesseract_version
from ingest.options import NO_OCR, ExtractOptions, options_from_environment
from ingest.pipeline import Limits, extract_file, extract_many
from ingest.workers import TaskTimeout, extend_deadline, run_limited
from ingest_files import make_pdf
from tools.make_sample_corpus import scanned_pdf

MEMO = "2021-01-28-baeredygtigt-byggeri/notat-styregruppe-scannet.pdf"
REPORT = "2022-11-08-klimatilpasning-og-skybrud/rapport-klimatilpasning-i-kommunerne.pdf"
needs_tesseract = pytest.mark.skipif(tesseract_version() is None, reason=missing_reason())


@pytest.fixture(scope="module")
def memo_corpus(sample_corpus, tmp_path_factory):
    root = tmp_path_factory.mktemp("scans")
    shutil.copy(sample_corpus / "taxonomy.toml", root / "taxonomy.toml")
    (root / MEMO).parent.mkdir(parents=True)
    shutil.copy(sample_corpus / MEMO, root / MEMO)
    return root


@pytest.fixture(scope="module")
def first_read(memo_corpus, tmp_path_factory):
    """The memo read once through worker processes, with a per-file limit far below its OCR time
    and an empty OCR cache: (document, seconds, data folder)."""
    if tesseract_version() is None:
        pytest.skip(missing_reason())
    data = tmp_path_factory.mktemp("data")
    started = time.perf_counter()
    results = dict(extract_many(memo_corpus, [MEMO], workers=1, limits=Limits(timeout_seconds=1.0),
                                options=ExtractOptions(data_dir=data)))
    return results[MEMO], time.perf_counter() - started, data


def fail_if_called(*args, **kwargs):
    raise AssertionError("Tesseract was run")


@needs_tesseract
def test_a_scanned_memo_is_read_page_by_page(first_read):
    document, _, _ = first_read
    assert not isinstance(document, IngestError), document
    first, second = document.passages
    assert (first.number, second.number) == (1, 2)
    assert "energirenovering" in first.text.lower()
    assert "ventilationsanlæg" in second.text and "varmepumper" in second.text
    assert first.ocr and second.ocr and document.ocr_pages == 2
    assert second.ocr_confidence > 80 and not second.ocr_low_confidence
    assert "bygninger" in document.topic_slugs  # OCR text is analysed like any page's text


@needs_tesseract
def test_ocr_time_does_not_count_against_the_per_file_limit(first_read):
    document, seconds, _ = first_read
    assert seconds > 1.0  # two pages of Tesseract take longer than the 1 s limit the file had ...
    assert not isinstance(document, IngestError)  # ... and the file was not stopped


@needs_tesseract
def test_the_cache_spares_a_second_ocr(first_read, memo_corpus, monkeypatch):
    document, _, data = first_read
    cached = sorted(p.name for p in (data / "ocr").rglob("*.json"))
    assert cached == [f"{document.checksum}-p1.json", f"{document.checksum}-p2.json"]
    assert all(p.parent.parent.name == tesseract_version() for p in (data / "ocr").rglob("*.json"))
    monkeypatch.setattr(pdf_ocr, "read_image", fail_if_called)
    again = extract_file(memo_corpus, MEMO, options=ExtractOptions(data_dir=data))
    assert [p.text for p in again.passages] == [p.text for p in document.passages]


def test_no_ocr_says_why_the_scan_has_no_text(memo_corpus, monkeypatch):
    monkeypatch.setattr(pdf_ocr, "read_image", fail_if_called)
    with pytest.raises(IngestError, match="intet tekstlag .*tekstgenkendelse \\(OCR\\) er slået fra"):
        extract_file(memo_corpus, MEMO, options=NO_OCR)
    monkeypatch.setenv("KLIMAVIDEN_OCR", "0")
    assert options_from_environment().ocr is False
    with pytest.raises(IngestError, match="\\(OCR\\) er slået fra"):
        extract_file(memo_corpus, MEMO)


def test_missing_tesseract_is_named_in_the_error(memo_corpus, monkeypatch):
    monkeypatch.setattr(pdf_ocr, "tesseract_version", lambda: None)
    with pytest.raises(IngestError, match="apt-get install tesseract-ocr"):
        extract_file(memo_corpus, MEMO, options=ExtractOptions())


def test_pages_with_text_are_never_ocrd(sample_corpus, monkeypatch):
    monkeypatch.setattr(pdf_ocr, "read_image", fail_if_called)
    extracted = pdf.extract((sample_corpus / REPORT).read_bytes(), REPORT, ExtractOptions())
    assert not any(p.ocr for p in extracted.passages)


def test_blank_pages_are_not_ocrd(monkeypatch):
    monkeypatch.setattr(pdf_ocr, "read_image", fail_if_called)
    with pytest.raises(IngestError, match="intet tekstlag"):
        pdf.extract(make_pdf([""]), "tom.pdf", ExtractOptions())


def mixed_pdf() -> bytes:
    """Page 1 has a text layer, page 2 is a scan of a text page."""
    from pypdf import PdfReader, PdfWriter
    import io

    text = make_pdf(["Forside med tekst om fjernvarme i Kalundborg"])
    scan = scanned_pdf(make_pdf(["Bilag om solceller på skolernes tage"]), datetime(2021, 1, 1, tzinfo=timezone.utc))
    writer = PdfWriter()
    for part in (text, scan):
        writer.append(PdfReader(io.BytesIO(part)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_only_the_scanned_page_of_a_mixed_pdf_is_ocrd_and_a_low_confidence_is_marked(monkeypatch):
    calls = []

    def fake_read(image, timeout):
        calls.append(image.size)
        return OcrPage("Bilag om solceller", 41.0)

    monkeypatch.setattr(pdf_ocr, "tesseract_version", lambda: "5.3.0")
    monkeypatch.setattr(pdf_ocr, "read_image", fake_read)
    first, second = pdf.extract(mixed_pdf(), "blandet.pdf", ExtractOptions()).passages
    assert len(calls) == 1
    assert not first.ocr and first.text.startswith("Forside med tekst")
    assert second.ocr and second.text == "Bilag om solceller"
    assert second.ocr_confidence == 41.0 and second.ocr_low_confidence  # indexed, but marked


@needs_tesseract
def test_a_page_scanned_sideways_is_turned_before_reading():
    text = make_pdf(["Referat fra mødet om klimatilpasning\n\nKommunen vil anlægge regnbede ved skolen og "
                     "plante træer langs vejen, så regnvandet bliver i området."])
    data = scanned_pdf(text, datetime(2021, 1, 1, tzinfo=timezone.utc), rotations={1: 90})
    (page,) = pdf.extract(data, "sidelæns.pdf", ExtractOptions()).passages
    assert "regnbede" in page.text and page.ocr


def run_with_extension(seconds: float) -> str:
    extend_deadline(seconds)
    time.sleep(1.5)
    return "færdig"


def test_a_task_can_extend_its_own_time_limit():
    results = dict(run_limited(run_with_extension, [0.0, 5.0], workers=2, timeout=1.0))
    assert isinstance(results[0.0], TaskTimeout)
    assert results[5.0] == "færdig"


def test_show_with_no_ocr_says_the_scan_was_not_read(memo_corpus):
    from click.testing import CliRunner

    from klimaviden.cli import main

    result = CliRunner().invoke(main, ["show", str(memo_corpus / MEMO), "--corpus", str(memo_corpus), "--no-ocr"])
    assert result.exit_code == 1 and "(OCR) er slået fra" in result.output


@needs_tesseract
def test_show_marks_the_pages_read_by_ocr(first_read, memo_corpus):
    import json

    from click.testing import CliRunner

    from klimaviden.cli import main

    _, _, data = first_read  # its cache: nothing is read twice
    result = CliRunner().invoke(main, ["show", str(memo_corpus / MEMO), "--corpus", str(memo_corpus),
                                       "--data", str(data), "--json"])
    assert result.exit_code == 0, result.output
    pages = json.loads(result.stdout)["passages"]
    assert [p["ocr"] for p in pages] == [True, True] and all(p["ocr_confidence"] > 60 for p in pages)


def test_a_page_tesseract_fails_on_is_left_out_and_the_others_are_read(monkeypatch):
    from pytesseract import TesseractError

    def broken(image, timeout):
        raise TesseractError(1, "Image too small to scale")

    monkeypatch.setattr(pdf_ocr, "tesseract_version", lambda: "5.3.0")
    monkeypatch.setattr(pdf_ocr, "read_image", broken)
    (first,) = pdf.extract(mixed_pdf(), "blandet.pdf", ExtractOptions()).passages
    assert first.number == 1 and not first.ocr
