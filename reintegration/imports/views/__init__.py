"""Import pages: upload, column mapping, preview, progress and results."""

from flask import Blueprint

bp = Blueprint("imports", __name__)

from reintegration.imports.views import pages  # noqa: E402,F401
