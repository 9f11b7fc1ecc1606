"""The name an original file is saved as: any file name gives a valid RFC 6266 header."""

from __future__ import annotations

import pytest

from webapp.disposition import ascii_file_name, clean_file_name, content_disposition


@pytest.mark.parametrize(
    "name, clean",
    [
        ("rapport.pdf", "rapport.pdf"),
        ("notat\r\nom vand.txt", "notat om vand.txt"),
        ("oplæg\x00\x07\x1b[31m.pptx", "oplæg [31m.pptx"),
        ("linje\u2028skift\x85.md", "linje skift .md"),
        ("\r\n", "fil"),
    ],
)
def test_control_characters_and_line_breaks_leave_the_name(name, clean):
    assert clean_file_name(name) == clean


def test_the_ascii_name_spells_danish_letters_and_drops_quotes():
    assert ascii_file_name('Oplæg "Skybrud" på Ærø\\.pdf') == "Oplaeg _Skybrud_ paa Aeroe_.pdf"
    assert ascii_file_name("日本.pdf") == ".pdf"


def test_the_header_has_both_names_and_no_line_break():
    header = content_disposition("Skybrud\r\nså%.pdf", attachment=True)
    assert header == "attachment; filename=\"Skybrud saa_.pdf\"; filename*=UTF-8''Skybrud%20s%C3%A5%25.pdf"
    assert "\r" not in header and "\n" not in header
