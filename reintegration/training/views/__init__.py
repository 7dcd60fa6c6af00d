"""Training pages: providers, courses, placements and the province's support rates."""

from flask import Blueprint

bp = Blueprint("training", __name__)
