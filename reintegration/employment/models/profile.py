"""A person's work profile: the trades they want to work in and have skills in, the
communes they would work in, and when they are available. It belongs to the person (one
row per person, across their cases), edited from the case file."""

from datetime import date

from sqlalchemy import Column, ForeignKey, Index, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.core.enums import enum_column
from reintegration.core.models import TimestampMixin
from reintegration.employment.models.enums import Availability, TradeLink
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.training.models import Trade

work_profile_communes = Table(
    "work_profile_communes",
    db.metadata,
    Column(
        "person_id", ForeignKey("work_profiles.person_id", ondelete="CASCADE"), primary_key=True
    ),
    Column("commune_code", ForeignKey("communes.code"), primary_key=True),
    # Who would work in a commune: matching finds them for an opening's commune.
    Index("ix_work_profile_communes_commune_person", "commune_code", "person_id"),
)


class WorkProfile(TimestampMixin, db.Model):
    __tablename__ = "work_profiles"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id"), primary_key=True, autoincrement=False
    )
    availability: Mapped[Availability] = mapped_column(
        enum_column(Availability), default=Availability.FULL_TIME
    )
    available_from: Mapped[date | None] = mapped_column()
    # Would take work in another province (moving or commuting).
    willing_to_relocate: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Edits carry the version they started from (the people pattern): a stale save is refused.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    trades: Mapped[list["WorkProfileTrade"]] = relationship(
        cascade="all, delete-orphan", order_by="WorkProfileTrade.trade_code"
    )
    preferred_communes: Mapped[list[Commune]] = relationship(secondary=work_profile_communes)

    def codes(self, link: TradeLink) -> list[str]:
        return [t.trade_code for t in self.trades if t.link == link]


class WorkProfileTrade(db.Model):
    __tablename__ = "work_profile_trades"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("work_profiles.person_id", ondelete="CASCADE"), primary_key=True
    )
    trade_code: Mapped[str] = mapped_column(ForeignKey("trades.code"), primary_key=True)
    link: Mapped[TradeLink] = mapped_column(enum_column(TradeLink), primary_key=True)

    trade: Mapped[Trade] = relationship()

    # Matching: "who wants or knows this trade?" from the index alone (person included).
    __table_args__ = (
        Index("ix_work_profile_trades_trade_link_person", "trade_code", "link", "person_id"),
    )
