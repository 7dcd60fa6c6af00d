"""Error pages in the user's language."""

import logging

from flask import Flask, current_app, jsonify, render_template, request, session
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from reintegration.extensions import db

log = logging.getLogger(__name__)

# How long a client is told to wait before trying again after the database failed.
RETRY_AFTER_SECONDS = 30


def render_error(status: int, message: str | None = None):
    return render_template("errors/error.html", status=status, message=message), status


def own_description(error) -> str | None:
    """The message the app gave when it raised ``error`` (``abort(400, description=…)``),
    not Werkzeug's English default."""
    description = getattr(error, "description", None)
    return description if description != getattr(type(error), "description", None) else None


def too_large_message() -> str:
    megabytes = max(1, (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024))
    return _(
        "What was sent is larger than the %(size)d MB the system accepts, so nothing was "
        "saved. Send a smaller file, or split it in parts.",
        size=megabytes,
    )


def register_error_handlers(app: Flask) -> None:
    from reintegration.core.forms import answer_refused_forms

    app.after_request(answer_refused_forms)

    @app.errorhandler(400)
    def bad_request(error):
        return render_error(400, own_description(error))

    @app.errorhandler(413)
    def too_large(_error):
        return render_error(413, too_large_message())

    @app.errorhandler(CSRFError)
    def csrf_failed(_error):
        return render_error(
            400,
            _(
                "The form has expired or was not sent from this site. "
                "Reload the page and try again."
            ),
        )

    @app.errorhandler(403)
    def forbidden(_error):
        return render_error(403)

    @app.errorhandler(404)
    def not_found(_error):
        return render_error(404)

    @app.errorhandler(500)
    def server_error(_error):
        db.session.rollback()
        return render_error(500)

    app.register_error_handler(DBAPIError, database_failed)
    app.register_error_handler(PoolTimeout, database_failed)


def database_failed(error: Exception):
    """The database is unreachable (restarted, network gone, every connection busy): 503 and
    a page that says so. The connection that failed is dropped, so the next request gets a
    fresh one; an error that is not about the connection stays a 500."""
    unreachable = isinstance(error, OperationalError | PoolTimeout) or getattr(
        error, "connection_invalidated", False
    )
    if not unreachable:
        log.error("database error", exc_info=error)
        db.session.rollback()
        return render_error(500)
    _forget_session()
    log.warning("database unavailable: %s", error)
    # Nothing here may touch the database: no user, no menu, no notification count.
    if request.path.startswith("/api/"):
        response = _api_unavailable()
    else:
        locale = _page_locale()
        with force_locale(locale):
            page = current_app.jinja_env.get_template("errors/unavailable.html")
            html = page.render(lang=locale, retry_url=_retry_url())
        response = current_app.response_class(html, mimetype="text/html")
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def _forget_session() -> None:
    try:
        db.session.rollback()
    except Exception:  # the connection is gone; removing the session is what matters
        log.debug("rollback after a database error failed", exc_info=True)
    db.session.remove()


def _retry_url() -> str:
    """The same page again for a read; for a form that was sent, the page it came from."""
    if request.method in ("GET", "HEAD"):
        return request.full_path.rstrip("?")
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url):
        return "/" + referrer[len(request.host_url) :]
    return request.path


def _page_locale() -> str:
    """The language chosen this session (kept in the cookie), without asking the database
    for the user's own."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("locale")
    return chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def _api_unavailable():
    """The API's error shape (see reintegration.api.errors)."""
    languages = current_app.config["LANGUAGES"]
    locale = request.accept_languages.best_match(languages) or _page_locale()
    with force_locale(locale):
        message = _(
            "The database cannot be reached at the moment. Nothing was saved. "
            "Please try again in a minute."
        )
    return jsonify({"errors": [{"field": None, "code": "service_unavailable", "message": message}]})
