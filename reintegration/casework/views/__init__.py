"""Casework pages: the contact log, the case plan, transfers, and "my work today".

The contacts and plan are tabs of the people domain's case file (their templates are
included there); the forms that change them have their own pages here.
"""

from flask import Blueprint

bp = Blueprint("casework", __name__)

from reintegration.casework.views import (  # noqa: E402,F401
    contacts,
    my_work,
    plans,
    tabs,
    transfers,
)
