"""Casework pages: the contact log, the case plan, transfers, and "my work today".

The contacts, plan and follow-ups are tabs of the people domain's case file (registered
as its sections, people/case_sections.py); the forms that change them have their own pages
here. Two more blueprints, kept apart for their endpoint names only (templates, the menu and
the route tests name them): ``follow_ups`` (views/follow_ups.py, marking a follow-up done)
and ``follow_up_rules`` (views/follow_up_rules.py, the administrators' rules).
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
