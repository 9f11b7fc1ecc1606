"""A meeting's programme as the API shows it: each point linked to the talk it announces."""

from ingest.programme import linked_programme


def doc(name, title, kind="presentation", presenters=()):
    return {"id": f"id-{name}", "path": f"m/{name}", "title": title, "type": kind,
            "presenters": [{"name": n, "role": None, "organization": None} for n in presenters]}


DOCUMENTS = [
    doc("invitation.html", "Invitation", "announcement"),
    doc("varmeplaner.pptx", "Varmeplaner i praksis", presenters=["Mette Kjærgaard Lund"]),
    doc("fjernvarme.pdf", "Fjernvarmens udbygning"),
    doc("referat.docx", "Referat", "minutes"),
]


def point(title, *names, document=None):
    return {"time": "10.00", "title": title, "document": document,
            "presenters": [{"name": n, "role": None, "organization": None} for n in names]}


def test_points_link_by_file_name_presenter_or_title():
    programme = [
        point("Velkomst"),
        point("Varmeplaner i praksis", "Mette Kjærgaard Lund"),
        point("Fjernvarmens udbygning - status fra branchen", "Henrik Bro"),
        point("Noget andet", document="referat.docx"),
    ]
    linked = linked_programme(programme, DOCUMENTS)
    assert [p["document_id"] for p in linked] == [None, "id-varmeplaner.pptx", "id-fjernvarme.pdf", "id-referat.docx"]
    assert [p["title"] for p in linked] == [p["title"] for p in programme]  # order kept


def test_without_a_programme_the_talks_in_path_order_are_the_programme():
    linked = linked_programme([], DOCUMENTS)
    assert [p["document_id"] for p in linked] == ["id-fjernvarme.pdf", "id-varmeplaner.pptx"]
    assert linked[1]["presenters"][0]["name"] == "Mette Kjærgaard Lund"
