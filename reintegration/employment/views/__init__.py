"""Employment pages: employers, openings, matching and referrals."""

from flask import Blueprint

bp = Blueprint("employment", __name__)
