"""A contact with the person: a home visit, a call, an office visit, a visit with the
family or the commune police; who took part, what happened, what comes next.

The author may edit it for 24 hours. After that the text is fixed: a mistake is corrected
with a visible correction note (a ``ContactCorrection`` row shown under the contact), never
by rewriting the original."""

from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Text, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.clock import now_utc
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import TimestampMixin, UTCDateTime, utcnow
from reintegration.extensions import db

EDIT_WINDOW = timedelta(hours=24)
# The database guard below allows a little more than the service's window, so a save the
# service accepted a moment before the 24 hours ran out is not turned into an error page.
_GUARD_SLACK = timedelta(minutes=5)
TEXT_FIELDS = ("kind", "contact_on", "participants", "what_happened", "next_steps")


class ContactKind(LabelledEnum):
    HOME_VISIT = "home_visit"
    PHONE_CALL = "phone_call"
    OFFICE_VISIT = "office_visit"
    FAMILY_VISIT = "family_visit"
    POLICE_VISIT = "police_visit"

    @classmethod
    def _labels(cls):
        return {
            cls.HOME_VISIT: _l("Home visit"),
            cls.PHONE_CALL: _l("Phone call"),
            cls.OFFICE_VISIT: _l("Office visit"),
            cls.FAMILY_VISIT: _l("Visit with the family"),
            cls.POLICE_VISIT: _l("Visit with the commune police"),
        }


class Contact(TimestampMixin, db.Model):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[ContactKind] = mapped_column(enum_column(ContactKind))
    contact_on: Mapped[date] = mapped_column()
    participants: Mapped[str] = mapped_column(Text)
    what_happened: Mapped[str] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Set when the author changed the text within the edit window.
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    author: Mapped[User] = relationship()
    case: Mapped["Case"] = relationship()  # noqa: F821
    corrections: Mapped[list["ContactCorrection"]] = relationship(
        back_populates="contact", order_by="ContactCorrection.created_at"
    )

    __table_args__ = (
        # The case's contact log, newest first; the follow-up escalation reads the latest
        # contact of each case.
        Index("ix_contacts_case_id_contact_on", "case_id", "contact_on"),
    )

    def editable_until(self) -> datetime:
        return self.created_at + EDIT_WINDOW

    def can_edit(self, user: User, now: datetime | None = None) -> bool:
        """Only its author, and only within 24 hours of recording it."""
        return self.author_id == user.id and (now or now_utc()) < self.editable_until()

    def __repr__(self) -> str:
        return f"<Contact {self.id} case={self.case_id} {self.kind} {self.contact_on}>"


class ContactCorrection(db.Model):
    """A note correcting a contact, shown under it; the contact's own text is unchanged."""

    __tablename__ = "contact_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    note: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    contact: Mapped[Contact] = relationship(back_populates="corrections")
    author: Mapped[User] = relationship()


class ContactIsFixed(RuntimeError):
    """Raised when code tries to rewrite a contact after its edit window (a bug: the
    service refuses such edits with a message first)."""


@event.listens_for(Contact, "before_update")
def _refuse_late_rewrites(_mapper, _connection, target: Contact) -> None:
    state = inspect(target)
    changed = [name for name in TEXT_FIELDS if state.attrs[name].history.has_changes()]
    if changed and now_utc() >= target.editable_until() + _GUARD_SLACK:
        raise ContactIsFixed(f"contact {target.id} is past its edit window: add a correction")
