"""What the casework views share: loading a case for reading or for writing, and saving."""

from flask import abort, flash
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from reintegration.accounts.models import Role
from reintegration.core.auth import roles_required
from reintegration.core.exceptions import DomainError
from reintegration.core.forms import attach_error
from reintegration.extensions import db
from reintegration.people.models import Case
from reintegration.people.services.case_file import find_case

casework_roles = roles_required(Role.CASEWORKER, Role.PROVINCE_OFFICER)


def case_to_read(case_id: int) -> Case:
    """A case in the user's scope; else 404 (a commune only offered the case by a transfer
    sees its preview on the case file page, nothing more, until it accepts)."""
    return find_case(case_id, current_user) or abort(404)


case_to_write = case_to_read


def save(operation, form=None) -> bool:
    """Run one service and commit; on refusal roll back and show why (on the form's field
    when there is one, else above the page)."""
    try:
        operation()
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        flash(
            _("Someone else saved this record at the same moment. Reload it and try again."),
            "warning",
        )
        return False
    except DomainError as error:
        db.session.rollback()
        if error.code == "forbidden":
            abort(403)
        if form is not None:
            attach_error(form, error)
        else:
            flash(error.message, "danger")
        return False
    return True
