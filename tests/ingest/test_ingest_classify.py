import pytest

from ingest.classify import infer_type
from ingest.document import Passage
from ingest.extracted import Extracted


def extracted(fmt, text, hints=(), pages=1):
    return Extracted(fmt, tuple(Passage(n, text if n == 1 else "side") for n in range(1, pages + 1)), hints=hints)


@pytest.mark.parametrize(
    "fmt, text, title, name, hints, pages, expected",
    [
        ("pptx", "Tekst", "Grøn busdrift", "m/busdrift.pptx", ("slides",), 1, "presentation"),
        ("html", "Tekst", "Netværket stiller skarpt", "m/nyhed.html", ("news-page",), 1, "news"),
        ("html", "Netværket mødes i Vejle tirsdag den 8. november 2022", "Netværket mødes", "m/n.html", ("news-page",), 1,
         "announcement"),
        ("html", "Sidst opdateret: 5. januar 2024\nKlimatilpasning i Randers", "Klimatilpasning", "m/side.html", (), 1,
         "other"),
        ("docx", "Referat af netværksmødet 2. september 2021", "Referat af netværksmødet", "m/r.docx", (), 1, "minutes"),
        ("pdf", "Referat\nDato: 12. januar 2023", "Mødet", "m/x.pdf", (), 1, "minutes"),
        ("pptx", "Referat fra mødet", "Referat", "m/x.pptx", (), 1, "minutes"),
        ("pdf", "Tekst", "Sektorkobling og partnerskaber", "m/di-rapport-sektorkobling.pdf", (), 3, "report"),
        ("pdf", "Tekst", "Rapport: Ladeinfrastruktur", "m/l.pdf", (), 3, "report"),
        ("docx", "Tekst", "Case: Kalundborg Forsyning", "m/k.docx", (), 1, "case"),
        ("pptx", "Tekst", "Forsyningen som facilitator", "m/kalundborg-case.pptx", (), 1, "case"),
        ("pptx", "Tekst", "Forsyningen som facilitator", "m/kalundborg.pptx", (), 1, "presentation"),
        ("pdf", "Tekst", "Skybrudsplan for Vejle", "m/oplaeg-vejle.pdf", (), 1, "presentation"),
        ("pdf", "Tekst", "Fra klimaplan til drift", "m/s.pdf", ("slides",), 6, "presentation"),
        ("txt", "Kære medlemmer, vi inviterer til netværksmøde", "Netværksmøde", "m/mail.txt", (), 1, "announcement"),
        ("text", "22. april 2021\n\nNetværket mødes", "Netværket mødes", "m/nyt.txt", (), 1, "news"),
        ("text", "22. april 2021\n\nNetværket mødes den 29. april", "Netværket mødes", "m/nyt.txt", (), 1, "announcement"),
        ("text", "Pressemeddelelse\n\nVejle Kommune\n27 september 2021\n\nSkybrudspark", "Skybrudspark", "m/pm.txt",
         (), 1, "news"),
        ("text", "Nyhed\nPubliceret 12. januar 2023\n\nLavbund", "Lavbund", "m/n.txt", (), 1, "news"),
        ("markdown", "Vejle, 8. november 2022\nPointer", "Noter fra netværksmødet", "m/noter.md", (), 1, "notes"),
        ("text", "NOTAT\n\nVedrørende: Madaffald\nDato: 27/9 2021", "NOTAT", "m/n.txt", (), 1, "notes"),
        ("docx", "Til direktionen", "Memo: ladestandere", "m/m.docx", (), 1, "notes"),
        ("text", "Save the date: netværksmøde i oktober 2024", "Save the date", "m/s.txt", (), 1, "announcement"),
        ("pdf", "Tekst", "Bilag", "m/bilag.pdf", (), 12, "report"),
        ("pdf", "Tekst", "Bilag", "m/bilag.pdf", (), 2, "other"),
    ],
)
def test_infer_type(fmt, text, title, name, hints, pages, expected):
    assert infer_type(extracted(fmt, text, hints, pages), title, name) == expected
