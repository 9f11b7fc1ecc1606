"""Links that leave the page (Atom feeds, CSV exports): absolute from the configured base URL
(KLIMAVIDEN_BASE_URL, config key BASE_URL), else relative to the site's root. Never built from the
request's Host header, which any client can set."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from flask import current_app, request, url_for

from ingest.errors import ConfigError


def check_base_url(value: str | None) -> str | None:
    """The base URL without a trailing slash, None when unset; ConfigError when it is no http(s) address."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(
            f"the base URL must be an http(s) address such as https://klimaviden.example.dk, got {value!r}"
        )
    return value.rstrip("/")


def public_url(path: str, base_url: str | None) -> str:
    """A root-relative path ("/dokument/x") made absolute on the base URL, or left relative without one."""
    return f"{base_url}{path}" if base_url else path


def atom_id(url: str) -> str:
    """An Atom id (it must be an absolute IRI): the URL itself when absolute, else a stable
    urn:uuid derived from the relative link."""
    if urlsplit(url).scheme:
        return url
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'klimaviden:' + url)}"


def link_for(endpoint: str, **values) -> str:
    """url_for, absolute only when a base URL is configured (the base stands for the app's root)."""
    path = url_for(endpoint, **values)
    root = request.script_root if request else ""
    base = current_app.config.get("BASE_URL")
    if base and root and path.startswith(root):
        path = path[len(root):]
    return public_url(path, base)
