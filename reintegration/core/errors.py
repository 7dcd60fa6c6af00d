"""Error pages in the user's language."""

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from reintegration.extensions import db


def render_error(status: int, message: str | None = None):
    return render_template("errors/error.html", status=status, message=message), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(400)
    def bad_request(_error):
        return render_error(400)

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
