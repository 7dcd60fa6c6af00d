"""Sessions and passwords: Flask-Login wiring and the login throttle."""

from flask import current_app, g, request
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from werkzeug.security import check_password_hash, generate_password_hash

from reintegration.extensions import db

# Compared against when the username is unknown, so both cases take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt:1024:8:1")


def hash_password(password: str) -> str:
    return generate_password_hash(
        password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    )


def verify_password(password_hash: str | None, password: str) -> bool:
    if password_hash is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(password_hash, password)


def init_login_manager(manager: LoginManager) -> None:
    manager.login_view = "auth.login"
    manager.login_message = _l("Please log in to continue.")
    manager.login_message_category = "info"
    manager.session_protection = "basic"

    @manager.user_loader
    def load_user(session_id: str):
        """The cookie holds "<id>:<session token>"; a rotated token ends old sessions."""
        from reintegration.accounts.models import User

        user_id, _, token = session_id.partition(":")
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.active or user.session_token != token:
            return None
        return user


# Login throttling: two limits on POST /login, counted only when the attempt failed.
def submitted_username() -> str:
    return "login-account:" + (request.form.get("username") or "").strip().lower()


def login_address() -> str:
    return "login-address:" + (get_remote_address() or "")


def account_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ACCOUNT"]


def address_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"]


def mark_login_failed() -> None:
    g.login_failed = True


def login_failed(_response) -> bool:
    return bool(g.get("login_failed"))
