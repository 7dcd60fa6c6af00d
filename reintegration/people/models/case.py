"""A case: one person followed up by one commune, from notice of arrival to closing."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import Role, User
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import SORT_KEY, TimestampMixin, UTCDateTime, utcnow
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models.release import ReleaseType


class CaseStatus(LabelledEnum):
    NOTIFIED = "notified"
    RECEIVED = "received"
    ACTIVE = "active"
    CLOSED = "closed"

    @classmethod
    def _labels(cls):
        return {
            cls.NOTIFIED: _l("Notified"),
            cls.RECEIVED: _l("Received"),
            cls.ACTIVE: _l("Active"),
            cls.CLOSED: _l("Closed"),
        }


class CloseReason(LabelledEnum):
    RECORD_EXPUNGED = "record_expunged"
    MOVED_AWAY = "moved_away"
    DECEASED = "deceased"
    DETAINED_AGAIN = "detained_again"
    LEFT_COUNTRY = "left_country"

    @classmethod
    def _labels(cls):
        return {
            cls.RECORD_EXPUNGED: _l("Criminal record expunged"),
            cls.MOVED_AWAY: _l("Moved away"),
            cls.DECEASED: _l("Deceased"),
            cls.DETAINED_AGAIN: _l("Detained again"),
            cls.LEFT_COUNTRY: _l("Left the country"),
        }


class ResidenceCheck(LabelledEnum):
    """What the commune police found when they verified the residence with the family
    (Circular 10/2024 Art. 8); a wrong address goes back to the prison on form HCD-03."""

    CONFIRMED = "confirmed"
    WRONG_ADDRESS = "wrong_address"

    @classmethod
    def _labels(cls):
        return {
            cls.CONFIRMED: _l("Residence confirmed"),
            cls.WRONG_ADDRESS: _l("Wrong address (form HCD-03)"),
        }


class Classification(LabelledEnum):
    """Police practice under Circular 10/2024; it drives how often the person is followed up."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"

    @classmethod
    def _labels(cls):
        return {
            cls.A: _l("A — stable"),
            cls.B: _l("B — law-abiding but struggling"),
            cls.C: _l("C — at risk of reoffending"),
            cls.D: _l("D — detained again or in rehabilitation"),
        }


class Need(LabelledEnum):
    HOUSING = "housing"
    HEALTH = "health"
    ADDICTION = "addiction"
    DOCUMENTS = "documents"
    FAMILY = "family"
    SKILLS = "skills"
    MONEY = "money"

    @classmethod
    def _labels(cls):
        return {
            cls.HOUSING: _l("Housing"),
            cls.HEALTH: _l("Health"),
            cls.ADDICTION: _l("Addiction"),
            cls.DOCUMENTS: _l("Identity papers"),
            cls.FAMILY: _l("Family"),
            cls.SKILLS: _l("Skills and work"),
            cls.MONEY: _l("Money"),
        }


class Case(TimestampMixin, db.Model):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    release_id: Mapped[int | None] = mapped_column(ForeignKey("releases.id"))
    commune_code: Mapped[int] = mapped_column(ForeignKey("communes.code"))
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[CaseStatus] = mapped_column(enum_column(CaseStatus), default=CaseStatus.NOTIFIED)
    close_reason: Mapped[CloseReason | None] = mapped_column(enum_column(CloseReason))
    closed_on: Mapped[date | None] = mapped_column()

    notified_on: Mapped[date | None] = mapped_column()
    # Circular 10/2024 Art. 8: residence verified within 3 working days of the notice.
    arrival_deadline: Mapped[date | None] = mapped_column(index=True)
    received_on: Mapped[date | None] = mapped_column()
    # The commune police's residence check, apart from the person reporting (received_on):
    # the day, what they found, and the day form HCD-03 went back for a wrong address.
    residence_checked_on: Mapped[date | None] = mapped_column()
    residence_check: Mapped[ResidenceCheck | None] = mapped_column(enum_column(ResidenceCheck))
    hcd03_sent_on: Mapped[date | None] = mapped_column()

    # The day the criminal record is expected to be expunged (Penal Code Art. 70, see
    # people.services.expungement), kept up to date with the release; follow-up stops there.
    expungement_on: Mapped[date | None] = mapped_column(index=True)
    # The offence is expunged only by a court (Art. 71): the day is the earliest it may.
    expungement_by_court: Mapped[bool] = mapped_column(default=False, server_default=false())

    classification: Mapped[Classification | None] = mapped_column(enum_column(Classification))
    # Under 18 on the release day (Decree 49/2020 Art. 11: priority in training and jobs);
    # kept with the birth and the release (people.services.registration.minor_on_release).
    minor_on_release: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Class D: where the person is held (detained again, or in rehabilitation).
    held_at: Mapped[str | None] = mapped_column(String(200))
    extremely_difficult: Mapped[bool] = mapped_column(default=False)
    intake_notes: Mapped[str | None] = mapped_column(Text)

    # The person's folded names and sort key (Person.search_text, Person.sort_key), copied
    # onto each case by database triggers (migration 5fb0f011000b) on insert, on a move to
    # another person and on every change to the person's. The case list then filters,
    # searches and sorts a province from one index, without reading a row.
    search_text: Mapped[str] = mapped_column(String(560), server_default="", deferred=True)
    sort_key: Mapped[str] = mapped_column(SORT_KEY, server_default="", deferred=True)

    # The release's type, copied by database triggers (migration 6f2b8d3c0026) when the case
    # is written and when its release's type is corrected: the list filters on it from its
    # index instead of reading each case's release.
    release_type: Mapped[ReleaseType | None] = mapped_column(
        enum_column(ReleaseType), deferred=True
    )

    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # The case list: scope (commune, status), filters, search and order.
        Index(
            "ix_cases_scope_search",
            "commune_code",
            "status",
            "classification",
            "release_type",
            "sort_key",
            "search_text",
            postgresql_include=["id"],
        ),
        # A release's cases (its corrections), also for the triggers that copy its type.
        Index("ix_cases_release_id", "release_id"),
        # The people of a caseworker's communes (matching), from the index alone.
        Index("ix_cases_commune_status_person", "commune_code", "status", "person_id"),
        # A case's commune and person by its id, from a small index: the reports find the
        # commune of 1.2 million follow-ups a quarter at a million people (SQLite read
        # each from the wide table row).
        Index("ix_cases_id_commune_person", "id", "commune_code", "person_id"),
        # One open case per person per commune.
        Index(
            "uq_cases_open_per_commune",
            "person_id",
            "commune_code",
            unique=True,
            sqlite_where=text("status != 'closed'"),
            postgresql_where=text("status != 'closed'"),
        ),
    )

    person: Mapped["Person"] = relationship(back_populates="cases")  # noqa: F821
    release: Mapped["Release | None"] = relationship()  # noqa: F821
    commune: Mapped[Commune] = relationship()
    caseworker: Mapped[User | None] = relationship()
    needs: Mapped[list["CaseNeed"]] = relationship(
        cascade="all, delete-orphan", order_by="CaseNeed.need"
    )
    classification_changes: Mapped[list["ClassificationChange"]] = relationship(
        order_by="ClassificationChange.changed_at.desc()"
    )

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED

    @property
    def need_values(self) -> set[Need]:
        return {n.need for n in self.needs}

    # Permission questions
    def can_view(self, user: User) -> bool:
        return user.sees_person_files and user.can_see_commune(self.commune_code)

    def can_edit(self, user: User) -> bool:
        """A case is changed by those who see it, until retention anonymises it. Only a
        person whose cases are all closed is anonymised, and an anonymised file is never
        merged, so an open case never asks."""
        return self.can_view(user) and (self.is_open or not self.person.is_anonymised)

    @staticmethod
    def can_reveal_offence(user: User) -> bool:
        """Union reviewers and committee viewers never see offence details; the roles that
        open case files may, after stating why."""
        return user.role in (Role.CASEWORKER, Role.PROVINCE_OFFICER)

    def __repr__(self) -> str:
        return f"<Case {self.id} person={self.person_id} {self.status}>"


class CaseNeed(db.Model):
    """A need recorded at intake (kept as rows so reports can count them)."""

    __tablename__ = "case_needs"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    need: Mapped[Need] = mapped_column(enum_column(Need), primary_key=True)


class ClassificationChange(db.Model):
    """The history of a case's classification: who changed it, when, from what, and why."""

    __tablename__ = "classification_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    old: Mapped[Classification | None] = mapped_column(enum_column(Classification))
    new: Mapped[Classification] = mapped_column(enum_column(Classification))
    reason: Mapped[str] = mapped_column(Text)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    changed_by: Mapped[User | None] = relationship()
