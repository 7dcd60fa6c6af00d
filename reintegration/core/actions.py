"""Running a service from a view, one way for every domain.

A view loads its object in the user's scope (the domain's ``find_…`` query, else 404),
checks the form, then hands the service call to ``run_service``: on success the change is
committed; on a refusal the transaction is rolled back and the user is told why, and the
page drawn again answers 422 with what was typed (``core.forms.mark_refused``).
"""

from collections.abc import Callable
from typing import Any

from flask import abort, flash
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from reintegration.core.exceptions import DomainError
from reintegration.core.forms import attach_error, mark_refused
from reintegration.extensions import db


def run_service(operation: Callable[[], Any], form=None, *, record=None) -> tuple[bool, Any]:
    """Run one service call and commit: (True, what it returned). On a refusal roll back
    and give (False, the DomainError, or None when the record changed underneath):

    - a refusal for the user's role or area (code ``forbidden``) answers 403;
    - a conflict (code ``conflict``: someone saved the record since the form was opened)
      or two saves at the same moment: a warning above the page;
    - any other refusal: next to the form's field when it has one, else above the page.

    Every refusal marks the request refused (``mark_refused``): a page drawn again answers
    422, with or without a form; a redirect stays a redirect.

    ``record``: the record an edit form was opened on; after a refusal the form carries its
    current version, so saving again applies what the user typed over what the page shows.
    """
    refusal = None
    try:
        result = operation()
        db.session.commit()
        return True, result
    except StaleDataError:
        db.session.rollback()
        mark_refused()
        flash(
            _("Someone else saved this record at the same moment. Reload it and try again."),
            "warning",
        )
    except DomainError as error:
        db.session.rollback()
        refusal = error
        if error.code == "forbidden":
            abort(403)
        mark_refused()
        if error.code == "conflict":
            flash(error.message, "warning")
        elif form is not None:
            attach_error(form, error)
        else:
            flash(error.message, "danger")
    if record is not None and form is not None:
        form.version.data = str(record.version)  # read again: the rollback expired it
    return False, refusal
