"""The audit trail: an append-only record of who did what to which object, when, from where.

Services call ``record`` inside their transaction, so an operation and its audit event are
committed (or rolled back) together.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, String, event, insert
from sqlalchemy.orm import Mapped, mapped_column

from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # Copies, so the event still reads right after the account is renamed or its role changes.
    username: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str | None] = mapped_column(String(64))
    object_id: Mapped[str | None] = mapped_column(String(64))
    ip_address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (db.Index("ix_audit_events_object", "object_type", "object_id"),)


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_changes(_mapper, _connection, target):
    raise AuditLogIsAppendOnly(f"audit event {target.id} cannot be changed or deleted")


def record(
    action: str,
    obj: Any = None,
    *,
    object_type: str | None = None,
    object_id: Any = None,
    user: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to the current transaction (the caller's commit keeps it).

    ``obj`` is any model instance with an ``id`` (or a ``code``); ``object_type`` and
    ``object_id`` name the object when there is no instance at hand.
    """
    event_row = AuditEvent(
        action=action,
        **_who(_actor(user)),
        **_what(obj, object_type, object_id),
        detail=detail or {},
    )
    db.session.add(event_row)
    db.session.flush()
    return event_row


def record_many(
    action: str,
    items: Iterable[tuple[Any, dict[str, Any] | None]],
    *,
    user: Any = None,
    object_type: str | None = None,
) -> int:
    """One event per (object, detail) pair, inserted together in the current transaction:
    for bulk operations (an imported list) where an event each would cost more than the
    work. With ``object_type``, each pair gives the object's id instead of the object (rows
    written in bulk, never loaded). Returns how many."""
    common = {"action": action, "occurred_at": utcnow(), **_who(_actor(user))}
    rows = [
        {
            **common,
            **(_what(None, object_type, obj) if object_type else _what(obj, None, None)),
            "detail": detail or {},
        }
        for obj, detail in items
    ]
    if rows:
        db.session.execute(insert(AuditEvent.__table__), rows)
    return len(rows)


def _actor(user: Any) -> Any:
    if user is None and has_request_context() and current_user.is_authenticated:
        return current_user
    return user


def _who(user: Any) -> dict[str, Any]:
    return {
        "user_id": getattr(user, "id", None),
        "username": getattr(user, "username", None),
        "role": str(user.role) if user is not None else None,
        "ip_address": request.remote_addr if has_request_context() else None,
    }


def _what(obj: Any, object_type: str | None, object_id: Any) -> dict[str, Any]:
    if obj is not None:
        object_type = object_type or obj.__class__.__name__
        object_id = getattr(obj, "id", None) or getattr(obj, "code", None)
    return {
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
    }
