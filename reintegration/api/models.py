"""Personal API tokens: a program acts as the user who created the token, within their role
and scope. Only a hash of the secret is stored; the clear token is shown once."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # sha256 of the whole clear token, hex: a lookup by equality, nothing to brute-force
    # (the secret has 256 random bits).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the clear token, so people can tell their tokens apart.
    hint: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])

    def is_usable(self, now: datetime) -> bool:
        """Not revoked, not expired, and its account still active."""
        return self.revoked_at is None and now < self.expires_at and self.user.active

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.hint}… user={self.user_id}>"
