"""The notifications about a person: those whose subject is one of their cases, loan
applications, transfers, training placements or job referrals (``Notification.subject_type``
and ``subject_id``, set by every notice). Neither the words nor the link are read, so a
renamed page changes nothing here.
"""

from sqlalchemy import and_, or_, select

from reintegration.casework.models import Transfer
from reintegration.employment.models import Referral
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.training.models import Placement


def naming_notifications(case_ids: list[int], application_ids: list[int]) -> list[Notification]:
    """Oldest first."""
    if not case_ids and not application_ids:
        return []
    subjects = {
        "Case": case_ids,
        "LoanApplication": application_ids,
        "Transfer": select(Transfer.id).where(Transfer.case_id.in_(case_ids)),
        "Placement": select(Placement.id).where(Placement.case_id.in_(case_ids)),
        "Referral": select(Referral.id).where(Referral.case_id.in_(case_ids)),
    }
    return list(
        db.session.scalars(
            select(Notification)
            .where(
                or_(
                    *(
                        and_(Notification.subject_type == kind, Notification.subject_id.in_(ids))
                        for kind, ids in subjects.items()
                    )
                )
            )
            .order_by(Notification.created_at, Notification.id)
        )
    )
