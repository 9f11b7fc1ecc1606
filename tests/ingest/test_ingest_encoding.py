"""Text files decode correctly in every encoding Windows, Mac and Linux tools write."""

import codecs
import random

import pytest

from ingest.encoding import NotText, decode_text
from ingest.errors import IngestError
from ingest.formats import text as text_format

DANISH = "Kære netværk – vi mødes på Klimafolkemødet i Middelfart. Æble, øl og å. “Citat” 500 €\n"
LATIN1 = "Kære netværk, vi mødes på Klimafolkemødet i Middelfart. Æble, øl og å.\n"


@pytest.mark.parametrize(
    "data, expected",
    [
        (DANISH.encode("utf-8"), DANISH),
        (codecs.BOM_UTF8 + DANISH.encode("utf-8"), DANISH),
        (DANISH.encode("utf-16"), DANISH),  # with BOM, native order
        (codecs.BOM_UTF16_LE + DANISH.encode("utf-16-le"), DANISH),
        (codecs.BOM_UTF16_BE + DANISH.encode("utf-16-be"), DANISH),
        (DANISH.encode("cp1252"), DANISH),
        (LATIN1.encode("latin-1"), LATIN1),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "cp1252", "latin-1"],
)
def test_decodes(data, expected):
    assert decode_text(data) == expected


def test_decoded_text_is_nfc():
    decomposed = "Møde i Aarhus å".replace("å", "a\u030a")
    assert decode_text(decomposed.encode("utf-8")) == "Møde i Aarhus å"


@pytest.mark.parametrize(
    "data",
    [
        random.Random(3).randbytes(4096),
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 50,
    ],
    ids=["random", "png", "exe"],
)
def test_binary_data_is_not_text(data):
    with pytest.raises(NotText):
        decode_text(data)


def test_junk_named_txt_is_an_ingest_error_with_reason():
    with pytest.raises(IngestError) as caught:
        text_format.extract(random.Random(1).randbytes(2048), "noter/junk.txt")
    assert caught.value.path == "noter/junk.txt"
    assert "binære data" in caught.value.reason


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t"], ids=["empty", "blank"])
def test_empty_text_file_is_an_error(data):
    with pytest.raises(IngestError, match="filen er tom"):
        text_format.extract(data, "tom.txt")


def test_punctuation_only_text_file_is_an_error():
    with pytest.raises(IngestError, match="ingen læsbar tekst"):
        text_format.extract(b"----\n....\n", "streger.txt")


def test_text_file_becomes_one_passage_with_a_title():
    data = "Emne: Invitation til netværksmøde\nFra: KL\n\nKære medlemmer\n\nVi mødes   snart.\n".encode("cp1252")
    extracted = text_format.extract(data, "invitation.txt")
    assert extracted.title_candidates == ("Invitation til netværksmøde",)
    assert len(extracted.passages) == 1
    assert extracted.passages[0].number == 1
    assert "Vi mødes snart." in extracted.passages[0].text


def test_text_title_skips_a_leading_dateline():
    extracted = text_format.extract("22. april 2021\n\nNetværket stiller skarpt\n\nTekst.".encode(), "n.txt")
    assert extracted.title_candidates == ("Netværket stiller skarpt",)
