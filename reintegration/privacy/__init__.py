"""Privacy: a person's data-access report and the retention of closed cases."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

from reintegration.privacy import models, views  # noqa: E402,F401
