"""Report snapshots: a period's figures for one area, built once and never changed.

A snapshot of a province holds one value per figure and commune of the province, and the
province's total (``unit_code`` 0); a snapshot of the nation holds one per figure and
province, and the nation's total. So a dashboard reads a few hundred rows, never a sum.

Immutable at the ORM level, as the audit trail is: values can be neither changed nor
deleted, and a snapshot only ever changes once, from draft to approved. A re-run for the
same period and area is a new version (``supersedes_id`` names the one it replaces); after
approval a new version is a correction and must say why.
"""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db

TOTAL = 0  # unit_code of the area's own total


class AreaLevel(LabelledEnum):
    NATION = "nation"
    PROVINCE = "province"
    COMMUNE = "commune"

    @classmethod
    def _labels(cls):
        return {cls.NATION: _l("Nation"), cls.PROVINCE: _l("Province"), cls.COMMUNE: _l("Commune")}


class SnapshotStatus(LabelledEnum):
    DRAFT = "draft"
    APPROVED = "approved"

    @classmethod
    def _labels(cls):
        return {cls.DRAFT: _l("Not approved yet"), cls.APPROVED: _l("Approved")}


class ReportSnapshot(db.Model):
    __tablename__ = "report_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_kind: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[date] = mapped_column()
    period_end: Mapped[date] = mapped_column()
    area_level: Mapped[AreaLevel] = mapped_column(enum_column(AreaLevel))
    area_code: Mapped[int] = mapped_column()  # province code; 0 for the nation
    version: Mapped[int] = mapped_column(default=1)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    built_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # "Built on" day: overdue figures are judged on min(day after the period, this day).
    as_of: Mapped[date] = mapped_column()
    # SHA-256 of the values (figure, unit, value sorted): two versions with the same hash
    # were built from data that gave the same figures.
    data_version: Mapped[str] = mapped_column(String(64))
    status: Mapped[SnapshotStatus] = mapped_column(
        enum_column(SnapshotStatus), default=SnapshotStatus.DRAFT
    )
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("report_snapshots.id"))
    correction_reason: Mapped[str | None] = mapped_column(Text)

    built_by: Mapped[User | None] = relationship(foreign_keys=[built_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])

    __table_args__ = (
        UniqueConstraint(
            "period_kind", "period_start", "period_end", "area_level", "area_code", "version",
            name="uq_report_snapshots_version",
        ),
        Index("ix_report_snapshots_area", "area_level", "area_code", "period_kind",
              "period_start"),
    )  # fmt: skip

    @property
    def is_approved(self) -> bool:
        return self.status == SnapshotStatus.APPROVED

    def __repr__(self) -> str:
        return (
            f"<ReportSnapshot {self.id} {self.period_kind} {self.period_start} "
            f"{self.area_level}:{self.area_code} v{self.version}>"
        )


class ReportValue(db.Model):
    __tablename__ = "report_values"

    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("report_snapshots.id"), primary_key=True, autoincrement=False
    )
    figure: Mapped[str] = mapped_column(String(48), primary_key=True)
    unit_code: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger)


class ReportSubscription(db.Model):
    """A user who wants to hear when a period's report of their area is built."""

    __tablename__ = "report_subscriptions"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    period_kind: Mapped[str] = mapped_column(String(16), primary_key=True)

    user: Mapped[User] = relationship()


class SnapshotIsImmutable(RuntimeError):
    pass


APPROVAL_FIELDS = {"status", "approved_by_id", "approved_at"}


@event.listens_for(ReportSnapshot, "before_update")
def _only_approval(_mapper, _connection, target):
    """The one change a snapshot allows: draft → approved (and who, when)."""
    state = inspect(target)
    changed = {a.key for a in state.attrs if a.history.has_changes()}
    status_history = state.attrs.status.history
    was = status_history.deleted[0] if status_history.deleted else target.status
    if changed - APPROVAL_FIELDS or was != SnapshotStatus.DRAFT:
        raise SnapshotIsImmutable(f"report snapshot {target.id} cannot be changed")


@event.listens_for(ReportSnapshot, "before_delete")
@event.listens_for(ReportValue, "before_update")
@event.listens_for(ReportValue, "before_delete")
def _refuse(_mapper, _connection, target):
    raise SnapshotIsImmutable("report snapshots and their values cannot be changed or deleted")
