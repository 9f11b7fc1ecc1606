"""A small writable corpus with an index, an app over it with a data folder, and signed-in clients."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from curation import accounts
from curation.accounts import LockoutPolicy
from webapp import create_app

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "groen-omstilling-2030"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def write_small_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "2024-02-01-varme").mkdir(parents=True)
    for name in ("taxonomy.toml", "entities.toml"):
        shutil.copy(REPO / "corpus" / name, corpus / name)
    (corpus / "2024-02-01-varme" / "meeting.toml").write_text(
        'title = "Varmeplanlægning i kommunerne"\ndate = 2024-02-01\nplace = "Vejle"\n', encoding="utf-8")
    (corpus / "2024-02-01-varme" / "referat.txt").write_text(
        "Referat af netværksmødet om fjernvarme og varmepumper i Vejle.\n\nDeltagerne drøftede "
        "kommunernes varmeplaner og udfasning af naturgas.\n", encoding="utf-8")
    (corpus / "2024-02-01-varme" / "noter.txt").write_text(
        "Noter om geotermi og overskudsvarme fra datacentre.\n", encoding="utf-8")
    return corpus


def make_curation_app(root: Path, corpus: Path, index: Path, **config):
    app = create_app({
        "TESTING": True, "CORPUS_DIR": corpus, "INDEX_DIR": index, "DATA_DIR": root / "data",
        "REINDEX_RETRY_SECONDS": 0.2, "LOCKOUT": LockoutPolicy(account_limit=3, client_limit=10),
        **config,
    })
    from webapp.auth import database

    with app.app_context():
        db = database(app)
    for name, role in (("anne", "coordinator"), ("bo", "admin")):
        if accounts.get_user(db, name) is None:
            accounts.add_user(db, name, role, PASSWORD)
    return app


def csrf_from(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token in the form"
    return found.group(1)


def sign_in(client, name="anne", password=PASSWORD):
    token = csrf_from(client.get("/log-ind").get_data(as_text=True))
    return client.post("/log-ind", data={"brugernavn": name, "adgangskode": password, "csrf_token": token})


def page_csrf(client, url="/tilfoej") -> str:
    return csrf_from(client.get(url).get_data(as_text=True))


def wait_for_job(client, location: str, timeout: float = 120) -> dict:
    job_id = location.rstrip("/").rsplit("/", 1)[-1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/api/opgaver/{job_id}").get_json()
        if status["finished"]:
            return status
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


def wait_for_all_jobs(db, timeout: float = 120) -> None:
    """Until no reindex job of the app is queued, waiting or running (e.g. the one a removal starts)."""
    deadline = time.monotonic() + timeout
    while True:
        with db.connect() as conn:
            busy = conn.execute("SELECT count(*) FROM jobs WHERE state IN ('queued', 'waiting', 'running')").fetchone()[0]
        if not busy:
            return
        assert time.monotonic() < deadline, "reindex jobs did not finish"
        time.sleep(0.2)
