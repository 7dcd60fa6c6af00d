"""The audit log's part of a person's file (see core/personal_data.py): who read or changed
it. The log is append-only (a database trigger refuses changes), so anonymisation leaves it
as it is; it names people by record number only."""

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.core.personal_data import Field, PersonalData, Reach, declare
from reintegration.extensions import db
from reintegration.people.personal_data import record_kind

# The records whose events belong to the person's file.
RECORDS = ("Person", "Case", "Release", "LoanApplication")
APPEND_ONLY = "the audit log is append-only"


def role_label(code: str | None) -> Any:
    return Role(code).label if code in Role._value2member_map_ else code


def _trail(reach: Reach) -> list[AuditEvent]:
    def about(object_type: str):
        ids = [str(i) for i in reach.of(object_type)]
        return (AuditEvent.object_type == object_type) & AuditEvent.object_id.in_(ids)

    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(or_(*(about(object_type) for object_type in RECORDS)))
            .order_by(AuditEvent.occurred_at, AuditEvent.id)
        )
    )


declare(
    PersonalData(
        "audit_trail",
        _l("Who read or changed the file"),
        AuditEvent,
        (
            Field("occurred_at", _l("When")),
            Field("username", _l("User")),
            Field("role", _l("Role"), shown_as=role_label),
            Field("action", _l("Action")),
            Field("object_type", _l("Record"), shown_as=record_kind),
            Field("object_id", _l("Record no.")),
        ),
        order=250,
        rows=_trail,
        kept={
            **dict.fromkeys(
                ("username", "role", "action", "object_type", "object_id"), APPEND_ONLY
            ),
            "ip_address": APPEND_ONLY,
            "detail": APPEND_ONLY + "; people by number only",
        },
    ),
)
