"""One way to fail: JSON `{"ok": false, "error", "status"}` for machines, a Danish page for people.

Bad parameters are 400, unknown ids 404, a missing index 503; anything unexpected is logged and
answered with a 500 in the same shape, never a traceback.
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from index.errors import ConfigError, IndexDamaged, IndexMissing, InvalidRequest
from webapp.messages import plain_request_error

# Responses for programs: the JSON API, the health check, the feed and the export.
MACHINE_PREFIXES = ("/api/", "/healthz", "/feed.atom", "/export.csv", "/export.xlsx")

# Pages speak to officers; machine responses (API, /healthz) also tell the operator the cure.
INDEX_MISSING_MESSAGE = "Søgningen er ikke klar endnu: materialet er ved at blive indlæst. Prøv igen om lidt."
INDEX_MISSING_FOR_OPERATORS = "Søgeindekset er ikke bygget endnu. Kør `klimaviden reindex`."
INDEX_DAMAGED_MESSAGE = (
    "Søgningen er midlertidigt ude af drift, fordi søgeindekset er beskadiget. Det bliver bygget "
    "op igen ved næste indlæsning af materialet. Prøv igen senere."
)
INDEX_DAMAGED_FOR_OPERATORS = (
    "Søgeindekset er beskadiget. Kør `klimaviden reindex`: det bygger indekset op igen af sig selv."
)

TITLES = {
    400: "Forespørgslen kan ikke bruges",
    401: "Log ind",
    403: "Ingen adgang",
    404: "Siden findes ikke",
    405: "Metoden er ikke tilladt",
    409: "Filen er ændret i mellemtiden",
    413: "Filen er for stor",
    429: "For mange forsøg",
    500: "Der skete en fejl",
    503: "Søgningen er ikke klar",
}

MESSAGES = {
    400: "Forespørgslen indeholder en værdi, der ikke kan bruges.",
    404: "Vi kunne ikke finde det, du leder efter. Måske er linket forældet.",
    405: "Adressen kan kun hentes, ikke sendes til.",
    500: "Der skete en uventet fejl. Prøv igen om lidt.",
    503: "Tjenesten er midlertidigt utilgængelig. Prøv igen om lidt.",
}


class NotFound(HTTPException):
    """An unknown document, meeting or file id, with a message that names it."""

    code = 404


def wants_json() -> bool:
    return request.path.startswith(MACHINE_PREFIXES)


def error_response(status: int, message: str | None = None):
    message = message or MESSAGES.get(status) or TITLES.get(status) or "Fejl"
    if wants_json():
        response = jsonify({"ok": False, "error": message, "status": status})
        response.status_code = status
        return response
    title = TITLES.get(status, "Fejl")
    return render_template("error.html", status=status, title=title, message=message), status


def _http_error(exc: HTTPException):
    status = exc.code or 500
    message = exc.description if isinstance(exc, NotFound) else None
    response = error_response(status, message)
    if status == 405 and exc.valid_methods:
        response = current_app.make_response(response)
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def _invalid_request(exc: InvalidRequest):
    message = str(exc) or MESSAGES[400]
    return error_response(400, message if wants_json() else plain_request_error(message))


def _index_missing(exc: IndexMissing):
    return error_response(503, INDEX_MISSING_FOR_OPERATORS if wants_json() else INDEX_MISSING_MESSAGE)


def _index_damaged(exc: IndexDamaged):
    current_app.logger.error("%s: run `klimaviden reindex` to rebuild it", exc)
    return error_response(503, INDEX_DAMAGED_FOR_OPERATORS if wants_json() else INDEX_DAMAGED_MESSAGE)


def _unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    current_app.logger.exception("Unexpected error on %s", request.path)
    return error_response(InternalServerError.code)


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InvalidRequest, _invalid_request)
    app.register_error_handler(IndexMissing, _index_missing)
    app.register_error_handler(IndexDamaged, _index_damaged)
    app.register_error_handler(ConfigError, _index_damaged)
    app.register_error_handler(Exception, _unexpected)
