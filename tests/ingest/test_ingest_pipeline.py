"""The I/O edge: scanning a corpus safely, reading files within limits, and a batch that goes on."""

import os
import time
import unicodedata
from datetime import date

import pytest

from ingest.document import document_id
from ingest.errors import IngestError
from ingest.pipeline import Limits, extract_file, extract_many, scan_corpus
from ingest.taxonomy import TaxonomyError
from ingest_files import make_docx, make_pdf, make_pptx

MEETING = "2021-04-29-erhvervspartnerskaber"


@pytest.fixture
def filled(corpus, seed_news):
    """A corpus with one meeting folder holding every format, a sidecar, and a loose notes folder."""
    meeting = corpus / MEETING
    meeting.mkdir()
    (meeting / "meeting.toml").write_text(
        'title = "Erhvervspartnerskaber og sektorkobling"\ndate = 2021-04-29\nplace = "København"\n'
        'themes = ["Erhvervspartnerskaber og sektorkobling"]\norganizations = ["Dansk Industri", "KL"]\n',
        encoding="utf-8",
    )
    (meeting / "invitation.txt").write_bytes(seed_news.encode("cp1252", errors="replace"))
    (meeting / "di-rapport-sektorkobling.pdf").write_bytes(
        make_pdf(["Sektorkobling og partnerskaber\n\nFjernvarme og varmepumper i erhvervslivet.",
                  "Partnerskaber med virksomheder om overskudsvarme."])
    )
    (meeting / "di-rapport-sektorkobling.pdf.meta.toml").write_text(
        'title = "Sektorkobling og partnerskaber (DI)"\ntype = "report"\npublished = 2021-03-24\n', encoding="utf-8"
    )
    (meeting / "vaekstteam.pptx").write_bytes(
        make_pptx([("Det nordjyske vækstteam", "CO2-fangst og lagring", "CCS i Aalborg")])
    )
    (meeting / "referat.docx").write_bytes(
        make_docx([("text", "Referat af netværksmødet 29. april 2021"), ("heading1", "Partnerskaber"),
                   ("text", "Partnerskaber med erhvervslivet blev drøftet.")])
    )
    (meeting / "nyhed.html").write_text(
        '<html><head><meta property="article:published_time" content="2021-04-22"></head><body>'
        "<article><h1>Netværket om partnerskaber</h1><p>Partnerskaber og erhverv.</p></article></body></html>",
        encoding="utf-8",
    )
    notes = corpus / "noter"
    notes.mkdir()
    (notes / "skybrud.md").write_text("# Skybrud i Vejle\n\nVejle, 8. november 2022\n\nSkybrudsplanen.\n", encoding="utf-8")
    return corpus


def test_scan_lists_documents_and_skips_what_is_not(filled):
    (filled / "README.md").write_text("Eksempelmateriale", encoding="utf-8")
    (filled / "noter" / "README.md").write_text("# Noter\n\nOm mappen.", encoding="utf-8")
    (filled / ".skjult.txt").write_text("x", encoding="utf-8")
    (filled / ".git").mkdir()
    (filled / ".git" / "config.txt").write_text("x", encoding="utf-8")
    (filled / MEETING / "~$referat.docx").write_bytes(b"lock")
    (filled / MEETING / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (filled / MEETING / "foto.png").write_bytes(b"\x89PNG")
    result = scan_corpus(filled)
    assert [f.relpath for f in result.files] == [
        f"{MEETING}/di-rapport-sektorkobling.pdf",
        f"{MEETING}/invitation.txt",
        f"{MEETING}/nyhed.html",
        f"{MEETING}/referat.docx",
        f"{MEETING}/vaekstteam.pptx",
        "noter/README.md",
        "noter/skybrud.md",
    ]
    assert result.skipped == [f"{MEETING}/budget.xlsx", f"{MEETING}/foto.png"]
    pdf = result.files[0]
    assert pdf.size == pdf.abspath.stat().st_size and pdf.mtime_ns > 0


def test_every_format_in_a_meeting_folder_becomes_a_document(filled):
    results = dict(extract_many(filled, [f.relpath for f in scan_corpus(filled).files], workers=2))
    assert not [r for r in results.values() if isinstance(r, IngestError)]
    report = results[f"{MEETING}/di-rapport-sektorkobling.pdf"]
    assert (report.title, report.type, report.published) == ("Sektorkobling og partnerskaber (DI)", "report", date(2021, 3, 24))
    assert (report.date, report.date_source, report.meeting) == (date(2021, 4, 29), "meeting.toml", MEETING)
    assert [p.number for p in report.passages] == [1, 2]
    assert {"energi", "partnerskaber"} <= set(report.topic_slugs)
    assert results[f"{MEETING}/vaekstteam.pptx"].type == "presentation"
    assert results[f"{MEETING}/vaekstteam.pptx"].topic_slugs[0] == "co2-fangst"
    assert results[f"{MEETING}/referat.docx"].type == "minutes"
    assert results[f"{MEETING}/nyhed.html"].type == "announcement"
    invitation = results[f"{MEETING}/invitation.txt"]
    assert invitation.title.startswith("Kommunernes klimapolitiske netværk")
    assert invitation.themes == ("Erhvervspartnerskaber og sektorkobling",)
    loose = results["noter/skybrud.md"]
    assert (loose.meeting, loose.date, loose.date_source) == (None, date(2022, 11, 8), "text:dateline")
    assert loose.topic_slugs == ("klimatilpasning",)
    assert loose.places == ("Vejle",)


def test_extract_file_checksum_and_size(filled):
    relpath = f"{MEETING}/invitation.txt"
    doc = extract_file(filled, relpath)
    data = (filled / relpath).read_bytes()
    import hashlib

    assert (doc.checksum, doc.size, doc.id) == (hashlib.sha256(data).hexdigest(), len(data), document_id(relpath))


def test_symlink_out_of_the_corpus_is_not_followed(filled, tmp_path):
    secret = tmp_path / "hemmeligt"
    secret.mkdir()
    (secret / "adgangskoder.txt").write_text("hemmeligt", encoding="utf-8")
    (filled / "noter" / "link.txt").symlink_to(secret / "adgangskoder.txt")
    (filled / "mappe-link").symlink_to(secret, target_is_directory=True)
    (filled / "noter" / "genvej.md").symlink_to(filled / "noter" / "skybrud.md")  # inside: fine
    result = scan_corpus(filled)
    relpaths = [f.relpath for f in result.files]
    assert "noter/link.txt" not in relpaths and not any(r.startswith("mappe-link") for r in relpaths)
    assert result.outside == ["noter/link.txt"]
    assert "noter/genvej.md" in relpaths
    with pytest.raises(IngestError, match="uden for korpusmappen"):
        extract_file(filled, "noter/link.txt")
    with pytest.raises(IngestError, match="uden for korpusmappen"):
        extract_file(filled, "mappe-link/adgangskoder.txt")


@pytest.mark.parametrize("relpath", ["../hemmeligt.txt", "noter/../../x.txt", ""])
def test_paths_out_of_the_corpus_are_refused(filled, relpath):
    with pytest.raises(IngestError, match="ligger ikke i korpusmappen"):
        extract_file(filled, relpath)


def test_an_absolute_path_is_read_relative_to_the_corpus(filled):
    with pytest.raises(IngestError, match="filen findes ikke"):
        extract_file(filled, "/etc/passwd")
    assert extract_file(filled, "/noter/skybrud.md").path == "noter/skybrud.md"


def test_nfc_and_nfd_names_give_the_same_id(corpus):
    nfd_name = unicodedata.normalize("NFD", "møde-på-ærø.txt")
    (corpus / nfd_name).write_text("Noter fra mødet på Ærø om fjernvarme og fjernvarme.", encoding="utf-8")
    [scanned] = scan_corpus(corpus).files
    assert scanned.relpath == "møde-på-ærø.txt" == unicodedata.normalize("NFC", scanned.relpath)
    from_nfc = extract_file(corpus, "møde-på-ærø.txt")
    from_nfd = extract_file(corpus, nfd_name)
    assert from_nfc.id == from_nfd.id == document_id("møde-på-ærø.txt") == document_id(nfd_name)
    assert from_nfd.path == "møde-på-ærø.txt"


def test_fifo_is_not_listed_and_cannot_hang_a_read(corpus):
    os.mkfifo(corpus / "ror.txt")
    assert scan_corpus(corpus).files == []
    with pytest.raises(IngestError, match="ikke en almindelig fil"):
        extract_file(corpus, "ror.txt")


def test_file_over_the_size_limit_is_an_error(filled):
    with pytest.raises(IngestError, match="over grænsen på 100 bytes"):
        extract_file(filled, f"{MEETING}/invitation.txt", Limits(max_bytes=100))


def test_missing_file_is_an_error(filled):
    with pytest.raises(IngestError, match="filen findes ikke"):
        extract_file(filled, "noter/findes-ikke.md")


def test_unsupported_file_asked_for_directly(filled):
    (filled / "noter" / "data.xyz").write_bytes(b"\x00\x01")
    with pytest.raises(IngestError, match="formatet understøttes ikke"):
        extract_file(filled, "noter/data.xyz")


def test_the_batch_goes_on_after_bad_files(filled):
    bad = {
        "noter/tom.pdf": b"",
        "noter/afbrudt.pdf": make_pdf(["Tekst"])[:-300],
        "noter/junk.txt": bytes(range(256)) * 10,
        "noter/ikke-zip.pptx": b"tekst",
        "noter/ikke-zip.docx": b"tekst",
        "noter/tom.html": b"<html><body><nav>Menu</nav></body></html>",
    }
    for relpath, data in bad.items():
        (filled / relpath).write_bytes(data)
    relpaths = sorted(bad) + ["noter/skybrud.md", f"{MEETING}/referat.docx"]
    results = dict(extract_many(filled, relpaths, workers=2))
    assert sorted(results) == sorted(relpaths)
    for relpath in bad:
        assert isinstance(results[relpath], IngestError)
        assert results[relpath].path == relpath and results[relpath].reason
    assert results["noter/skybrud.md"].title == "Skybrud i Vejle"
    assert results[f"{MEETING}/referat.docx"].type == "minutes"


# Time limits and crashes: the extractor is injected so a hang or a crash is certain and quick.


def hang_on_haenger(corpus_dir, relpath, limits):
    if "haenger" in relpath:
        time.sleep(60)
    return extract_file(corpus_dir, relpath, limits)


def crash_on_crash(corpus_dir, relpath, limits):
    if "crash" in relpath:
        os._exit(7)
    return extract_file(corpus_dir, relpath, limits)


def bug_on_bug(corpus_dir, relpath, limits):
    if "bug" in relpath:
        raise ZeroDivisionError("a bug, not bad input")
    return extract_file(corpus_dir, relpath, limits)


def test_a_hanging_parser_is_stopped_by_the_time_limit(filled):
    (filled / "noter" / "haenger.md").write_text("# Hænger", encoding="utf-8")
    relpaths = ["noter/haenger.md", "noter/skybrud.md", f"{MEETING}/referat.docx"]
    started = time.monotonic()
    results = dict(
        extract_many(filled, relpaths, workers=2, limits=Limits(timeout_seconds=2.0), extract=hang_on_haenger)
    )
    assert time.monotonic() - started < 10
    assert isinstance(results["noter/haenger.md"], IngestError)
    assert "tog for lang tid" in results["noter/haenger.md"].reason
    assert results["noter/skybrud.md"].title == "Skybrud i Vejle"
    assert results[f"{MEETING}/referat.docx"].type == "minutes"


def test_a_crashing_parser_is_reported_and_the_batch_goes_on(filled):
    (filled / "noter" / "crash.md").write_text("# Crash", encoding="utf-8")
    relpaths = ["noter/crash.md", "noter/skybrud.md", f"{MEETING}/nyhed.html"]
    results = dict(extract_many(filled, relpaths, workers=1, extract=crash_on_crash))
    assert "brød sammen" in results["noter/crash.md"].reason and "afslutningskode 7" in results["noter/crash.md"].reason
    assert results["noter/skybrud.md"].title == "Skybrud i Vejle"
    assert results[f"{MEETING}/nyhed.html"].type == "announcement"


def test_a_bug_is_not_swallowed(filled):
    with pytest.raises(ZeroDivisionError):
        list(extract_many(filled, ["noter/bug.md", "noter/skybrud.md"], workers=1, extract=bug_on_bug))


def test_an_invalid_taxonomy_fails_loudly(filled):
    (filled / "taxonomy.toml").write_text('[[topic]]\nslug = "vand"\n', encoding="utf-8")
    with pytest.raises(TaxonomyError, match="ukendt slug"):
        list(extract_many(filled, ["noter/skybrud.md"]))
    with pytest.raises(TaxonomyError):
        extract_file(filled, "noter/skybrud.md")


def test_an_invalid_meeting_toml_leaves_its_documents_the_meeting_their_folder_names(filled):
    (filled / MEETING / "meeting.toml").write_text("dato = 1\n", encoding="utf-8")
    results = dict(extract_many(filled, [f"{MEETING}/nyhed.html", "noter/skybrud.md"]))
    news = results[f"{MEETING}/nyhed.html"]
    assert (news.meeting, news.meeting_date, news.title) == (MEETING, date(2021, 4, 29), "Netværket om partnerskaber")
    assert "Dansk Industri" not in news.organizations  # that came from the broken meeting.toml
    assert results["noter/skybrud.md"].title == "Skybrud i Vejle"


def test_an_invalid_sidecar_is_reported_by_the_scan_and_its_document_read_without_it(filled):
    sidecar = filled / MEETING / "di-rapport-sektorkobling.pdf.meta.toml"
    sidecar.write_text('title = "Sektorkobling"\ntype = "rapport"\n', encoding="utf-8")
    document = extract_file(filled, f"{MEETING}/di-rapport-sektorkobling.pdf")
    assert document.title == "Sektorkobling og partnerskaber"  # the PDF's own title, not the sidecar's
    assert dict(document.meta)["published_source"] == "pdf-metadata"
    assert scan_corpus(filled).failures() == [{
        "path": f"{MEETING}/di-rapport-sektorkobling.pdf.meta.toml",
        "error": "sidecar-filen di-rapport-sektorkobling.pdf.meta.toml er ugyldig: type skal være en af announcement, "
                 "news, presentation, report, case, minutes, notes, other, ikke 'rapport'; "
                 f"{MEETING}/di-rapport-sektorkobling.pdf kommer i søgningen uden sidecar-filens oplysninger",
    }]


def test_valid_sidecars_are_no_failures(filled):
    assert scan_corpus(filled).failures() == []


def test_corpus_without_taxonomy_gets_no_topics(filled):
    (filled / "taxonomy.toml").unlink()
    assert extract_file(filled, "noter/skybrud.md").topics == ()


def test_extract_many_of_nothing(filled):
    assert list(extract_many(filled, [])) == []
