from datetime import date

import pytest

from ingest.errors import IngestError
from ingest.meetings import load_meeting, load_meetings, meeting_id_for

MEETING_TOML = """
title = "Erhvervspartnerskaber og sektorkobling"
date = 2021-04-29
place = "København"
themes = ["Erhvervspartnerskaber og sektorkobling"]
organizations = ["Dansk Industri", "Kalundborg Forsyning", "KL"]
"""


def make_meeting(corpus, folder, text):
    path = corpus / folder
    path.mkdir(parents=True)
    if text is not None:
        (path / "meeting.toml").write_text(text, encoding="utf-8")
    return path


def test_meeting_toml_is_read(corpus):
    make_meeting(corpus, "2021-04-29-erhvervspartnerskaber", MEETING_TOML)
    meeting = load_meeting(corpus, "2021-04-29-erhvervspartnerskaber")
    assert meeting.as_dict() == {
        "id": "2021-04-29-erhvervspartnerskaber",
        "title": "Erhvervspartnerskaber og sektorkobling",
        "date": "2021-04-29",
        "place": "København",
        "themes": ["Erhvervspartnerskaber og sektorkobling"],
        "organizations": ["Dansk Industri", "Kalundborg Forsyning", "KL"],
        "programme": [],
        "programme_source": None,
    }
    assert meeting.date_source == "meeting.toml"


def test_meeting_toml_programme_is_read_in_order(corpus):
    make_meeting(corpus, "2024-05-30-mobilitet", MEETING_TOML + """
[[programme]]
title = "Elbusser i Midttrafik"
name = "Jonas Friis"
role = "projektleder"
organization = "Midttrafik"
document = "elbusser.pptx"

[[programme]]
title = "Frokost"
""")
    meeting = load_meeting(corpus, "2024-05-30-mobilitet")
    assert meeting.programme_source == "meeting.toml"
    assert [item["title"] for item in meeting.as_dict()["programme"]] == ["Elbusser i Midttrafik", "Frokost"]
    first = meeting.as_dict()["programme"][0]
    assert first["presenters"] == [{"name": "Jonas Friis", "role": "projektleder", "organization": "Midttrafik"}]
    assert first["document"] == "elbusser.pptx"


def test_invitation_programme_is_the_meetings_programme(corpus):
    folder = make_meeting(corpus, "2023-03-16-varme", None)
    (folder / "invitation.txt").write_text(
        "Invitation\n\nProgram\n10.00 Velkomst\n"
        "10.15 Varmeplaner i praksis. Oplæg ved Mette Kjærgaard Lund, planchef, Aalborg Kommune\n",
        encoding="utf-8",
    )
    meeting = load_meeting(corpus, "2023-03-16-varme")
    assert meeting.programme_source == "invitation"
    assert [(i.time, i.title) for i in meeting.programme] == [("10.00", "Velkomst"), ("10.15", "Varmeplaner i praksis")]
    assert meeting.programme[1].presenters[0].name == "Mette Kjærgaard Lund"


def test_a_programme_entry_without_title_is_a_clear_error(corpus):
    make_meeting(corpus, "2024-05-30-x", MEETING_TOML + '[[programme]]\nname = "Jonas Friis"\n')
    with pytest.raises(IngestError, match="programme #1: title mangler"):
        load_meeting(corpus, "2024-05-30-x")


def test_dated_folder_without_meeting_toml_is_a_meeting(corpus):
    make_meeting(corpus, "2021-09-02-klimafolkemoedet", None)
    meeting = load_meeting(corpus, "2021-09-02-klimafolkemoedet")
    assert (meeting.title, meeting.date, meeting.date_source) == ("Klimafolkemoedet", date(2021, 9, 2), "folder-name")


def test_meeting_toml_without_date_takes_the_folder_date(corpus):
    make_meeting(corpus, "2020-06-11-transport", 'title = "Transport"\n')
    assert load_meeting(corpus, "2020-06-11-transport").date == date(2020, 6, 11)


def test_plain_folder_is_no_meeting(corpus):
    make_meeting(corpus, "noter", None)
    assert load_meeting(corpus, "noter") is None


def test_load_meetings_finds_all_meeting_folders(corpus):
    make_meeting(corpus, "2021-04-29-erhverv", MEETING_TOML)
    make_meeting(corpus, "2019-10-03-regnskaber", None)
    make_meeting(corpus, "noter", None)
    make_meeting(corpus, ".git", None)
    assert sorted(load_meetings(corpus)) == ["2019-10-03-regnskaber", "2021-04-29-erhverv"]


@pytest.mark.parametrize(
    "text, message",
    [
        ('date = 2021-04-29\n', "title mangler"),
        ('title = ""\n', "title"),
        ('title = "X"\ndate = "29. april"\n', "date skal være en dato som 2021-04-29"),
        ('title = "X"\nthemes = "Energi"\norganizations = [1]\n', "organizations skal være en liste"),
        ('title = "X"\nsted = "Vejle"\n', "ukendt nøgle"),
        ('title = "X\n', "ikke gyldig TOML"),
    ],
)
def test_invalid_meeting_toml_is_an_ingest_error_naming_the_file(corpus, text, message):
    make_meeting(corpus, "2021-04-29-x", text)
    with pytest.raises(IngestError, match=message) as caught:
        load_meeting(corpus, "2021-04-29-x")
    assert caught.value.path == "2021-04-29-x/meeting.toml"


def test_a_single_theme_string_is_accepted(corpus):
    make_meeting(corpus, "2021-04-29-x", 'title = "X"\nthemes = "Energi"\n')
    assert load_meeting(corpus, "2021-04-29-x").themes == ("Energi",)


def test_meeting_id_for():
    assert meeting_id_for("2021-04-29-x/sub/rapport.pdf") == "2021-04-29-x"
    assert meeting_id_for("rapport.pdf") is None


def test_a_folder_named_with_an_impossible_date_is_no_meeting(corpus, caplog):
    make_meeting(corpus, "2022-02-29-havvind", None)
    assert load_meeting(corpus, "2022-02-29-havvind") is None
    assert "2022-02-29-havvind" in caplog.text and "does not exist" in caplog.text


def test_meeting_toml_in_a_folder_with_an_impossible_date_has_no_date(corpus):
    make_meeting(corpus, "2021-13-01-moede", 'title = "Møde om havvind"\n')
    meeting = load_meeting(corpus, "2021-13-01-moede")
    assert (meeting.title, meeting.date, meeting.date_source) == ("Møde om havvind", None, None)
