"""Presenters: personal names from title slides, "Oplæg ved"/"v/" lines and programmes, never
places or organisations (issue 12)."""

import pytest

from ingest.document import Presenter
from ingest.presenters import (
    ProgrammeItem,
    marked_presenters,
    parse_programme,
    personal_name,
    presenters_in_line,
    programme_presenters,
    title_page_presenters,
)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Lone Vestergaard Holm, udviklingschef, Kalundborg Forsyning",
         [Presenter("Lone Vestergaard Holm", "udviklingschef", "Kalundborg Forsyning")]),
        ("Oplæg ved Karen Hjortshøj, mobilitetskoordinator, Lemvig Kommune",
         [Presenter("Karen Hjortshøj", "mobilitetskoordinator", "Lemvig Kommune")]),
        ("v/ Jesper Holm Nielsen, energikonsulent, Roskilde Kommune",
         [Presenter("Jesper Holm Nielsen", "energikonsulent", "Roskilde Kommune")]),
        ("Af Lars Winther, klimakoordinator, Region Nordjylland",
         [Presenter("Lars Winther", "klimakoordinator", "Region Nordjylland")]),
        ("Borgmester Jens Ravn, Middelfart Kommune", [Presenter("Jens Ravn", "borgmester", "Middelfart Kommune")]),
        # two presenters on one line share the organisation named last
        ("v/ Anna Skovgaard og Mads Vinding, Region Midtjylland",
         [Presenter("Anna Skovgaard", None, "Region Midtjylland"), Presenter("Mads Vinding", None, "Region Midtjylland")]),
        ("Oplægsholdere: Anna Skovgaard, Mads Vinding og Lise Fogh",
         [Presenter("Anna Skovgaard"), Presenter("Mads Vinding"), Presenter("Lise Fogh")]),
        ("Lise Fogh, klimachef, og Torben Mølgaard, direktør for Teknik og Miljø, Aarhus Kommune",
         [Presenter("Lise Fogh", "klimachef", "Aarhus Kommune"),
          Presenter("Torben Mølgaard", "direktør for Teknik og Miljø", "Aarhus Kommune")]),
    ],
)
def test_a_presenter_line_gives_name_role_and_organisation(line, expected):
    assert list(presenters_in_line(line)) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Oplæg ved Holstebro Kommune og Lemvig Biogas",  # organisations, not people
        "Thisted Kommune",
        "Viborg Kommune og lokale landmænd",
        "Kolding, 3. marts 2023",  # a town and a date
        "Kontakt: Mikkel Sand, trafikplanlægger, Herning Kommune",  # a contact is no presenter
        "Velkomst ved netværkets formand",
        "Netværksmøde 16. marts 2023",
        "Karen Blixen Museum, Rungstedlund",  # a place named after a person
        "Anne Maries Vej, Aalborg",
    ],
)
def test_places_organisations_and_contacts_are_never_presenters(line):
    assert presenters_in_line(line) == ()


@pytest.mark.parametrize("name", ["Camilla Thisted", "Anne Kolding", "Peter Søndergaard Kähler"])
def test_a_surname_that_is_also_a_town_is_still_a_name(name):
    assert personal_name(name) == name


def test_title_slide_with_two_presenters_and_the_organisation_on_its_own_line():
    slide = "Sådan vurderer Energistyrelsen varmeprojekter\nSofie Dahl, specialkonsulent\nPeter Krogh, kontorchef\nEnergistyrelsen"
    assert title_page_presenters(slide, "Sådan vurderer Energistyrelsen varmeprojekter") == (
        Presenter("Sofie Dahl", "specialkonsulent", "Energistyrelsen"),
        Presenter("Peter Krogh", "kontorchef", "Energistyrelsen"),
    )


def test_only_marked_lines_count_outside_a_title_slide():
    page = "Kystsikring\nAnna Skovgaard, Region Midtjylland\nv/ Mads Vinding, kystkonsulent"
    assert [p.name for p in marked_presenters(page)] == ["Mads Vinding"]


INVITATION = """Program
10.00 Velkomst ved netværkets formand
10.15 Varmeplaner i praksis. Oplæg ved Mette Kjærgaard Lund, planchef, Aalborg Kommune
11.00 Fjernvarmens udbygning - status fra branchen v/ Henrik Bro, chefkonsulent, Dansk Fjernvarme
12.00 Frokost
"""


def test_programme_lines_are_read_in_order_with_their_presenters():
    items = parse_programme(INVITATION)
    assert [(i.time, i.title) for i in items] == [
        ("10.00", "Velkomst"),
        ("10.15", "Varmeplaner i praksis"),
        ("11.00", "Fjernvarmens udbygning - status fra branchen"),
        ("12.00", "Frokost"),
    ]
    assert items[0].presenters == () and items[3].presenters == ()
    assert items[2].presenters == (Presenter("Henrik Bro", "chefkonsulent", "Dansk Fjernvarme"),)


def test_a_talk_gets_its_presenter_from_the_programme_point_with_its_title():
    items = parse_programme(INVITATION)
    assert [p.name for p in programme_presenters(items, "Fjernvarmens udbygning", "slides.pdf")] == ["Henrik Bro"]
    assert programme_presenters(items, "Solceller på taget", "solceller.pdf") == ()


def test_a_programme_point_naming_the_file_wins():
    items = (ProgrammeItem("Cykler", (Presenter("Camilla Thisted"),), document="cykelstrategi.pdf"),)
    assert programme_presenters(items, "Noget helt andet", "cykelstrategi.pdf") == (Presenter("Camilla Thisted"),)
