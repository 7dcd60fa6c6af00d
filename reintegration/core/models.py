"""Column types and mixins shared by every domain."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column, validates
from sqlalchemy.types import TypeDecorator

from reintegration.core.text import vietnamese_key

# A stored Vietnamese sort key (core.text.vietnamese_key): its signs above "z" ("đ" is
# "d{") must compare by code point, so on PostgreSQL the column is in the C collation
# whatever the database's default (SQLite compares text by code point already).
SORT_KEY_LENGTH = 200
SORT_KEY = String(SORT_KEY_LENGTH).with_variant(
    String(SORT_KEY_LENGTH, collation="C"), "postgresql"
)


def _name_sort_key(context) -> str:
    """A row inserted without the model (bulk inserts) gets its sort key from its name."""
    return vietnamese_key(context.get_current_parameters().get("name"))[:SORT_KEY_LENGTH]


class NameInVietnameseOrder:
    """A ``name`` (an employer's, a training provider's) listed in Vietnamese order: the
    lists page through it in SQL, so its key is stored and follows every change."""

    sort_key: Mapped[str] = mapped_column(SORT_KEY, default=_name_sort_key, server_default="")

    @validates("name")
    def _keep_sort_key(self, _key: str, value: str) -> str:
        self.sort_key = vietnamese_key(value)[:SORT_KEY_LENGTH]
        return value


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """An instant stored in UTC and always read back timezone-aware.

    PostgreSQL keeps the zone; SQLite drops it, so values are normalised on the way in and out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an instant in UTC is required")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
