"""The golden analysis cases: input text -> the terms each analyzer gives.

The committed output (tests/index/data/analysis_golden.json) is tied to the analyzer fingerprint
(index.analysis.ANALYZER_FINGERPRINT): when analysis output changes, ANALYZER_VERSION must be
bumped (so old indexes are rebuilt) and the file regenerated:

    .venv/bin/python tests/index/analysis_golden.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from index.analysis import ANALYZER_FINGERPRINT, exact_analyzer, stemmed_analyzer  # noqa: E402
from klimaviden.danish import analyze_terms, query_alternatives  # noqa: E402

GOLDEN = Path(__file__).parent / "data" / "analysis_golden.json"

CASES = (
    "Skybrudsplan for Vejle midtby",
    "Klimatilpasning og klimatilpasningsplaner i kommunerne",
    "CO2-fangst, CO₂ fangst og co2-fangst",
    "ﬁnansiering af ﬂere varmepumper",
    "Bæredygtigt landbrug og baeredygtigt landbrug",
    "Miljø, miljoe, grøn omstilling, groen omstilling",
    "Gylleforsuring reducerer ammoniak fra husdyr",
    "Erhvervspartnerskaber med Kalundborg Forsyning",
    "Kalundborg Symbiosen og symbiose",
    "Hvem står bag DK2020? Hvordan finansieres det?",
    "For før efter og i på 2030 70 procent",
    "Power-to-X og PtX-anlæg ved havnen",
    "Vedvarende energi (VE) – solceller og vindmøller",
    "Klimahandlingsplanen, klimahandleplan, handlingsplaner",
    "Fjernvarmeselskabernes fremtidige forsyningssikkerhed",
    "Ørsted, Østerild, Århus og Aalborg",
    "Regnvandsbassiner, LAR-løsninger og grønne tage",
    "Dansk Industri: sektorkobling i praksis",
)


def _terms(analyzer, text: str, **kwargs) -> list[list]:
    return [[t.text, t.pos] for t in analyzer(text, positions=True, **kwargs)]


def render() -> dict:
    stemmed, exact = stemmed_analyzer(), exact_analyzer()
    return {
        "fingerprint": ANALYZER_FINGERPRINT,
        "cases": [
            {
                "text": text,
                "stemmed": _terms(stemmed, text),
                "stemmed_query": _terms(stemmed, text, mode="query"),
                "exact": _terms(exact, text),
                "query_alternatives": [list(a) for a in query_alternatives(text)],
                "topic_terms": analyze_terms(text),
            }
            for text in CASES
        ],
    }


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(render(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN} for analyzer {ANALYZER_FINGERPRINT}")
