"""Danish date phrases: each phrase the network's material uses, parsed to the right day."""

from datetime import date, datetime

import pytest
from dateutil import parser as dateutil_parser

from ingest.dates import (
    DanishParserInfo,
    find_dateline,
    find_dates,
    find_meeting_date,
    parse_danish_date,
    parse_iso_date,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("22. april 2021", date(2021, 4, 22)),
        ("den 2. september 2021", date(2021, 9, 2)),
        ("torsdag den 29. april 2021", date(2021, 4, 29)),
        ("Lørdag d. 3. maj 2020", date(2020, 5, 3)),
        ("8. nov. 2022", date(2022, 11, 8)),
        ("12. jan 2023", date(2023, 1, 12)),
        ("1. marts 2020", date(2020, 3, 1)),
        ("17. okt. 2019", date(2019, 10, 17)),
        ("12.01.2023", date(2023, 1, 12)),
        ("3/10/2019", date(2019, 10, 3)),
    ],
)
def test_parse_danish_date_with_year(text, expected):
    assert parse_danish_date(text) == expected


def test_parserinfo_works_with_dateutil_directly():
    parsed = dateutil_parser.parse("tirsdag den 8. november 2022", parserinfo=DanishParserInfo())
    assert parsed == datetime(2022, 11, 8)


def test_date_without_year_takes_the_publication_year():
    assert parse_danish_date("den 29. april", reference=date(2021, 4, 22)) == date(2021, 4, 29)


def test_date_without_year_rolls_forward_when_the_day_has_passed():
    assert parse_danish_date("den 10. januar", reference=date(2021, 12, 20)) == date(2022, 1, 10)


def test_date_without_year_and_without_reference_is_unknown():
    assert parse_danish_date("den 29. april") is None


@pytest.mark.parametrize("text", ["31. februar 2021", "32. marts 2020", "ingen dato her", "29. aprilsnar"])
def test_invalid_or_absent_dates_give_none(text):
    assert parse_danish_date(text) is None


def test_find_dates_lists_every_date_in_order():
    text = "Mødet 29. april 2021 og igen den 2. september 2021 (12.01.2023)."
    assert find_dates(text) == [date(2021, 4, 29), date(2021, 9, 2), date(2023, 1, 12)]


# Datelines --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("22. april 2021\n\nKommunernes klimapolitiske netværk ...", date(2021, 4, 22)),
        ("Overskrift\nTorsdag den 22. april 2021\nTekst", date(2021, 4, 22)),
        ("Odense, 3. oktober 2019 · skrevet af sekretariatet\n\nNoter", date(2019, 10, 3)),
        ("Publiceret: 22.04.2021 kl. 09:30\nTekst", date(2021, 4, 22)),
        ("Sendt: 9. august 2021\nKære medlemmer", date(2021, 8, 9)),
    ],
)
def test_dateline(text, expected):
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mødet holdes den 29. april 2021 i København.",  # a date inside a sentence is no dateline
        "22. april\nUden årstal",  # a dateline needs a year
        "",
    ],
)
def test_no_dateline(text):
    assert find_dateline(text) is None


# Meeting phrases ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, expected, phrase",
    [
        ("På det kommende netværksmøde den 29. april sættes der spot på partnerskaber.",
         date(2021, 4, 22), date(2021, 4, 29), "netværksmøde"),
        ("Oplæg på netværksmødet 8. november 2022", None, date(2022, 11, 8), "netværksmøde"),
        ("Dato: 12. januar 2023\nSted: Aarhus", None, date(2023, 1, 12), "dato"),
        ("Mødedato: 12.01.2023", None, date(2023, 1, 12), "dato"),
        ("Referat af netværksmødet 2. september 2021", None, date(2021, 9, 2), "referat"),
        ("Referat fra netværksmødet torsdag den 2. september 2021", None, date(2021, 9, 2), "referat"),
        ("Invitation: Netværksmøde på Klimafolkemødet i Middelfart den 2. september 2021",
         None, date(2021, 9, 2), "netværksmøde"),
        ("Når Kommunernes klimapolitiske netværk mødes i Vejle tirsdag den 8. november",
         date(2022, 10, 25), date(2022, 11, 8), "mødes"),
        ("Kommunernes klimapolitiske netværk, 29. april 2021", None, date(2021, 4, 29), "netværk"),
        ("det kommende netværksmøde den 10. januar", date(2021, 12, 20), date(2022, 1, 10), "netværksmøde"),
    ],
)
def test_meeting_date_phrases(text, published, expected, phrase):
    found = find_meeting_date(text, published)
    assert found is not None
    assert (found.value, found.phrase) == (expected, phrase)


def test_dato_field_wins_over_a_later_meeting_mention():
    text = "Dato: 12. januar 2023\n\nPå netværksmødet 8. november 2022 aftalte vi ..."
    assert find_meeting_date(text).value == date(2023, 1, 12)


@pytest.mark.parametrize(
    "text",
    [
        "Næste netværksmøde den 2. september 2021 holdes i Middelfart.",
        "Næste gang mødes netværket den 2. september i Middelfart.",
        "Tidligere netværksmøde den 3. oktober 2019 handlede om regnskaber.",
        "På netværksmødet drøftede vi partnerskaber.",  # no date at all
        "det kommende netværksmøde den 29. april",  # no year and no publication date to take it from
    ],
)
def test_no_meeting_date(text):
    assert find_meeting_date(text, None) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-04-22T08:00:00+02:00", date(2021, 4, 22)),
        ("2021-04-22", date(2021, 4, 22)),
        ("20210422093000+02'00'", date(2021, 4, 22)),
        (datetime(2021, 4, 22, 9, 0), date(2021, 4, 22)),
        ("2021-13-40", None),
        ("i går", None),
        (None, None),
    ],
)
def test_parse_iso_date(value, expected):
    assert parse_iso_date(value) == expected


def test_dato_in_an_e_mail_header_is_when_it_was_sent_not_the_meeting():
    mail = "Fra: KL\nDato: 9. august 2021\nTil: Netværket\nEmne: Invitation\n\nVi mødes på netværksmødet 2. september 2021."
    found = find_meeting_date(mail)
    assert (found.value, found.phrase) == (date(2021, 9, 2), "netværksmøde")
    assert find_dateline(mail) == date(2021, 8, 9)


@pytest.mark.parametrize("mail", ["Emne: Invitation\nDato: 9. august 2021", "Dato: 9. august 2021\nFra: KL"])
def test_dato_next_to_a_mail_header_field(mail):
    assert find_meeting_date(mail) is None
