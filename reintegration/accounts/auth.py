"""Sessions and passwords: Flask-Login wiring and the login throttle."""

from functools import cache

from flask import abort, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from werkzeug.security import check_password_hash, generate_password_hash

from reintegration.accounts.models import Role
from reintegration.core.auth import roles_required
from reintegration.extensions import db

admin_required = roles_required(Role.ADMIN)
# The pages of people's files and their support: commune caseworkers and province officers.
casework_roles = roles_required(Role.CASEWORKER, Role.PROVINCE_OFFICER)


def hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=hash_method())


@cache
def _stand_in_hash(method: str) -> str:
    """Compared against when the username is unknown: made with the same method and cost
    as the users' own hashes, so a wrong password takes as long whether or not the name
    exists (and the names cannot be told apart by the time it takes)."""
    return generate_password_hash("not-a-real-password", method=method)


def verify_password(password_hash: str | None, password: str) -> bool:
    if password_hash is None:
        check_password_hash(_stand_in_hash(hash_method()), password)
        return False
    return check_password_hash(password_hash, password)


# Where a user whose password was reset may still go before choosing a new one.
WHILE_PASSWORD_MUST_CHANGE = {"auth.change_password", "auth.logout", "static", "core.set_language"}


def send_to_password_change():
    """before_request: a user whose password an administrator reset chooses their own
    before doing anything else (the API answers 403 meanwhile)."""
    if request.endpoint in WHILE_PASSWORD_MUST_CHANGE or not current_user.is_authenticated:
        return None
    if not current_user.must_change_password:
        return None
    if request.path.startswith("/api/"):
        abort(403)
    flash(_("Your password was reset by an administrator: choose your own to continue."), "warning")
    return redirect(url_for("auth.change_password"))


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
