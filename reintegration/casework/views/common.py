"""What the casework views share: loading a case for reading or for writing, and saving."""

from flask import abort
from flask_login import current_user

from reintegration.people.models import Case
from reintegration.people.services.case_file import find_case


def case_to_read(case_id: int) -> Case:
    """A case in the user's scope; else 404 (a commune only offered the case by a transfer
    sees its preview on the case file page, nothing more, until it accepts)."""
    return find_case(case_id, current_user) or abort(404)


case_to_write = case_to_read
