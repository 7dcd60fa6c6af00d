"""A transfer: the person moved to another commune (or province), so the case moves there.

The sending commune asks, with a reason; a caseworker (or the province officer) of the
receiving commune accepts or refuses. Until then both communes see the case; on acceptance
the case changes commune and keeps its id, so its contacts, follow-ups, plan and revisions
travel with it.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, ForeignKey, Index, Select, Text, select, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db
from reintegration.geo.models import Commune


class TransferStatus(LabelledEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls):
        return {
            cls.PENDING: _l("Waiting for the receiving commune"),
            cls.ACCEPTED: _l("Accepted"),
            cls.REFUSED: _l("Refused"),
            cls.CANCELLED: _l("Cancelled"),
        }


class Transfer(db.Model):
    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_commune_code: Mapped[int] = mapped_column(ForeignKey("communes.code"))
    to_commune_code: Mapped[int] = mapped_column(ForeignKey("communes.code"))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[TransferStatus] = mapped_column(
        enum_column(TransferStatus), default=TransferStatus.PENDING
    )
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Why it was refused or cancelled.
    decision_note: Mapped[str | None] = mapped_column(Text)

    case: Mapped["Case"] = relationship()  # noqa: F821
    from_commune: Mapped[Commune] = relationship(foreign_keys=[from_commune_code])
    to_commune: Mapped[Commune] = relationship(foreign_keys=[to_commune_code])
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    __table_args__ = (
        # At most one transfer waiting per case.
        Index(
            "uq_transfers_pending_per_case",
            "case_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_transfers_to_commune_status", "to_commune_code", "status"),
        Index("ix_transfers_from_commune_status", "from_commune_code", "status"),
    )

    @property
    def is_pending(self) -> bool:
        return self.status == TransferStatus.PENDING

    def can_decide(self, user: User) -> bool:
        """The receiving side: its caseworkers and its province's officers."""
        return (
            self.is_pending
            and user.sees_person_files
            and user.can_see_commune(self.to_commune_code)
        )

    def can_cancel(self, user: User) -> bool:
        """The sending side."""
        return (
            self.is_pending
            and user.sees_person_files
            and user.can_see_commune(self.from_commune_code)
        )

    def available_actions(self, user: User) -> list[str]:
        """What ``user`` may do now: accept or refuse (receiving side), cancel (sending)."""
        return [
            *(["accept", "refuse"] if self.can_decide(user) else []),
            *(["cancel"] if self.can_cancel(user) else []),
        ]

    def direction_for(self, user: User) -> str:
        """``incoming`` when it comes into one of ``user``'s communes, else ``outgoing``."""
        return "incoming" if user.can_see_commune(self.to_commune_code) else "outgoing"

    def __repr__(self) -> str:
        return f"<Transfer {self.id} case={self.case_id} {self.status}>"


def incoming_case_ids(user: User) -> Select:
    """The cases waiting to move into ``user``'s communes (a subquery of case ids)."""
    return select(Transfer.case_id).where(
        Transfer.status == TransferStatus.PENDING,
        commune_scope_clause(user, Transfer.to_commune_code),
    )


def touches_scope(user: User) -> ColumnElement[bool]:
    """Transfers from or to ``user``'s communes."""
    return commune_scope_clause(user, Transfer.from_commune_code) | commune_scope_clause(
        user, Transfer.to_commune_code
    )
