"""Import pages: upload, column mapping, preview, progress and results."""

from flask import Blueprint

bp = Blueprint("imports", __name__)

from reintegration.imports import cli  # noqa: E402,F401  (flask imports run-pending)
from reintegration.imports.views import pages  # noqa: E402,F401
