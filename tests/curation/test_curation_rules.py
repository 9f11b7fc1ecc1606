"""The pure rules behind curation: safe names, TOML that reads back, content checks, the trash."""

from __future__ import annotations

import io
import os
import tomllib
import unicodedata
import zipfile
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from curation import trash
from curation.content import ContentMismatch, check_content
from curation.metadata import SIDECAR_FIELDS, FormError, parse_presenters, presenters_text, sidecar_from_form
from curation.naming import MAX_BYTES, UnsafeName, create_exclusive, meeting_folder_name, safe_filename
from curation.tomlwrite import dumps
from ingest.pipeline import scan_corpus
from ingest.sidecar import parse_sidecar


@pytest.mark.parametrize("raw, stored", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("mappe/under/rapport.pdf", "rapport.pdf"),
    ("C:\\Users\\anne\\oplæg.pptx", "oplæg.pptx"),
    ("rap\x00p\x07ort\n.pdf", "rapport.pdf"),
    (".skjult.pdf", "skjult.pdf"),
    ("~$laasefil.docx", "laasefil.docx"),
    ('hvad?<nu>:"her".pdf', "hvad--nu---her-.pdf"),
])
def test_unsafe_parts_of_an_uploaded_name_are_removed(raw, stored):
    assert safe_filename(raw) == stored


def test_a_decomposed_name_is_stored_composed():
    decomposed = unicodedata.normalize("NFD", "Årsrapport for grøn omstilling.pdf")
    assert safe_filename(decomposed) == "Årsrapport for grøn omstilling.pdf"
    assert unicodedata.is_normalized("NFC", safe_filename(decomposed))


def test_a_300_byte_name_is_cut_to_200_bytes_keeping_the_extension():
    name = safe_filename("æ" * 150 + ".pdf")
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert name.endswith(".pdf") and name.startswith("æææ")


@pytest.mark.parametrize("raw", ["meeting.toml", "rapport.pdf.meta.toml", "taxonomy.TOML", "virus.exe", "..", "", "noget"])
def test_metadata_and_unknown_formats_are_refused(raw):
    with pytest.raises(UnsafeName):
        safe_filename(raw)


@given(st.text(max_size=300))
def test_any_name_is_refused_or_safe(raw):
    try:
        name = safe_filename(raw + ".pdf")
    except UnsafeName:
        return
    assert "/" not in name and "\\" not in name and not name.startswith((".", "~$"))
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert not any(unicodedata.category(ch) == "Cc" for ch in name)


def test_a_taken_name_gets_a_number(tmp_path):
    (tmp_path / "oplaeg.pdf").write_bytes(b"x")
    (tmp_path / "noter.pdf.meta.toml").write_text('title = "x"\n')
    name, fd = create_exclusive(tmp_path, "oplaeg.pdf")
    os.close(fd)
    assert name == "oplaeg-2.pdf"
    name, fd = create_exclusive(tmp_path, "noter.pdf")  # a lone sidecar would attach itself
    os.close(fd)
    assert name == "noter-2.pdf"


def test_meeting_folder_follows_the_layout():
    assert meeting_folder_name(date(2025, 9, 3), "Grøn varme og fjernkøling!") == "2025-09-03-groen-varme-og-fjernkoeling"


@given(st.text(), st.lists(st.text(min_size=1)))
def test_written_toml_reads_back_exactly(title, organizations):
    data = {"title": title or None, "organizations": organizations, "published": date(2024, 1, 31)}
    parsed = tomllib.loads(dumps(data))
    assert parsed.get("title") == (title or None)
    assert parsed.get("organizations", []) == organizations
    assert parsed["published"] == date(2024, 1, 31)


def test_a_written_sidecar_is_one_the_reader_accepts():
    text = dumps({"title": 'Oplæg "om" <b>varme</b>\\', "type": "presentation", "organizations": ["DI", "KL"]})
    sidecar = parse_sidecar(tomllib.loads(text))
    assert sidecar.title == 'Oplæg "om" <b>varme</b>\\'
    assert sidecar.organizations == ("DI", "KL")


def _zip(member: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<x/>")
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("name, data", [
    ("rapport.pdf", b"%PDF-1.7\n..."),
    ("noter.txt", "Referat fra mødet i Vejle".encode("cp1252")),
    ("side.html", b"<!doctype html><title>x</title>"),
])
def test_content_that_matches_its_extension_passes(name, data):
    check_content(name, io.BytesIO(data))


@pytest.mark.parametrize("name, stream", [
    ("rapport.pdf", io.BytesIO(b"<html>not a pdf</html>")),
    ("oplaeg.pptx", io.BytesIO(b"%PDF-1.4")),
    ("oplaeg.pptx", _zip("word/document.xml")),
    ("notat.docx", _zip("ppt/presentation.xml")),
    ("noter.txt", io.BytesIO(b"\x00\x01\x02binary\x00" * 50)),
    ("tom.pdf", io.BytesIO(b"")),
])
def test_content_that_does_not_match_is_refused(name, stream):
    with pytest.raises(ContentMismatch):
        check_content(name, stream)
    assert stream.tell() == 0


def test_trash_removes_restores_and_expires(tmp_path):
    folder = tmp_path / "2024-05-01-moede"
    folder.mkdir()
    (folder / "oplaeg.pdf").write_bytes(b"%PDF-1.4")
    (folder / "oplaeg.pdf.meta.toml").write_text('title = "Oplæg"\n')
    old = datetime.now(timezone.utc) - timedelta(days=100)
    entry = trash.remove(tmp_path, "2024-05-01-moede/oplaeg.pdf", "anne", now=old)
    assert not (folder / "oplaeg.pdf").exists() and not (folder / "oplaeg.pdf.meta.toml").exists()
    assert [e.id for e in trash.expired(tmp_path, 90)] == [entry.id]
    assert trash.expired(tmp_path, 120) == []
    (folder / "oplaeg.pdf").write_bytes(b"new file of the same name")
    with pytest.raises(trash.TrashError):
        trash.restore(tmp_path, entry.id)
    (folder / "oplaeg.pdf").unlink()
    trash.restore(tmp_path, entry.id)
    assert (folder / "oplaeg.pdf").read_bytes() == b"%PDF-1.4"
    assert (folder / "oplaeg.pdf.meta.toml").read_text() == 'title = "Oplæg"\n'
    assert trash.entries(tmp_path) == []


def test_the_scan_skips_the_trash(tmp_path):
    folder = tmp_path / "2024-05-01-moede"
    folder.mkdir()
    (folder / "a.txt").write_text("Referat om varme")
    (folder / "b.txt").write_text("Referat om vand")
    trash.remove(tmp_path, "2024-05-01-moede/b.txt", "anne")
    assert [f.relpath for f in scan_corpus(tmp_path).files] == ["2024-05-01-moede/a.txt"]


def test_presenters_are_written_as_tables_that_read_back():
    presenters = parse_presenters("Mette Holm; klimakoordinator; Kolding Kommune\nJens Berg\n\n")
    text = dumps({"title": "Oplæg", "presenters": presenters, "organizations": ["DI"]})
    assert tomllib.loads(text) == {
        "title": "Oplæg", "organizations": ["DI"],
        "presenters": [{"name": "Mette Holm", "role": "klimakoordinator", "organization": "Kolding Kommune"},
                       {"name": "Jens Berg"}],
    }
    assert presenters_text(presenters) == "Mette Holm; klimakoordinator; Kolding Kommune\nJens Berg"


@pytest.mark.parametrize("lines", ["; rolle uden navn", "a; b; c; d"])
def test_a_presenter_line_that_cannot_be_read_is_refused(lines):
    with pytest.raises(FormError):
        parse_presenters(lines)


@pytest.mark.skipif("presenters" not in SIDECAR_FIELDS, reason="the sidecar reader knows no presenters yet")
def test_the_sidecar_reader_accepts_written_presenters():
    text = dumps({"presenters": parse_presenters("Mette Holm; klimakoordinator; Kolding Kommune")})
    (presenter,) = parse_sidecar(tomllib.loads(text)).presenters
    assert (presenter.name, presenter.role, presenter.organization) == ("Mette Holm", "klimakoordinator", "Kolding Kommune")


def test_only_fields_the_reader_knows_are_written():
    form = MultiDict({"title": " Plan  for varme ", "type": "report", "presenters": "Mette Holm",
                      "topics": "energi", "organizations": "DI, KL"})
    data = sidecar_from_form(form, ["energi"])
    assert set(data) <= set(SIDECAR_FIELDS)
    assert data["title"] == "Plan for varme" and data["organizations"] == ["DI", "KL"]
    with pytest.raises(FormError):
        sidecar_from_form(MultiDict({"type": "roman"}), ["energi"])
