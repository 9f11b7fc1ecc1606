import os
from datetime import date

import pytest

from ingest.errors import IngestError
from ingest.sidecar import load_sidecar, sidecar_path


def write_sidecar(tmp_path, text):
    document = tmp_path / "rapport.pdf"
    document.write_bytes(b"%PDF-")
    sidecar_path(document).write_text(text, encoding="utf-8")
    return document


def test_sidecar_name():
    from pathlib import Path

    assert sidecar_path(Path("a/rapport.pdf")) == Path("a/rapport.pdf.meta.toml")


def test_all_fields(tmp_path):
    document = write_sidecar(
        tmp_path,
        'title = "Sektorkobling"\ntype = "report"\npublished = 2021-03-24\nmeeting_date = 2021-04-29\n'
        'themes = ["Erhverv"]\norganizations = ["Dansk Industri"]\nplaces = ["Aalborg"]\n',
    )
    sidecar = load_sidecar(document, "m/rapport.pdf")
    assert sidecar.title == "Sektorkobling" and sidecar.type == "report"
    assert (sidecar.published, sidecar.meeting_date) == (date(2021, 3, 24), date(2021, 4, 29))
    assert (sidecar.themes, sidecar.organizations, sidecar.places) == (("Erhverv",), ("Dansk Industri",), ("Aalborg",))


def test_no_sidecar(tmp_path):
    document = tmp_path / "rapport.pdf"
    document.write_bytes(b"%PDF-")
    assert load_sidecar(document, "rapport.pdf") is None


@pytest.mark.parametrize(
    "text, message",
    [
        ('type = "slides"\n', "type skal være en af announcement, news, presentation"),
        ('published = "i går"\n', "published skal være en dato"),
        ('titel = "X"\n', "ukendt nøgle"),
        ('places = "Vejle"\nthemes = [""]\n', "themes skal være en liste af tekster, ingen tomme"),
        ("title = \n", "ikke gyldig TOML"),
    ],
)
def test_invalid_sidecar_is_an_ingest_error_for_the_document(tmp_path, text, message):
    document = write_sidecar(tmp_path, text)
    with pytest.raises(IngestError, match=message) as caught:
        load_sidecar(document, "m/rapport.pdf")
    assert caught.value.path == "m/rapport.pdf"
    assert "rapport.pdf.meta.toml" in caught.value.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_sidecar_is_an_ingest_error(tmp_path):
    document = write_sidecar(tmp_path, 'title = "X"\n')
    sidecar_path(document).chmod(0)
    with pytest.raises(IngestError, match="kan ikke læses"):
        load_sidecar(document, "rapport.pdf")


def test_sidecar_that_is_a_folder_is_ignored(tmp_path):
    document = tmp_path / "rapport.pdf"
    document.write_bytes(b"%PDF-")
    sidecar_path(document).mkdir()
    assert load_sidecar(document, "rapport.pdf") is None


def test_a_metadata_file_that_cannot_be_read_is_a_field_error(tmp_path):
    from ingest.tomlfields import FieldError, read_toml

    with pytest.raises(FieldError, match="kan ikke læses"):
        read_toml(tmp_path)  # a folder: reading it fails like an unreadable file


def test_presenters_topics_and_the_new_types(tmp_path):
    document = write_sidecar(
        tmp_path,
        'type = "notes"\ntopics = ["landbrug", "partnerskaber"]\n\n'
        '[[presenters]]\nname = "Poul Erik Bak"\nrole = "landbrugskonsulent"\norganization = "Viborg Kommune"\n\n'
        '[[presenters]]\nname = "Hanne Skov"\n',
    )
    sidecar = load_sidecar(document, "m/rapport.pdf")
    assert sidecar.type == "notes" and sidecar.topics == ("landbrug", "partnerskaber")
    assert [(p.name, p.role, p.organization) for p in sidecar.presenters] == [
        ("Poul Erik Bak", "landbrugskonsulent", "Viborg Kommune"), ("Hanne Skov", None, None)]


@pytest.mark.parametrize(
    "text, message",
    [
        ('topics = ["vejr"]\n', "topics: ukendt emne"),
        ('[[presenters]]\nrole = "chef"\n', "presenters #1: name mangler"),
        ('[[presenters]]\nname = "Hanne Skov"\nemail = "x"\n', "presenters #1: ukendt nøgle"),
        ('presenters = "Hanne Skov"\n', "presenters skal skrives som"),
    ],
)
def test_invalid_presenters_or_topics_are_clear_errors(tmp_path, text, message):
    with pytest.raises(IngestError, match=message):
        load_sidecar(write_sidecar(tmp_path, text), "m/rapport.pdf")
