"""The secret key's origin and the sign-in page's next address."""

from __future__ import annotations

import pytest

from curation.secret import SECRET_FILE, secret_key
from webapp import create_app
from webapp.auth import safe_next


def test_the_secret_key_is_generated_once_with_mode_0600(tmp_path):
    first = secret_key(tmp_path / "data", environ={})
    assert len(first) == 64
    assert secret_key(tmp_path / "data", environ={}) == first
    assert ((tmp_path / "data" / SECRET_FILE).stat().st_mode & 0o777) == 0o600


def test_the_environment_key_wins_and_writes_nothing(tmp_path):
    assert secret_key(tmp_path / "data", environ={"KLIMAVIDEN_SECRET_KEY": "fra-miljoeet"}) == "fra-miljoeet"
    assert not (tmp_path / "data").exists()


def test_an_app_that_only_serves_searches_writes_no_data_folder(tmp_path):
    app = create_app({"TESTING": True, "CORPUS_DIR": tmp_path, "INDEX_DIR": tmp_path / "index",
                      "DATA_DIR": tmp_path / "data"})
    app.test_client().get("/hjaelp")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("target, expected", [
    ("/tilfoej", "/tilfoej"),
    ("/?q=varme&topic=energi", "/?q=varme&topic=energi"),
    ("//evil.example/x", "/"),
    ("https://evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("", "/"),
    (None, "/"),
])
def test_sign_in_goes_on_only_to_a_local_address(target, expected):
    app = create_app({"TESTING": True})
    with app.test_request_context("/log-ind"):
        assert safe_next(target) == expected
