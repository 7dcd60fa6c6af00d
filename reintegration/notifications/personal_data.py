"""Notifications' personal data (see core/personal_data.py): the notices whose subject is
one of the person's cases, loan applications, transfers, training placements or job
referrals (``Notification.subject_type`` and ``subject_id``, set by every notice). Neither
the words nor the link are read, so a renamed page changes nothing here. On anonymisation
the person's name in a notice's parameters is replaced."""

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select

from reintegration.core.personal_data import Field, PersonalData, Reach, declare
from reintegration.extensions import db
from reintegration.notifications.models import Notification

# The subjects of notices that belong to a person's file (model names, as stored).
PERSONAL_SUBJECTS = ("Case", "LoanApplication", "Transfer", "Placement", "Referral")


def about(subjects: Mapping[str, Any]) -> list[Notification]:
    """The notices about the given subjects (type → ids, or a select of ids), oldest first."""
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


def _rows(reach: Reach) -> list[Notification]:
    if not reach.of("Case") and not reach.of("LoanApplication"):
        return []
    return about({kind: reach.of(kind) for kind in PERSONAL_SUBJECTS})


def _anonymise(reach: Reach, name_for, files: list) -> int:
    name = name_for(reach.people_ids[0])
    changed = 0
    for notification in _rows(reach):
        params = notification.params or {}
        if "name" in params:
            notification.params = {**params, "name": name}
            changed += 1
    return changed


declare(
    PersonalData(
        "notifications",
        _l("Notifications naming the person"),
        Notification,
        (
            Field("created_at", _l("When")),
            Field("user.full_name", _l("Sent to")),
            Field("message_text", _l("Message")),
        ),
        order=230,
        rows=_rows,
        anonymise=_anonymise,
        erase={"params": None},  # the person's name in them is replaced
        kept={
            "kind": "the notice's kind, a code",
            "message": "the English template; the person's name is in the parameters",
            "link": "the page's address: numbers, no name",
            "subject_type": "the kind of record it is about",
            "dedupe_key": "codes and numbers that keep a notice from being sent twice",
            "email_error": "the mail server's answer",
            "attachment_kind": "a code",
        },
    ),
)
