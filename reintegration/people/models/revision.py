"""Saved versions of a person or case: what each edit changed, by whom and when.

They let a refused edit show exactly what the other person changed, and keep a merged-away
record's history readable.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db


class Revision(db.Model):
    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int] = mapped_column()
    version: Mapped[int] = mapped_column()
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    changed_by: Mapped[User | None] = relationship()

    __table_args__ = (
        Index("uq_revisions_object_version", "object_type", "object_id", "version", unique=True),
    )
