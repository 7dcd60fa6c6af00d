"""Loan pages: the caseworkers' list and forms, the reviewers' queue, the application page
with its steps, documents, repayment, the printable forms, and the rules admin page."""

from flask import Blueprint

# No url_prefix: the pages live under /loans/, the rules admin page under /admin/.
bp = Blueprint("loans", __name__)

from reintegration.loans.views import (  # noqa: E402,F401
    admin,
    applications,
    documents,
    printing,
    repayment,
    review,
    steps,
)
