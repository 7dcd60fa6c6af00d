"""Employment pages: employers, openings, matching and referrals."""

from flask import Blueprint

bp = Blueprint("employment", __name__)

from reintegration.employment.views import (  # noqa: E402,F401
    case_section,
    employers,
    openings,
    referrals,
)
