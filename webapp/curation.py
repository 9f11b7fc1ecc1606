"""Coordinators' pages: add a meeting's material, correct a document's or a meeting's metadata,
remove to and restore from the trash, and (admins) the audit trail.

Every change is an ordinary file change in the corpus layout (curation.*), audited, and followed by
a reindex in its own process (curation.jobs) whose progress the pages poll as JSON.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tomllib
from pathlib import Path

from flask import (
    Blueprint, Flask, current_app, jsonify, redirect, render_template, request, url_for,
)

from curation import audit, feeds, jobs, trash
from curation.content import ContentMismatch, check_content
from curation.metadata import (
    SIDECAR_FIELDS, FormError, meeting_from_form, presenters_text, sidecar_from_form,
)
from curation.naming import UnsafeName, create_exclusive, meeting_folder_name, safe_filename
from curation.tomlwrite import dumps, write_atomic
from index.errors import IndexMissing
from ingest.document import DOCUMENT_TYPES, document_id
from ingest.errors import IngestError
from ingest.meetings import MEETING_FILE, load_meeting
from ingest.sidecar import sidecar_path
from ingest.taxonomy import load_taxonomy, taxonomy_path
from webapp.auth import database, refuse, signed_in
from webapp.backend import get_service
from webapp.errors import NotFound, error_response

bp = Blueprint("curation", __name__)

READ_ONLY_MESSAGE = (
    "Materialemappen er skrivebeskyttet for Klimaviden, så tilføjelse og rettelser er slået fra. "
    "Bed driftsansvarlig om at give webappen skriveadgang til mappen."
)
CHANGED_MESSAGE = (
    "Filen er blevet ændret, siden du åbnede formularen (af en anden koordinator eller direkte i mappen). "
    "Dine ændringer er ikke gemt. Åbn formularen igen, og ret på den nye udgave."
)
STATE_LABELS = {
    "queued": "Venter på at gå i gang …",
    "waiting": "Venter på en anden indlæsning, der er i gang …",
    "running": "Indlæser materialet i søgningen …",
    "done": "Færdig: materialet er søgbart.",
    "failed": "Indlæsningen mislykkedes.",
}
EMPTY_CHECKSUM = "ingen"


# --- helpers ---------------------------------------------------------------------------------------

def corpus_dir() -> Path:
    return Path(current_app.config["CORPUS_DIR"])


def corpus_writable() -> bool:
    return not current_app.config.get("CORPUS_READ_ONLY") and os.access(corpus_dir(), os.W_OK)


def require_writable() -> None:
    if not corpus_writable():
        refuse(403, READ_ONLY_MESSAGE)


def checksum(path: Path) -> str:
    """What a form carries to notice a change meanwhile: the sha256 of the file, or "ingen" without one."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return EMPTY_CHECKSUM


def read_toml_or_empty(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def topics() -> list:
    try:
        return list(load_taxonomy(taxonomy_path(corpus_dir())))
    except (IngestError, OSError, ValueError):
        return []


def meeting_choices() -> list[tuple[str, str]]:
    """(folder, label) of the corpus's meeting folders, newest first."""
    choices = []
    root = corpus_dir()
    if root.is_dir():
        for folder in sorted(root.iterdir(), reverse=True):
            if folder.is_dir() and not folder.is_symlink() and not folder.name.startswith("."):
                try:
                    meeting = load_meeting(root, folder.name)
                except IngestError:
                    meeting = None
                label = f"{meeting.date.isoformat() + ' · ' if meeting and meeting.date else ''}{meeting.title if meeting else folder.name}"
                choices.append((folder.name, label))
    return choices


def start_reindex(user: str, paths: list[str]) -> str:
    db = database()
    job_id = jobs.create(db, user, paths)
    settings = jobs.JobSettings(
        corpus_dir(), Path(current_app.config["INDEX_DIR"]),
        retry_seconds=current_app.config.get("REINDEX_RETRY_SECONDS", 2.0),
    )
    jobs.start(db, job_id, settings)
    return job_id


def form_context(**extra) -> dict:
    return {"doc_types": DOCUMENT_TYPES, "topics": topics(), "fields": SIDECAR_FIELDS,
            "writable": corpus_writable(), "read_only_message": READ_ONLY_MESSAGE, **extra}


def indexed_document(doc_id: str) -> tuple[dict, Path]:
    service = get_service()
    doc = service.document(doc_id) if len(doc_id) <= 64 else None
    path = service.corpus_file(doc_id) if doc else None
    if doc is None or path is None:
        raise NotFound("Dokumentet findes ikke i søgeindekset.")
    return doc, path


def sidecar_form_values(data: dict) -> dict:
    values = {k: data.get(k) for k in ("title", "type")}
    for key in ("published", "meeting_date"):
        values[key] = str(data[key]) if data.get(key) else ""
    for key in ("themes", "organizations", "places"):
        values[key] = ", ".join(data.get(key) or [])
    values["presenters"] = presenters_text(data.get("presenters"))
    values["topics"] = list(data.get("topics") or [])
    return values


# --- adding material ---------------------------------------------------------------------------------

@bp.route("/tilfoej", methods=["GET", "POST"])
def add():
    user = signed_in()
    if request.method == "GET":
        return render_template("curation_add.html", meetings=meeting_choices(), values={}, error=None,
                               **form_context())
    require_writable()
    try:
        folder, meeting = _chosen_meeting(request.form)
        uploads = [f for f in request.files.getlist("filer") if f.filename]
        if not uploads:
            raise FormError("Vælg mindst én fil at tilføje.")
        names = [safe_filename(f.filename) for f in uploads]
        for upload, name in zip(uploads, names):
            check_content(name, upload.stream)
        sidecar = sidecar_from_form(request.form, [t.slug for t in topics()])
    except (FormError, UnsafeName, ContentMismatch) as exc:
        return render_template("curation_add.html", meetings=meeting_choices(), values=request.form,
                               error=str(exc), **form_context()), 400
    root = corpus_dir()
    if meeting is not None:
        _create_meeting(root / folder, meeting, user.name)
    saved = []
    for upload, name in zip(uploads, names):
        stored, fd = create_exclusive(root / folder, name)
        relpath = f"{folder}/{stored}"
        _write_upload(fd, upload.stream, root / relpath)
        if sidecar:
            write_atomic(sidecar_path(root / relpath), dumps(sidecar))
        audit.record(database(), user.name, "upload", relpath, after=sidecar or None)
        saved.append(relpath)
    return redirect(url_for("curation.job_page", job_id=start_reindex(user.name, saved)))


def _write_upload(fd: int, stream, path: Path) -> None:
    """Copies an upload into its new file; a half-written file (disk full) is removed, not left behind."""
    try:
        with os.fdopen(fd, "wb") as handle:
            shutil.copyfileobj(stream, handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _chosen_meeting(form) -> tuple[str, dict | None]:
    """The meeting folder to add to and, for a new meeting, its meeting.toml fields."""
    choice = form.get("moede", "")
    if choice and choice != "nyt":
        if choice not in {name for name, _ in meeting_choices()}:
            raise FormError("Vælg et møde fra listen, eller opret et nyt.")
        return choice, None
    meeting = meeting_from_form(form)
    folder = meeting_folder_name(meeting["date"], meeting["title"])
    if (corpus_dir() / folder).exists():
        raise FormError(f"Der findes allerede et møde i mappen »{folder}«. Vælg det i listen.")
    return folder, meeting


def _create_meeting(folder: Path, meeting: dict, user: str) -> None:
    folder.mkdir()
    write_atomic(folder / MEETING_FILE, dumps(meeting))
    audit.record(database(), user, "meeting-create", folder.name, after=meeting)


@bp.get("/tilfoej/status/<job_id>")
def job_page(job_id: str):
    signed_in()
    job = jobs.get(database(), job_id) if len(job_id) <= 32 else None
    if job is None:
        raise NotFound("Indlæsningen findes ikke.")
    return render_template("curation_job.html", job=job, label=STATE_LABELS[job["state"]],
                           documents=_job_documents(job))


@bp.get("/api/opgaver/<job_id>")
def job_status(job_id: str):
    signed_in()
    job = jobs.get(database(), job_id) if len(job_id) <= 32 else None
    if job is None:
        raise NotFound("Indlæsningen findes ikke.")
    return jsonify({"ok": True, "id": job["id"], "state": job["state"], "label": STATE_LABELS[job["state"]],
                    "finished": job["state"] in ("done", "failed"), "result": job["result"]})


def _job_documents(job: dict) -> list[dict]:
    """Each path of a finished job with its indexed record (None when it is not in the index)."""
    if job["state"] != "done":
        return []
    failed = {f.get("path"): f.get("error") for f in (job["result"] or {}).get("failed", [])}
    rows = []
    for relpath in job["paths"]:
        try:
            doc = get_service().document(document_id(relpath))
        except IndexMissing:
            doc = None
        rows.append({"path": relpath, "doc": doc, "error": failed.get(relpath)})
    return rows


# --- correcting ----------------------------------------------------------------------------------------

@bp.route("/dokument/<doc_id>/ret", methods=["GET", "POST"])
def edit_document(doc_id: str):
    user = signed_in()
    doc, path = indexed_document(doc_id)
    side = sidecar_path(path)
    current = read_toml_or_empty(side)
    context = form_context(doc=doc, checksum=checksum(side))
    if request.method == "GET":
        return render_template("curation_edit.html", values=sidecar_form_values(current), error=None, **context)
    require_writable()
    if request.form.get("checksum") != checksum(side):
        return render_template("curation_edit.html", values=request.form, error=CHANGED_MESSAGE, **context), 409
    try:
        data = sidecar_from_form(request.form, [t.slug for t in topics()])
    except FormError as exc:
        return render_template("curation_edit.html", values=request.form, error=str(exc), **context), 400
    if data:
        write_atomic(side, dumps(data))
    else:
        side.unlink(missing_ok=True)
    relpath = path.relative_to(corpus_dir().resolve()).as_posix()
    audit.record(database(), user.name, "edit", relpath, before=current or None, after=data or None)
    return redirect(url_for("curation.job_page", job_id=start_reindex(user.name, [relpath])))


@bp.route("/moede/<meeting_id>/ret", methods=["GET", "POST"])
def edit_meeting(meeting_id: str):
    user = signed_in()
    folder = corpus_dir() / meeting_id
    if "/" in meeting_id or meeting_id.startswith(".") or not folder.is_dir() or folder.is_symlink():
        raise NotFound("Mødet findes ikke i materialemappen.")
    toml_path = folder / MEETING_FILE
    current = read_toml_or_empty(toml_path)
    context = form_context(meeting_id=meeting_id, checksum=checksum(toml_path))
    if request.method == "GET":
        values = {"meeting_title": current.get("title", ""), "meeting_date": str(current.get("date", "")),
                  "meeting_place": current.get("place", ""),
                  "meeting_themes": ", ".join(current.get("themes") or []),
                  "meeting_organizations": ", ".join(current.get("organizations") or [])}
        return render_template("curation_meeting.html", values=values, error=None, **context)
    require_writable()
    if request.form.get("checksum") != checksum(toml_path):
        return render_template("curation_meeting.html", values=request.form, error=CHANGED_MESSAGE, **context), 409
    try:
        data = meeting_from_form(request.form)
    except FormError as exc:
        return render_template("curation_meeting.html", values=request.form, error=str(exc), **context), 400
    write_atomic(toml_path, dumps(data))
    audit.record(database(), user.name, "meeting-edit", meeting_id, before=current or None, after=data)
    paths = sorted(p.relative_to(corpus_dir()).as_posix() for p in folder.iterdir() if p.is_file())
    return redirect(url_for("curation.job_page", job_id=start_reindex(user.name, paths)))


# --- removing and restoring ----------------------------------------------------------------------------

@bp.post("/dokument/<doc_id>/fjern")
def remove_document(doc_id: str):
    user = signed_in()
    require_writable()
    _, path = indexed_document(doc_id)
    relpath = path.relative_to(corpus_dir().resolve()).as_posix()
    try:
        entry = trash.remove(corpus_dir(), relpath, user.name)
    except trash.TrashError as exc:
        return error_response(409, str(exc))
    audit.record(database(), user.name, "remove", relpath, after={"trash": entry.id})
    start_reindex(user.name, [relpath])
    return redirect(url_for("curation.trash_page", fjernet=entry.id))


@bp.get("/papirkurv")
def trash_page():
    user = signed_in()
    days = current_app.config["TRASH_DAYS"]
    return render_template("curation_trash.html", entries=trash.entries(corpus_dir()), days=days,
                           removed=request.args.get("fjernet"), user=user, **form_context())


@bp.post("/papirkurv/<entry_id>/gendan")
def restore(entry_id: str):
    user = signed_in()
    require_writable()
    try:
        entry = trash.restore(corpus_dir(), entry_id)
    except trash.TrashError as exc:
        return error_response(409, str(exc))
    audit.record(database(), user.name, "restore", entry.relpath, before={"trash": entry.id})
    return redirect(url_for("curation.job_page", job_id=start_reindex(user.name, [entry.relpath])))


@bp.post("/papirkurv/<entry_id>/slet")
def delete_for_good(entry_id: str):
    user = signed_in("admin")
    require_writable()
    try:
        entry = trash.delete(corpus_dir(), entry_id)
    except trash.TrashError as exc:
        return error_response(409, str(exc))
    audit.record(database(), user.name, "delete", entry.relpath, before=entry.as_dict())
    return redirect(url_for("curation.trash_page"))


@bp.post("/papirkurv/ryd-op")
def purge():
    """Deletes the entries older than TRASH_DAYS (admins; also what a cron job may call)."""
    user = signed_in("admin")
    require_writable()
    for entry in trash.purge(corpus_dir(), current_app.config["TRASH_DAYS"]):
        audit.record(database(), user.name, "purge", entry.relpath, before=entry.as_dict())
    return redirect(url_for("curation.trash_page"))


# --- audit trail and account -----------------------------------------------------------------------------

@bp.get("/logbog")
def audit_page():
    signed_in("admin")
    return render_template("curation_audit.html", rows=audit.entries(database(), limit=500)[::-1])


@bp.route("/konto", methods=["GET", "POST"])
def account():
    user = signed_in()
    token = None
    if request.method == "POST":
        if request.form.get("handling") == "ny":
            token = feeds.new_token(database(), user.name)
        else:
            feeds.revoke(database(), user.name)
    return render_template("curation_account.html", token=token, has_token=feeds.has_token(database(), user.name))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
