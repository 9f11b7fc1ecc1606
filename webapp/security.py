"""Security headers on every response; the original files get a stricter policy of their own."""

from __future__ import annotations

from flask import Flask, Response

# No inline script or style anywhere: templates link /static/style.css and use no script at all.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

# Original PDFs open in the browser's own viewer, which some browsers treat as a plugin (object-src).
PDF_FILE_POLICY = "default-src 'self'; object-src 'self'; script-src 'none'; frame-ancestors 'none'"

# Original HTML/text files from the corpus are shown as written but can run nothing.
SANDBOXED_FILE_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; frame-ancestors 'none'"

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
