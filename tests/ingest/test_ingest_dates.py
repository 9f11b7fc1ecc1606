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


# --- issue 12: dates as Danish pages really print them ------------------------------------------

from ingest.dates import find_published  # noqa: E402


@pytest.mark.parametrize(
    "text, expected",
    [
        ("27 september 2021", date(2021, 9, 27)),  # no full stop after the day
        ("torsdag den 31 august 2023", date(2023, 8, 31)),
        ("27/9 2021", date(2021, 9, 27)),
        ("27.09.2021", date(2021, 9, 27)),
        ("d. 27/9-21", date(2021, 9, 27)),
        ("2021-09-27", date(2021, 9, 27)),
    ],
)
def test_dates_as_printed(text, expected):
    assert parse_danish_date(text) == expected


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("Pressemeddelelse\n\nVejle Kommune\n27 september 2021\n\nOverskrift", date(2021, 9, 27), "day"),
        ("PRESSEMEDDELELSE · november 2021\n\nSønderborg", date(2021, 11, 1), "month"),
        ("Nyhed · 3. marts 2022\nAffaldsreformen", date(2022, 3, 3), "day"),
        ("Offentliggjort d. 14/6-22\nIndkøb", date(2022, 6, 14), "day"),
        ("Opdateret 3. oktober 2023 kl. 14.05\nNy pulje", date(2023, 10, 3), "day"),
        ("Klimanyt marts 2022\n\nMånedens nyt", date(2022, 3, 1), "month"),
        ("Til direktionen, september 2022\n\nLadestandere", date(2022, 9, 1), "month"),
        ("NOTAT\n\nVedrørende: Madaffald\nDato: 27/9 2021\nSagsbehandler: Miljø", date(2021, 9, 27), "day"),
        ("3. april 2023 - 10:32\nOverskrift", date(2023, 4, 3), "day"),
        ("Udgivet: 2023-04-03T10:00:00+02:00\nOverskrift", date(2023, 4, 3), "day"),
        ("Af Jens Hansen, 5. maj 2023\nOverskrift", date(2023, 5, 5), "day"),
    ],
)
def test_published_datelines_and_their_precision(text, expected, precision):
    found = find_published(text)
    assert (found.value, found.precision) == (expected, precision)


@pytest.mark.parametrize(
    "text",
    [
        "Klimaneutral 2050\n\nHerning Kommune vil være klimaneutral i 2050.",  # targets are no dates
        "Mobilitetsplan 2030\n\nI 2030 skal halvdelen af turene være på cykel.",
        "Netværksmøde 16. marts 2023\n\nVarmeplaner",  # a meeting, not a publication
        "Dato: torsdag den 11. juni 2020 kl. 10.00-15.00\nSted: Odense Rådhus",  # an invitation's meeting day
        "Tilmelding senest den 1. juni 2020",
        "12. januar 2023: Netværksmøde om scope 3",  # a calendar line
        "Fjernvarmen skal være fossilfri i 2028 og leverer 1.250 MWh",
        "Bekendtgørelse nr. 123 af 27. juni 2021",  # a reference to a rule, not a publication date
    ],
)
def test_no_false_publication_dates(text):
    assert find_published(text) is None


@pytest.mark.parametrize(
    "text, expected, phrase",
    [
        ("Klimaudvalgets møde tirsdag den 9. maj 2023 kl. 15.00\n\nNæste møde holdes den 13. juni 2023.",
         date(2023, 5, 9), "møde"),
        ("Den 5. oktober 2023 samles netværket i Roskilde.", date(2023, 10, 5), "mødes"),
        ("Onsdag den 24. januar 2024 holder KL klimatopmøde i Aalborg.", date(2024, 1, 24), "møde"),
        ("Netværket inviterer til netværksmøde onsdag d. 6/3-24 i Herning.", date(2024, 3, 6), "netværksmøde"),
        ("Mødedato: 14.02.2024", date(2024, 2, 14), "dato"),
    ],
)
def test_meeting_dates_of_any_meeting(text, expected, phrase):
    found = find_meeting_date(text)
    assert (found.value, found.phrase) == (expected, phrase)


def test_the_next_meeting_counts_only_when_an_invitation_is_about_it():
    text = "Netværket holder sit næste møde i oktober 2024 i Kolding."
    assert find_meeting_date(text) is None
    found = find_meeting_date(text, allow_next=True)
    assert (found.value, found.precision) == (date(2024, 10, 1), "month")


def test_several_dates_in_one_text_the_dateline_is_the_publication():
    text = ("Nyhed · 2. november 2022\n\nFristen rykker nærmere\n\nKlimaplanerne skal godkendes inden "
            "31. december 2023. Partnerskabet blev indgået den 6. februar 2020.")
    assert find_published(text).value == date(2022, 11, 2)
    assert find_meeting_date(text) is None
