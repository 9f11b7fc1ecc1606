"""Sign-in for coordinators: server-side sessions, CSRF tokens, lockout, and optional closed access.

Sessions live in the data folder's database (curation.sessions); the cookie holds only a random
token. The id rotates at sign-in and sign-out deletes it. Every POST carries the session's CSRF
token. With REQUIRE_LOGIN every page, the API, the exports and /fil/ need a signed-in user (feeds
accept a personal token instead); /healthz stays open.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Mapping
from urllib.parse import urlsplit

from flask import (
    Blueprint, Flask, abort, current_app, g, jsonify, redirect, render_template, request, session, url_for,
)
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from curation import accounts, audit, feeds, sessions, trash
from curation.db import Database
from curation.secret import secret_key
from webapp.errors import error_response, wants_json

bp = Blueprint("auth", __name__)

EXTENSION = "klimaviden.accounts"
COOKIE = "klimaviden_session"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Reachable without signing in even when REQUIRE_LOGIN is on.
OPEN_ENDPOINTS = frozenset({"auth.login", "auth.logout", "static", "pages.favicon", "api.health"})

CSRF_MESSAGE = (
    "Formularen kunne ikke godkendes, fordi sikkerhedsnøglen mangler eller er forældet. "
    "Gå tilbage, genindlæs siden og prøv igen."
)
TOO_LARGE_MESSAGE = "Filen er for stor. Den største tilladte upload er {mb} MB i alt."
LOGIN_REQUIRED_MESSAGE = "Log ind for at se indholdet."
WRONG_PASSWORD_MESSAGE = "Brugernavn eller adgangskode er forkert."
LOCKED_MESSAGE = "For mange forkerte forsøg. Prøv igen om {minutes} minut(ter)."


def env_config(environ: Mapping[str, str] | None = None) -> dict:
    """The app settings for accounts and curation that come from the environment (create_app's defaults)."""
    env = os.environ if environ is None else environ

    def flag(name: str) -> bool:
        return env.get(name, "").strip().lower() in ("1", "true", "yes", "on")

    return {
        "REQUIRE_LOGIN": flag("KLIMAVIDEN_REQUIRE_LOGIN"),
        "TRUST_PROXY": flag("KLIMAVIDEN_TRUST_PROXY"),  # X-Forwarded-For/-Proto from one proxy
        "SESSION_COOKIE_SECURE": flag("KLIMAVIDEN_HTTPS"),
        "MAX_CONTENT_LENGTH": int(env.get("KLIMAVIDEN_MAX_UPLOAD_MB", "100")) * 1024 * 1024,
        "TRASH_DAYS": trash.retention_days(env),
        "LOCKOUT": accounts.LockoutPolicy(),
    }


class ServerSession(CallbackDict, SessionMixin):
    """The session's data; `token` is None until it is first saved. `rotate()` gives it a new id."""

    def __init__(self, data=None, token: str | None = None):
        def changed(_):
            self.modified = True

        super().__init__(data or {}, changed)
        self.token = token
        self.modified = False
        self.old_token: str | None = None

    def rotate(self) -> None:
        self.old_token, self.token = self.token, None
        self.modified = True


class ServerSessionInterface(SessionInterface):
    def open_session(self, app: Flask, request):
        token = request.cookies.get(COOKIE)
        if token and len(token) <= 100:
            data = sessions.load(database(app), token)
            if data is not None:
                return ServerSession(data, token)
        return ServerSession()

    def save_session(self, app: Flask, session: ServerSession, response) -> None:
        db = None
        if session.old_token:
            db = database(app)
            sessions.delete(db, session.old_token)
        if not session:
            if session.token or session.old_token or request.cookies.get(COOKIE):
                if session.token:
                    sessions.delete(database(app), session.token)
                response.delete_cookie(COOKIE, path="/", httponly=True, samesite="Lax")
            return
        if not session.modified:
            return
        if session.token is None:
            session.token = sessions.new_token()
        sessions.save(db or database(app), session.token, dict(session))
        response.set_cookie(
            COOKIE, session.token, httponly=True, samesite="Lax", path="/",
            secure=bool(app.config.get("SESSION_COOKIE_SECURE")),
        )
        response.vary.add("Cookie")


def database(app: Flask | None = None) -> Database:
    app = app or current_app
    db = app.extensions.get(EXTENSION)
    if db is None:
        db = app.extensions[EXTENSION] = Database(app.config["DATA_DIR"])
        # Generated into the data folder only when it is first used, so a read-only app writes nothing.
        if not app.config.get("SECRET_KEY"):
            app.config["SECRET_KEY"] = secret_key(app.config["DATA_DIR"])
    return db


def current_user() -> accounts.User | None:
    if "user" not in g:
        name = session.get("user")
        g.user = accounts.get_user(database(), name) if name else None
    return g.user


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


class CsrfFailed(BadRequest):
    description = CSRF_MESSAGE


def _check_csrf() -> None:
    if request.method not in UNSAFE_METHODS or request.routing_exception is not None:
        return  # an unknown URL or method gets its own 404/405
    sent = request.form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf") or ""
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfFailed()


def _require_login():
    if not current_app.config.get("REQUIRE_LOGIN") or request.endpoint in OPEN_ENDPOINTS:
        return None
    if current_user() is not None:
        return None
    if request.endpoint == "api.feed" and feeds.user_for_token(database(), request.args.get("token", "")):
        return None
    return login_required_response()


def login_required_response():
    if wants_json() or request.accept_mimetypes.best == "application/json":
        response = jsonify({"ok": False, "error": LOGIN_REQUIRED_MESSAGE, "status": 401})
        response.status_code = 401
        return response
    return redirect(url_for("auth.login", naeste=request.full_path.rstrip("?")))


def client_address() -> str:
    return request.remote_addr or "unknown"


def safe_next(target: str | None) -> str:
    """A local path to go on to after sign-in; anything that could leave the site goes to the front page."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("pages.search")
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else url_for("pages.search")


@bp.route("/log-ind", methods=["GET", "POST"])
def login():
    next_url = safe_next(request.values.get("naeste"))
    if request.method == "GET":
        return render_template("login.html", next_url=next_url, error=None, name="")
    name = request.form.get("brugernavn", "").strip().lower()
    password = request.form.get("adgangskode", "")
    try:
        user = accounts.authenticate(
            database(), name, password, client_address(), policy=current_app.config["LOCKOUT"]
        )
    except accounts.LockedOut as exc:
        current_app.logger.warning("sign-in locked for %r from %s", name, client_address())
        minutes = max(1, (exc.seconds + 59) // 60)
        return render_template("login.html", next_url=next_url, name=name,
                               error=LOCKED_MESSAGE.format(minutes=minutes)), 429
    if user is None:
        current_app.logger.warning("failed sign-in for %r from %s", name, client_address())
        return render_template("login.html", next_url=next_url, name=name, error=WRONG_PASSWORD_MESSAGE), 401
    sessions.purge_expired(database())
    session.clear()
    session.rotate()
    session["user"] = user.name
    session["csrf"] = secrets.token_urlsafe(32)
    return redirect(next_url)


@bp.post("/log-ud")
def logout():
    user = current_user()
    if user:
        audit.record(database(), user.name, "sign-out", user.name)
    session.clear()
    return redirect(url_for("auth.login"))


def signed_in(role: str | None = None):
    """The signed-in user, else abort with a redirect to /log-ind (pages) or 401 (JSON); 403 for a role."""
    user = current_user()
    if user is None:
        abort(login_required_response())
    if role == "admin" and not user.is_admin:
        refuse(403, "Kun en administrator kan gøre dette.")
    return user


def refuse(status: int, message: str):
    """Ends the request with the one error shape (a Danish page, or JSON for machine paths)."""
    abort(current_app.make_response(error_response(status, message)))


def _too_large(exc: RequestEntityTooLarge):
    mb = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)
    return error_response(413, TOO_LARGE_MESSAGE.format(mb=mb))


def init_app(app: Flask) -> None:
    if app.config.get("TRUST_PROXY"):
        # One proxy in front; X-Forwarded-Host is never trusted (links come from KLIMAVIDEN_BASE_URL).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=0, x_port=0, x_prefix=0)
    app.session_interface = ServerSessionInterface()
    app.before_request(_check_csrf)
    app.before_request(_require_login)
    app.register_error_handler(CsrfFailed, lambda exc: error_response(400, CSRF_MESSAGE))
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    app.jinja_env.globals.update(csrf_token=csrf_token, current_user=current_user, CSRF_FIELD=CSRF_FIELD)
    app.register_blueprint(bp)
