"""People pages: lists and search, registration, the case file, edits and merges.

Only caseworkers and province officers reach them; the queries limit each to their scope.
"""

from flask import Blueprint

bp = Blueprint("people", __name__)

from reintegration.people.views import (  # noqa: E402,F401
    admin,
    case_file,
    editing,
    lists,
    merging,
    registration,
)
