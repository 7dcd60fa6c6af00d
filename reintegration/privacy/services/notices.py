"""The notifications that name a person: those about one of their cases or loans.

A notice stores the person's name among its parameters, with the case number (``case``)
or a link to the case file or the loan application; transfer notices link to the transfer
list and carry the case number only.
"""

from sqlalchemy import or_, select

from reintegration.extensions import db
from reintegration.loans.models import LoanApplication
from reintegration.notifications.models import Notification


def _case_paths(case_ids: list[int]) -> list[str]:
    from reintegration.casework.tasks import case_link

    link = case_link()
    return [link(case_id) for case_id in case_ids]


def _loan_paths(application_ids: list[int]) -> list[str]:
    from reintegration.loans.tasks import application_link

    applications = db.session.scalars(
        select(LoanApplication).where(LoanApplication.id.in_(application_ids))
    )
    return [application_link(application) for application in applications]


def naming_notifications(case_ids: list[int], application_ids: list[int]) -> list[Notification]:
    """Oldest first."""
    if not case_ids and not application_ids:
        return []
    case_paths = _case_paths(case_ids)
    exact = case_paths + _loan_paths(application_ids)
    candidates = db.session.scalars(
        select(Notification)
        .where(
            or_(
                Notification.link.in_(exact),
                *(Notification.link.like(path + "?%") for path in case_paths),
                Notification.kind.like("transfer%"),
            )
        )
        .order_by(Notification.created_at, Notification.id)
    )

    def names_them(notification: Notification) -> bool:
        link = notification.link or ""
        linked = link in exact or any(link.startswith(path + "?") for path in case_paths)
        return linked or (notification.params or {}).get("case") in case_ids

    return [n for n in candidates if names_them(n)]
