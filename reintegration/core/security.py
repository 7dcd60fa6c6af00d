"""What every response and every page session share: security headers, and the idle timeout.

A few lines of ``after_request`` rather than Flask-Talisman: the app needs a handful of
fixed headers and no HTTPS redirect (TLS ends at the reverse proxy); Talisman's nonces and
per-view options would be one more dependency for nothing this policy needs. The policy
itself is a setting (CONTENT_SECURITY_POLICY in reintegration/config.py); a view may set its
own header, the app's is only the default.
"""

import time

from flask import Flask, abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user, user_logged_in

from reintegration.core.text import has_unusable_characters
from reintegration.core.views import safe_next

HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Links to other sites never carry our URLs (they hold case and person ids).
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# When the session last saw a request (seconds since the epoch), and how stale that may get
# before it is written again (so that not every response sets a new cookie).
LAST_SEEN = "last_seen"
LAST_SEEN_RESOLUTION = 60


def init_app(app: Flask) -> None:
    app.before_request(refuse_unusable_query)
    app.before_request(end_idle_session)
    app.after_request(add_security_headers)
    user_logged_in.connect(_note_login, app)


def refuse_unusable_query():
    """A page's query string holding NUL or another control character
    (``/people/?q=%00``), or an invisible direction override, is refused: no search or
    filter has a use for them, and PostgreSQL cannot even compare them. (The API checks
    its query strings with its schemas, whose strings refuse the same characters.)"""
    if request.path.startswith("/api/"):
        return
    if any(has_unusable_characters(value) for value in request.args.values()):
        abort(
            400,
            description=_(
                "The address holds a character that cannot be used (such as NUL). "
                "Correct the search and try again."
            ),
        )


def add_security_headers(response):
    config = current_app.config
    headers = response.headers
    headers.setdefault("Content-Security-Policy", config["CONTENT_SECURITY_POLICY"])
    for name, value in HEADERS.items():
        headers.setdefault(name, value)
    if config.get("HSTS_SECONDS"):
        headers.setdefault("Strict-Transport-Security", f"max-age={config['HSTS_SECONDS']}")
    if _signed_in() and request.endpoint != "static":
        # What a signed-in user is shown (a person's file, a list of names, a search)
        # is kept by no cache, the browser's own included, for the next user of the
        # machine to find with the Back button.
        headers.setdefault("Cache-Control", "no-store")
    return response


def _signed_in() -> bool:
    """Whether this request was made by a signed-in user, asking the database nothing: the
    user is the one Flask-Login loaded for the request, if it did, and ``is_anonymous``
    reads none of its columns (a response to a database failure must not load any)."""
    user = g.get("_login_user")
    return user is not None and not user.is_anonymous


def _note_login(_app, user, **_extra) -> None:
    """A new login starts with a new CSRF token, so a token seen before it (on the login
    page of a shared machine) is worth nothing afterwards."""
    session[LAST_SEEN] = int(time.time())
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    session.pop(field, None)
    g.pop(field, None)


def idle_limit_seconds() -> int:
    return current_app.config["IDLE_TIMEOUT_MINUTES"] * 60


def end_idle_session():
    """A page session unused for longer than the idle timeout is logged out; the user is
    sent to the login page, which brings them back where they were."""
    limit = idle_limit_seconds()
    if not limit or request.endpoint == "static":
        return None
    if "Authorization" in request.headers and request.path.startswith("/api/"):
        return None  # an API token has its own expiry, and the API reads no cookie with it
    if not current_user.is_authenticated:
        return None
    now = int(time.time())
    seen = session.get(LAST_SEEN)
    if seen is not None and now - seen > limit:
        logout_user()
        session.pop(LAST_SEEN, None)
        if request.path.startswith("/api/"):
            return None  # the API answers 401 to the now anonymous request
        return redirect(url_for("auth.login", next=_where_they_were()))
    if seen is None or now - seen >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN] = now
    return None


def _where_they_were() -> str | None:
    """The page to come back to after logging in again. A form that was being sent cannot
    be replayed (its contents are not kept in the cookie): the user is brought back to the
    page the form was on, and told to send it again."""
    minutes = idle_limit_seconds() // 60
    ended = _(
        "Your session ended after %(minutes)d minutes without activity. "
        "Please log in again to continue.",
        minutes=minutes,
    )
    if request.method in ("GET", "HEAD"):
        flash(ended, "warning")
        return safe_next(request.full_path.rstrip("?"), "") or None
    flash(ended + " " + _("What you were sending was not saved: please send it again."), "warning")
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url):
        return safe_next("/" + referrer[len(request.host_url) :], "") or None
    return None
