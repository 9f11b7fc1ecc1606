import pytest

from ingest.errors import UnsupportedFormat
from ingest.formats import docx, html, markdown, pdf, pptx, text
from ingest.registry import format_for, is_supported, mime_type, supported_extensions
from ingest_files import make_docx, make_pdf, make_pptx


@pytest.mark.parametrize(
    "name, module",
    [("a.html", html), ("a.HTM", html), ("a.txt", text), ("a.md", markdown), ("a.PDF", pdf),
     ("a.pptx", pptx), ("a.docx", docx), ("mappe.v2/noter.markdown", markdown)],
)
def test_by_extension(name, module):
    assert format_for(name) is module
    assert is_supported(name)


@pytest.mark.parametrize(
    "data, module",
    [
        (make_pdf(["x"]), pdf),
        (b"<!DOCTYPE html><html><body>x</body></html>", html),
        (make_pptx([("Titel", "", "")]), pptx),
        (make_docx([("text", "x")]), docx),
    ],
    ids=["pdf", "html", "pptx", "docx"],
)
def test_by_magic_bytes_when_the_extension_is_unknown(data, module):
    assert format_for("download.bin", data) is module


def test_by_mime_type():
    assert format_for("x", b"", "application/pdf; charset=binary") is pdf


@pytest.mark.parametrize("name, data", [("billede.png", b"\x89PNG\r\n"), ("regneark.xlsx", b"PK\x03\x04x"), ("README", b"tekst")])
def test_unknown_format_is_unsupported(name, data):
    assert not is_supported(name)
    with pytest.raises(UnsupportedFormat, match="formatet understøttes ikke"):
        format_for(name, data)


def test_listing():
    assert {".pdf", ".pptx", ".docx", ".html", ".txt", ".md"} <= set(supported_extensions())
    assert mime_type("a.pptx").endswith("presentationml.presentation")
    assert mime_type("a.xyz") is None
