"""Coordinators in the web app over HTTP: sign-in, CSRF, lockout, adding, correcting, removing,
restoring, closed access, and the files it writes being exactly the corpus layout."""

from __future__ import annotations

import io
import logging
import time
import tomllib

import pytest
from flask import request
from curation_helpers import (
    PASSWORD, csrf_from, make_curation_app, page_csrf, sign_in, wait_for_all_jobs, wait_for_job,
    write_small_corpus,
)
from web_corpus import _pdf, _pptx

from curation import accounts, audit, trash
from curation.naming import create_exclusive
from index.lock import reindex_lock
from index.service import SearchService
from ingest.document import document_id
from reindex import reindex
from webapp.auth import COOKIE, client_address, database
from webapp.curation import _write_upload

NEW_MEETING = {"moede": "nyt", "meeting_title": "Grøn varme og fjernkøling", "meeting_date": "2025-09-03",
               "meeting_place": "Kolding", "meeting_themes": "Varmeforsyning"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("curation")
    corpus = write_small_corpus(root)
    index = root / "index"
    reindex(corpus, index, full=True, workers=1)
    app = make_curation_app(root, corpus, index)
    return {"root": root, "corpus": corpus, "index": index, "app": app}


@pytest.fixture
def client(site):
    return site["app"].test_client()


@pytest.fixture
def anne(client):
    assert sign_in(client).status_code == 302
    return client


def pdf_bytes(tmp_path, text="Fjernkøling med overskudsvarme fra datacentre i Kolding") -> bytes:
    path = tmp_path / "x.pdf"
    _pdf(path, [text])
    return path.read_bytes()


def upload(client, files, **fields):
    data = {"csrf_token": page_csrf(client), **fields,
            "filer": [(io.BytesIO(content), name) for name, content in files]}
    return client.post("/tilfoej", data=data, content_type="multipart/form-data")


# --- sign-in ---------------------------------------------------------------------------------------

def test_pages_redirect_to_sign_in_and_json_answers_401(client):
    response = client.get("/tilfoej")
    assert response.status_code == 302 and response.location.startswith("/log-ind?naeste=/tilfoej")
    for url in ("/papirkurv", "/logbog", "/konto"):
        assert client.get(url).status_code == 302
    response = client.get("/api/opgaver/abc")
    assert response.status_code == 401 and response.get_json()["ok"] is False


def test_a_change_without_sign_in_is_refused_and_writes_nothing(client, site):
    before = sorted(p.name for p in site["corpus"].iterdir())
    response = client.post("/tilfoej", data={**NEW_MEETING, "csrf_token": "gaet"})
    assert response.status_code == 400
    assert sorted(p.name for p in site["corpus"].iterdir()) == before


def test_sign_in_rotates_the_session_and_sign_out_revokes_it(client):
    client.get("/log-ind")
    anonymous = client.get_cookie(COOKIE).value
    response = sign_in(client)
    assert response.status_code == 302
    cookie_header = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie_header and "SameSite=Lax" in cookie_header and "Secure" not in cookie_header
    signed_in = client.get_cookie(COOKIE).value
    assert signed_in != anonymous
    assert client.get("/tilfoej").status_code == 200
    client.post("/log-ud", data={"csrf_token": page_csrf(client)})
    client.set_cookie(COOKIE, signed_in)  # the old cookie, replayed
    assert client.get("/tilfoej").status_code == 302


def test_secure_cookie_when_configured_for_https(site):
    app = make_curation_app(site["root"], site["corpus"], site["index"], SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    assert "Secure" in client.get("/log-ind").headers["Set-Cookie"]


def test_wrong_password_then_lockout_is_logged(client, site, caplog):
    accounts.add_user(database(site["app"]), "lise", "coordinator", PASSWORD)
    caplog.set_level(logging.WARNING)
    statuses = [sign_in(client, "lise", "forkert-kodeord").status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    locked = sign_in(client, "lise", PASSWORD)
    assert locked.status_code == 429
    assert "For mange forkerte forsøg" in locked.get_data(as_text=True)
    assert "failed sign-in for 'lise'" in caplog.text and "forkert-kodeord" not in caplog.text


def _seen_through(app, headers) -> dict:
    seen = {}

    @app.get("/hvem")
    def who():
        seen.update(addr=client_address(), scheme=request.scheme, host=request.host)
        return "ok"

    app.test_client().get("/hvem", headers=headers)
    return seen


@pytest.mark.parametrize("trusted, expected", [
    (False, {"addr": "127.0.0.1", "scheme": "http", "host": "localhost"}),
    (True, {"addr": "203.0.113.9", "scheme": "https", "host": "localhost"}),
])
def test_forwarded_headers_count_only_from_a_trusted_proxy_and_host_never(site, trusted, expected):
    app = make_curation_app(site["root"], site["corpus"], site["index"], TRUST_PROXY=trusted)
    headers = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
    assert _seen_through(app, headers) == expected


def test_missing_or_wrong_csrf_token_is_400_with_a_danish_message(anne):
    for token in (None, "forkert"):
        data = {**NEW_MEETING, **({"csrf_token": token} if token else {})}
        response = anne.post("/tilfoej", data=data)
        assert response.status_code == 400
        assert "sikkerhedsnøglen" in response.get_data(as_text=True)


def test_a_coordinator_cannot_manage_or_read_the_audit_trail(anne):
    assert anne.get("/logbog").status_code == 403
    assert anne.post("/papirkurv/ryd-op", data={"csrf_token": page_csrf(anne)}).status_code == 403


# --- adding ---------------------------------------------------------------------------------------------

def test_upload_creates_the_meeting_and_sidecars_and_the_reindex_makes_them_searchable(anne, site, tmp_path):
    deck = tmp_path / "deck.pptx"
    _pptx(deck, [("Fjernkøling i Kolding", "Overskudsvarme og køling fra havvand")])
    response = upload(anne, [("../../Fjernkøling <plan>.pdf", pdf_bytes(tmp_path)), ("oplæg.pptx", deck.read_bytes())],
                      **NEW_MEETING, title='Plan for fjernkøling <script>alert(1)</script>', type="report",
                      organizations="Kolding Kommune, DI", topics=["energi"])
    assert response.status_code == 302, response.get_data(as_text=True)
    folder = site["corpus"] / "2025-09-03-groen-varme-og-fjernkoeling"
    meeting = tomllib.loads((folder / "meeting.toml").read_text(encoding="utf-8"))
    assert meeting == {"title": "Grøn varme og fjernkøling", "date": meeting["date"], "place": "Kolding",
                       "themes": ["Varmeforsyning"]}
    assert str(meeting["date"]) == "2025-09-03"
    names = sorted(p.name for p in folder.iterdir())
    assert "Fjernkøling -plan-.pdf" in names and "oplæg.pptx" in names
    sidecar = tomllib.loads((folder / "oplæg.pptx.meta.toml").read_text(encoding="utf-8"))
    assert sidecar["title"] == "Plan for fjernkøling <script>alert(1)</script>"
    assert sidecar["organizations"] == ["Kolding Kommune", "DI"]

    status = wait_for_job(anne, response.location)
    assert status["state"] == "done", status
    page = anne.get(response.location).get_data(as_text=True)
    assert "Plan for fjernkøling &lt;script&gt;" in page and "<script>alert(1)" not in page
    assert "Ret oplysninger" in page
    doc = SearchService(site["index"], site["corpus"]).document(
        document_id("2025-09-03-groen-varme-og-fjernkoeling/oplæg.pptx"))
    assert doc["title"] == "Plan for fjernkøling <script>alert(1)</script>" and doc["type"] == "report"
    feed = anne.get("/feed.atom").get_data(as_text=True)
    assert "<script>alert(1)" not in feed
    actions = [(e["action"], e["target"]) for e in audit.entries(database(site["app"]))]
    assert ("meeting-create", "2025-09-03-groen-varme-og-fjernkoeling") in actions
    assert ("upload", "2025-09-03-groen-varme-og-fjernkoeling/oplæg.pptx") in actions


def test_a_file_whose_content_does_not_match_is_refused(anne, site):
    response = upload(anne, [("rapport.pdf", b"<html>ikke en pdf</html>")], moede="2024-02-01-varme")
    assert response.status_code == 400
    assert "er ikke en PDF" in response.get_data(as_text=True)
    assert not (site["corpus"] / "2024-02-01-varme" / "rapport.pdf").exists()


@pytest.mark.parametrize("name", ["meeting.toml", ".htaccess", "x.exe"])
def test_metadata_hidden_and_unknown_names_are_refused(anne, site, name):
    folder = site["corpus"] / "2024-02-01-varme"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    response = upload(anne, [(name, b"title = 'x'\n")], moede="2024-02-01-varme")
    assert response.status_code == 400
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_too_large_upload_is_413_in_danish(site):
    app = make_curation_app(site["root"], site["corpus"], site["index"], MAX_CONTENT_LENGTH=1024 * 1024)
    client = app.test_client()
    sign_in(client)
    # A hand-made body: the test client would spool a big one to a file it never closes.
    body = (b'--grense\r\nContent-Disposition: form-data; name="filer"; filename="stor.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n" + b"a" * (2 * 1024 * 1024) + b"\r\n--grense--\r\n")
    response = client.post("/tilfoej", data=body, content_type="multipart/form-data; boundary=grense")
    assert response.status_code == 413
    assert "Filen er for stor" in response.get_data(as_text=True)


# --- correcting, removing, restoring ----------------------------------------------------------------------

def test_correcting_writes_the_sidecar_and_refuses_a_stale_form(anne, site):
    doc_id = document_id("2024-02-01-varme/referat.txt")
    form = anne.get(f"/dokument/{doc_id}/ret").get_data(as_text=True)
    checksum = form.split('name="checksum" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_from(form), "checksum": checksum, "title": "Referat: varmeplaner i Vejle",
            "type": "minutes"}
    response = anne.post(f"/dokument/{doc_id}/ret", data=data)
    assert response.status_code == 302
    sidecar = site["corpus"] / "2024-02-01-varme" / "referat.txt.meta.toml"
    assert tomllib.loads(sidecar.read_text(encoding="utf-8")) == {"title": "Referat: varmeplaner i Vejle", "type": "minutes"}
    assert wait_for_job(anne, response.location)["state"] == "done"
    stale = anne.post(f"/dokument/{doc_id}/ret", data={**data, "title": "Overskriver"})
    assert stale.status_code == 409
    assert "ændret, siden du åbnede" in stale.get_data(as_text=True)
    assert "Overskriver" not in sidecar.read_text(encoding="utf-8")
    edits = [e for e in audit.entries(database(site["app"])) if e["action"] == "edit"]
    assert edits[-1]["after"]["title"] == "Referat: varmeplaner i Vejle"


def test_correcting_a_meeting(anne, site):
    form = anne.get("/moede/2024-02-01-varme/ret").get_data(as_text=True)
    checksum = form.split('name="checksum" value="')[1].split('"')[0]
    response = anne.post("/moede/2024-02-01-varme/ret", data={
        "csrf_token": csrf_from(form), "checksum": checksum, "meeting_title": "Varmeplaner og geotermi",
        "meeting_date": "2024-02-01", "meeting_place": "Vejle"})
    assert response.status_code == 302
    assert wait_for_job(anne, response.location)["state"] == "done"
    meeting = SearchService(site["index"], site["corpus"]).meeting("2024-02-01-varme")
    assert meeting["title"] == "Varmeplaner og geotermi"


def test_remove_and_restore_through_the_trash(anne, site):
    relpath = "2024-02-01-varme/noter.txt"
    doc_id = document_id(relpath)
    response = anne.post(f"/dokument/{doc_id}/fjern", data={"csrf_token": page_csrf(anne)})
    assert response.status_code == 302
    assert not (site["corpus"] / relpath).exists()
    trash_page = anne.get("/papirkurv").get_data(as_text=True)
    assert relpath in trash_page
    entry_id = trash_page.split("/papirkurv/")[1].split("/gendan")[0]
    restored = anne.post(f"/papirkurv/{entry_id}/gendan", data={"csrf_token": csrf_from(trash_page)})
    assert restored.status_code == 302
    assert (site["corpus"] / relpath).is_file()
    assert wait_for_job(anne, restored.location)["state"] == "done"
    assert SearchService(site["index"], site["corpus"]).document(doc_id) is not None


def test_a_read_only_corpus_switches_editing_off(site):
    app = make_curation_app(site["root"], site["corpus"], site["index"], CORPUS_READ_ONLY=True)
    client = app.test_client()
    sign_in(client)
    page = client.get("/tilfoej").get_data(as_text=True)
    assert "skrivebeskyttet" in page
    response = upload(client, [("a.txt", b"Tekst om varme")], moede="2024-02-01-varme")
    assert response.status_code == 403
    assert not (site["corpus"] / "2024-02-01-varme" / "a.txt").exists()


def test_an_upload_while_cron_holds_the_lock_waits_and_loses_nothing(anne, site):
    wait_for_all_jobs(database(site["app"]))
    with reindex_lock(site["index"]):
        response = upload(anne, [("vent.txt", "Notat om varmepumper i landsbyer".encode())], moede="2024-02-01-varme")
        assert response.status_code == 302
        job_id = response.location.rsplit("/", 1)[-1]
        deadline = time.monotonic() + 60
        while anne.get(f"/api/opgaver/{job_id}").get_json()["state"] != "waiting":
            assert time.monotonic() < deadline
            time.sleep(0.2)
    assert wait_for_job(anne, response.location)["state"] == "done"
    assert SearchService(site["index"], site["corpus"]).document(document_id("2024-02-01-varme/vent.txt"))


def test_the_files_written_are_the_corpus_layout(site, tmp_path):
    """A fresh index built from the corpus the app wrote holds the same records as the live one
    (runs after the upload and correction tests above, on the files they wrote)."""
    wait_for_all_jobs(database(site["app"]))
    fresh = tmp_path / "fresh-index"
    report = reindex(site["corpus"], fresh, full=True, workers=1).as_dict()
    assert not report["failed"]
    live, rebuilt = SearchService(site["index"], site["corpus"]), SearchService(fresh, site["corpus"])
    for relpath in ("2025-09-03-groen-varme-og-fjernkoeling/oplæg.pptx", "2024-02-01-varme/referat.txt"):
        a, b = live.document(document_id(relpath)), rebuilt.document(document_id(relpath))
        assert a is not None and b is not None, relpath
        for key in ("title", "type", "meeting", "organizations", "topics", "date"):
            assert a.get(key) == b.get(key), (relpath, key)
    live.close()
    rebuilt.close()


# --- closed access ------------------------------------------------------------------------------------------

def test_require_login_closes_pages_api_exports_and_files_but_not_healthz(site):
    app = make_curation_app(site["root"], site["corpus"], site["index"], REQUIRE_LOGIN=True)
    client = app.test_client()
    assert client.get("/").status_code == 302
    assert client.get("/api/search?q=varme").status_code == 401
    assert client.get("/export.csv").status_code == 401
    assert client.get("/feed.atom").status_code == 401
    doc_id = document_id("2024-02-01-varme/referat.txt")
    assert client.get(f"/fil/{doc_id}").status_code == 302
    health = client.get("/healthz")
    assert health.status_code == 200 and "varme" not in health.get_data(as_text=True).lower()
    sign_in(client)
    assert client.get("/api/search?q=varme").status_code == 200
    form = client.get("/konto").get_data(as_text=True)
    made = client.post("/konto", data={"csrf_token": csrf_from(form), "handling": "ny"}).get_data(as_text=True)
    token = made.split("token=")[1].split("<")[0]
    stranger = app.test_client()
    assert stranger.get(f"/feed.atom?token={token}").status_code == 200
    client.post("/konto", data={"csrf_token": csrf_from(made), "handling": "tilbagekald"})
    assert stranger.get(f"/feed.atom?token={token}").status_code == 401


def test_only_an_admin_deletes_for_good_and_it_is_audited(site):
    app = site["app"]
    (site["corpus"] / "2024-02-01-varme" / "slet.txt").write_text("Persondata der skal slettes", encoding="utf-8")
    entry = trash.remove(site["corpus"], "2024-02-01-varme/slet.txt", "anne")
    coordinator = app.test_client()
    sign_in(coordinator)
    assert coordinator.post(f"/papirkurv/{entry.id}/slet", data={"csrf_token": page_csrf(coordinator)}).status_code == 403
    assert trash.get(site["corpus"], entry.id)
    admin = app.test_client()
    sign_in(admin, "bo")
    page = admin.get("/papirkurv").get_data(as_text=True)
    assert "Slet for altid" in page
    assert admin.post(f"/papirkurv/{entry.id}/slet", data={"csrf_token": csrf_from(page)}).status_code == 302
    assert not any(e.id == entry.id for e in trash.entries(site["corpus"]))
    deleted = [e for e in audit.entries(database(app)) if e["action"] == "delete"]
    assert deleted[-1]["user"] == "bo" and deleted[-1]["target"] == "2024-02-01-varme/slet.txt"
    assert "slet.txt" in admin.get("/logbog").get_data(as_text=True)


def test_a_failed_write_leaves_no_half_file(site, tmp_path):
    class Broken(io.BytesIO):
        def read(self, *args):
            raise OSError(28, "No space left on device")

    folder = site["corpus"] / "2024-02-01-varme"
    name, fd = create_exclusive(folder, "fuld.txt")
    with pytest.raises(OSError):
        _write_upload(fd, Broken(), folder / name)
    assert not (folder / name).exists()
