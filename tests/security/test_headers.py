"""Security headers on every answer, cookie flags, and pages without inline code."""

import re
from pathlib import Path

import pytest

from reintegration import create_app
from reintegration.accounts.models import Role

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize("path", ["/login", "/", "/static/css/app.css", "/no-such-page"])
def test_every_answer_carries_the_headers(client, path):
    response = client.get(path)
    response.close()
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers  # not in testing


def test_signed_in_pages_and_the_api_carry_them_too(client, auth, make_user):
    auth.login(make_user(role=Role.CASEWORKER))
    for path in ("/", "/people/", "/api/v1/me"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path


def test_a_view_may_set_its_own_policy(client):
    """The API documentation sets its own; the app's does not overwrite it."""
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.fixture
def production_app(tmp_path, monkeypatch):
    monkeypatch.setenv("REINTEGRATION_SECRET_KEY", "s" * 48)
    return create_app(
        {
            "MODE": "production",
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u:p@127.0.0.1:9/none",
            "INSTANCE_PATH": str(tmp_path),
        }
    )


def test_production_cookies_are_secure_http_only_and_same_site(production_app):
    config = production_app.config
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"] and config["REMEMBER_COOKIE_HTTPONLY"]
    assert config["SESSION_COOKIE_SAMESITE"] == config["REMEMBER_COOKIE_SAMESITE"] == "Lax"
    with production_app.test_request_context():
        response = production_app.make_response("")
        production_app.session_interface.save_session(
            production_app, _session_with(production_app, {"locale": "en"}), response
        )
        cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def _session_with(app, values: dict):
    session = app.session_interface.session_class(values)
    session.modified = True
    return session


def test_production_asks_browsers_for_https_only(production_app):
    response = production_app.test_client().get(
        "/static/css/app.css", base_url="https://example.org"
    )
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    response.close()


def test_the_idle_timeout_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("REINTEGRATION_IDLE_TIMEOUT_MINUTES", "15")
    app = create_app({"MODE": "testing", "INSTANCE_PATH": str(tmp_path)})
    assert app.config["IDLE_TIMEOUT_MINUTES"] == 15


# --- no inline code in the templates -------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"")
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+=\"", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"href=\"javascript:", re.IGNORECASE)


def templates() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*.html") if "pdf" not in p.parts)


@pytest.mark.parametrize(
    "pattern",
    [INLINE_SCRIPT, INLINE_STYLE, EVENT_ATTRIBUTE, JAVASCRIPT_URL],
    ids=["inline script", "inline style", "on* attribute", "javascript: link"],
)
def test_no_template_holds_inline_code(pattern):
    """The policy refuses inline code: a page that has some would break in the browser.
    (PDF templates are laid out by WeasyPrint, not by a browser, and may style inline.)"""
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in templates()
        for text in [path.read_text(encoding="utf-8")]
        for match in pattern.finditer(text)
    ]
    assert not offenders, "move this into static/js or static/css: " + ", ".join(offenders)
