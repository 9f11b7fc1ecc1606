from datetime import date

import pytest

from ingest.errors import IngestError
from ingest.formats import markdown

NOTES = """# Noter fra netværksmødet om klimatilpasning

Vejle, 8. november 2022

## Hovedpointer
- Klimatilpasning er en **fast** del af [DK2020](https://example.org)-planerne.
- Skybrud rammer flest kommuner.

Vejles skybrudsplan
-------------------
Skybrudsveje anlægges som grønne
byrum.
"""


def test_sections_per_heading_and_title_is_first_heading():
    extracted = markdown.extract(NOTES.encode(), "noter.md")
    assert extracted.title_candidates == ("Noter fra netværksmødet om klimatilpasning",)
    assert [(p.number, p.heading) for p in extracted.passages] == [
        (1, "Noter fra netværksmødet om klimatilpasning"),
        (2, "Hovedpointer"),
        (3, "Vejles skybrudsplan"),
    ]
    assert extracted.passages[0].text == "Vejle, 8. november 2022"
    assert extracted.passages[1].text == (
        "• Klimatilpasning er en fast del af DK2020-planerne.\n• Skybrud rammer flest kommuner."
    )
    assert extracted.passages[2].text == "Skybrudsveje anlægges som grønne byrum."


def test_front_matter_title_and_date():
    data = "---\ntitle: Noter om transport\ndate: 2020-06-11\n---\n# Transport\n\nTekst.\n".encode()
    extracted = markdown.extract(data, "noter.md")
    assert extracted.title_candidates[0] == "Noter om transport"
    assert extracted.dates == (("markdown-front-matter", date(2020, 6, 11)),)
    assert "title:" not in extracted.text


def test_markdown_in_cp1252_decodes():
    extracted = markdown.extract("# Møde\n\nÆble og øl".encode("cp1252"), "n.md")
    assert extracted.passages[0].text == "Æble og øl"


@pytest.mark.parametrize("data", [b"", b"\n\n", b"---\n***\n"], ids=["empty", "blank", "rules-only"])
def test_empty_markdown_is_an_error(data):
    with pytest.raises(IngestError):
        markdown.extract(data, "tom.md")


def test_binary_markdown_is_an_error():
    with pytest.raises(IngestError, match="binære data"):
        markdown.extract(bytes(range(256)) * 8, "junk.md")
