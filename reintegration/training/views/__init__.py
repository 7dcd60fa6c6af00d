"""Training pages: providers, courses, placements and the province's support rates."""

from flask import Blueprint

bp = Blueprint("training", __name__)

from reintegration.training.views import (  # noqa: E402,F401
    case_section,
    courses,
    placements,
    providers,
    support,
)
