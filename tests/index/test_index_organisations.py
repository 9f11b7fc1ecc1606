"""Organisation names: the documents an organisation presented rank above those that only name it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ingest.document import Presenter

from index.query import parse_search_params
from index.service import SearchService
from index_files import build_from_documents, make_document

PRESENTATION = "2020-06-11-transport/oplaeg-busdrift.pptx"
MINUTES = "2020-06-11-transport/referat.docx"
INVITATION = "2020-06-11-transport/invitation.txt"


def _documents():
    talk = make_document(PRESENTATION, "Grøn omstilling af busdriften",
                         ["Camilla Holm, planlægger, Movia", "Elbusser på de regionale linjer fra 2025."],
                         organizations=("Movia",))
    return [
        replace(talk, presenters=(Presenter("Camilla Holm", "planlægger", "Movia"),)),
        make_document(MINUTES, "Referat", ["Movia fortalte om elbusser. Movia og kommunerne drøftede Movia "
                                           "og busdriften, og Movia svarede på spørgsmål."],
                      format="docx", type="minutes", organizations=("Movia",), day=date(2020, 6, 12)),
        make_document(INVITATION, "Invitation", ["Oplæg fra Movia om busdrift."], format="text",
                      type="invitation", organizations=("Movia",), day=date(2020, 5, 1)),
    ]


def test_the_document_an_organisation_presented_ranks_first_for_its_name(tmp_path):
    build_from_documents(tmp_path / "index", _documents())
    service = SearchService(tmp_path / "index")
    try:
        found = service.search(parse_search_params({"q": ["Movia"]}))
        paths = [r["path"] for r in found["results"]]
        # the minutes say "Movia" four times, the presentation once: Movia gave the presentation
        assert paths[0] == PRESENTATION and sorted(paths[1:]) == sorted([MINUTES, INVITATION])
    finally:
        service.close()


def test_a_document_that_names_the_organisation_alone_ranks_above_those_naming_it_among_others(tmp_path):
    report = "rapporter/di-sektorkobling.pdf"
    documents = [
        make_document(report, "Sektorkobling i kommunerne", ["Udarbejdet af Dansk Industri. Overskudsvarme."],
                      type="report", organizations=("Dansk Industri",), day=date(2021, 3, 1)),
        # says the name three times, but beside KL and Movia: a mention, not its own document
        make_document(MINUTES, "Referat", ["Dansk Industri fortalte. KL og Movia spurgte Dansk Industri, "
                                           "og Dansk Industri svarede."],
                      format="docx", type="minutes", organizations=("Dansk Industri", "KL", "Movia"),
                      day=date(2021, 4, 29)),
    ]
    build_from_documents(tmp_path / "index", documents)
    service = SearchService(tmp_path / "index")
    try:
        paths = [r["path"] for r in service.search(parse_search_params({"q": ["Dansk Industri"]}))["results"]]
        assert paths == [report, MINUTES]
    finally:
        service.close()
