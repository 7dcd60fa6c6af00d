"""The audit trail: an append-only record of who did what to which object, when, from where.

Services call ``record`` inside their transaction, so an operation and its audit event are
committed (or rolled back) together.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, String, event
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
    event_row = _event(action, obj, object_type, object_id, _actor(user), detail)
    db.session.add(event_row)
    db.session.flush()
    return event_row


def record_many(
    action: str, items: Iterable[tuple[Any, dict[str, Any] | None]], *, user: Any = None
) -> int:
    """One event per (object, detail) pair, written together: for bulk operations (an
    imported list) where an event each, flushed one by one, would cost more than the work.
    Returns how many."""
    user = _actor(user)
    rows = [_event(action, obj, None, None, user, detail) for obj, detail in items]
    db.session.add_all(rows)
    db.session.flush()
    return len(rows)


def _actor(user: Any) -> Any:
    if user is None and has_request_context() and current_user.is_authenticated:
        return current_user
    return user


def _event(
    action: str,
    obj: Any,
    object_type: str | None,
    object_id: Any,
    user: Any,
    detail: dict[str, Any] | None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj.__class__.__name__
        object_id = getattr(obj, "id", None) or getattr(obj, "code", None)
    return AuditEvent(
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        user_id=getattr(user, "id", None),
        username=getattr(user, "username", None),
        role=str(user.role) if user is not None else None,
        ip_address=request.remote_addr if has_request_context() else None,
        detail=detail or {},
    )
