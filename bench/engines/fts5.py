"""SQLite FTS5 from the standard library: what a developer would build instead.

Equivalent work per query: MATCH (no Danish stemming: unicode61 tokens), filters, a total, the first
page ranked by bm25 with snippet(), and GROUP BY counts for the five facets over all hits.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bench.queries import QuerySpec

SCHEMA = """
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT, path TEXT, title TEXT, type TEXT, date TEXT, year INTEGER);
CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0');
CREATE TABLE doc_topic(rowid INTEGER, value TEXT);
CREATE TABLE doc_theme(rowid INTEGER, value TEXT);
CREATE TABLE doc_org(rowid INTEGER, value TEXT);
"""
INDEXES = """
CREATE INDEX docs_date ON docs(date);
CREATE INDEX docs_type ON docs(type);
CREATE INDEX topic_value ON doc_topic(value, rowid);
CREATE INDEX topic_row ON doc_topic(rowid);
CREATE INDEX theme_row ON doc_theme(rowid);
CREATE INDEX org_row ON doc_org(rowid);
"""
MULTI = {"topic": "doc_topic", "theme": "doc_theme", "organization": "doc_org"}


def build(docs, folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fts5.sqlite"
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    with db:
        for rowid, d in enumerate(docs, 1):
            db.execute("INSERT INTO docs VALUES (?,?,?,?,?,?,?)",
                       (rowid, d.id, d.path, d.title, d.type, d.date.isoformat() if d.date else None, d.year))
            db.execute("INSERT INTO fts(rowid, title, body) VALUES (?,?,?)", (rowid, d.title, d.text))
            db.executemany("INSERT INTO doc_topic VALUES (?,?)", [(rowid, v) for v in d.topics])
            db.executemany("INSERT INTO doc_theme VALUES (?,?)", [(rowid, v) for v in d.themes])
            db.executemany("INSERT INTO doc_org VALUES (?,?)", [(rowid, v) for v in d.organizations])
    db.executescript(INDEXES)
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.close()
    return {"seconds": time.perf_counter() - started, "bytes": path.stat().st_size}


def match_expression(spec: QuerySpec) -> str | None:
    """FTS5 query text: each word quoted (AND), or the whole phrase quoted."""
    if not spec.words:
        return None
    quoted = [w.replace('"', '""') for w in spec.words]
    return f'"{" ".join(quoted)}"' if spec.phrase else " AND ".join(f'"{w}"' for w in quoted)


class Fts5Engine:
    name = "fts5"

    def __init__(self, folder: Path):
        self.db = sqlite3.connect(folder / "fts5.sqlite", check_same_thread=False)

    def search(self, spec: QuerySpec) -> int:
        db = self.db
        where, args = _filters(spec)
        match = match_expression(spec)
        db.execute("DROP TABLE IF EXISTS temp.hits")
        if match:
            db.execute(f"CREATE TEMP TABLE hits AS SELECT fts.rowid AS rowid FROM fts JOIN docs d ON d.rowid = fts.rowid "
                       f"WHERE fts MATCH ? {where}", [match, *args])
            page = db.execute(
                "SELECT d.id, d.title, d.date, snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts "
                f"JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? {where} ORDER BY fts.rank LIMIT 10",
                [match, *args]).fetchall()
        else:
            db.execute(f"CREATE TEMP TABLE hits AS SELECT d.rowid AS rowid FROM docs d WHERE 1 {where}", args)
            page = db.execute(
                "SELECT d.id, d.title, d.date, substr(f.body, 1, 200) FROM docs d JOIN fts f ON f.rowid = d.rowid "
                "WHERE d.rowid IN (SELECT rowid FROM hits) ORDER BY d.date DESC LIMIT 10").fetchall()
        total = db.execute("SELECT count(*) FROM hits").fetchone()[0]
        facets = {name: db.execute(f"SELECT value, count(*) FROM {table} WHERE rowid IN (SELECT rowid FROM hits) "
                                   "GROUP BY value").fetchall() for name, table in MULTI.items()}
        for column in ("type", "year"):
            facets[column] = db.execute(f"SELECT {column}, count(*) FROM docs WHERE rowid IN (SELECT rowid FROM hits) "
                                        f"GROUP BY {column}").fetchall()
        assert len(page) <= 10 and facets
        return total

    def rank(self, spec: QuerySpec, limit: int = 10) -> list[str]:
        """The paths of the first `limit` documents for the words of `spec`, best bm25 first."""
        match = match_expression(spec)
        if not match:
            return []
        rows = self.db.execute("SELECT d.path FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? "
                               "ORDER BY fts.rank LIMIT ?", [match, limit]).fetchall()
        return [path for (path,) in rows]

    def close(self) -> None:
        self.db.close()


def _filters(spec: QuerySpec) -> tuple[str, list]:
    clauses, args = [], []
    if spec.topic:
        clauses.append("AND d.rowid IN (SELECT rowid FROM doc_topic WHERE value = ?)")
        args.append(spec.topic)
    if spec.doc_type:
        clauses.append("AND d.type = ?")
        args.append(spec.doc_type)
    if spec.date_from:
        clauses.append("AND d.date >= ?")
        args.append(spec.date_from.isoformat())
    if spec.date_to:
        clauses.append("AND d.date <= ?")
        args.append(spec.date_to.isoformat())
    return " ".join(clauses), args
