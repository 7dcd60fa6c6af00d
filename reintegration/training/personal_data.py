"""Training's personal data (see core/personal_data.py): a person's placements on courses.
Whether a certificate was earned stays on anonymisation (the reports count it); its number
is masked and the reason for dropping out goes."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func

from reintegration.core.personal_data import Field, PersonalData, declare
from reintegration.training.models import Placement

MASK = "***"


def masked(column):
    """A number whose presence a report counts is masked, not cleared: "certified" stays
    true, the number itself goes."""
    return case((func.coalesce(column, "") != "", MASK), else_=None)


declare(
    PersonalData(
        "training_placements",
        _l("Training placements"),
        Placement,
        (
            Field("case_id", _l("Case number")),
            Field("course.title", _l("Course")),
            Field("status", _l("Status")),
            Field("referred_on", _l("Referred on")),
            Field("enrolled_on", _l("Enrolled on")),
            Field("completed_on", _l("Completed on")),
            Field("certificate_number", _l("Certificate number")),
            Field("dropped_on", _l("Dropped on")),
            Field("drop_reason", _l("Reason")),
        ),
        order=190,
        link="case_id",
        parent="Case",
        order_by=("referred_on", "id"),
        erase={"certificate_number": masked(Placement.certificate_number), "drop_reason": None},
        kept={"trade_code": "the course's trade, a code"},
    ),
)
