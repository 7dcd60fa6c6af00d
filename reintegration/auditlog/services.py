"""Reading the audit log: the search, each event in words, and the CSV of a search.

An event is shown as a person reads it: the action, the role and the object in the
reader's language, the object named ("Case no. 7", "Report Quarter 3/2026 — Tỉnh Ninh
Bình", "Account canbo.xa"), the details as labelled lines with days as dd/mm/yyyy and
codes as their names. The administrator who reads it never reads person files: people are
named by number only, and free text that may name someone is not shown for events about
a person's file.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, and_, or_, select

from reintegration.accounts.models import Role, User
from reintegration.auditlog.details import DetailWriter, Line
from reintegration.auditlog.labels import ACTIONS, OBJECT_TYPES, OBJECTS, OTHER_ACTION, OTHER_OBJECT
from reintegration.casework.models import Transfer
from reintegration.core import audit
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import local_midnight
from reintegration.core.documents import neutralise
from reintegration.core.i18n import format_instant
from reintegration.employment.models import Referral
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication
from reintegration.people.models import Case, Release
from reintegration.reports.models import ReportSnapshot
from reintegration.reports.services.presentation import area_name, period_label
from reintegration.reports.services.snapshots import period_of
from reintegration.training.models import Placement


@dataclass
class Filters:
    person_id: int | None = None
    action: str | None = None
    username: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def search(filters: Filters) -> Select:
    stmt = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if filters.person_id is not None:
        stmt = stmt.where(about_person(filters.person_id))
    if filters.action:
        stmt = stmt.where(AuditEvent.action == filters.action)
    if filters.username:
        stmt = stmt.where(AuditEvent.username == filters.username.strip().lower())
    if filters.object_type:
        stmt = stmt.where(AuditEvent.object_type == filters.object_type)
    if filters.object_id:
        stmt = stmt.where(AuditEvent.object_id == filters.object_id.strip())
    if filters.date_from:
        stmt = stmt.where(AuditEvent.occurred_at >= local_midnight(filters.date_from))
    if filters.date_to:
        stmt = stmt.where(AuditEvent.occurred_at < local_midnight(filters.date_to + timedelta(1)))
    return stmt


def about_person(person_id: int):
    """Events on the person, their cases and releases, and what hangs on their cases."""
    cases = select(Case.id).where(Case.person_id == person_id)
    queries = {
        "Case": cases,
        "Release": select(Release.id).where(Release.person_id == person_id),
        "LoanApplication": select(LoanApplication.id).where(LoanApplication.case_id.in_(cases)),
        "Transfer": select(Transfer.id).where(Transfer.case_id.in_(cases)),
        "Placement": select(Placement.id).where(Placement.case_id.in_(cases)),
        "Referral": select(Referral.id).where(Referral.case_id.in_(cases)),
    }
    objects = {"Person": [person_id]}
    objects.update({kind: list(db.session.scalars(query)) for kind, query in queries.items()})
    return or_(
        *(
            and_(AuditEvent.object_type == kind, AuditEvent.object_id.in_([str(i) for i in ids]))
            for kind, ids in objects.items()
            if ids
        )
    )


# --- in words ----------------------------------------------------------------------------


@dataclass
class ReadableEvent:
    event: AuditEvent
    when: str
    who: str
    role: str
    action: str
    object: str
    details: list[Line]


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, OTHER_ACTION))


def object_type_label(code: str | None) -> str:
    return str(OBJECT_TYPES.get(code or "", "")) or (str(OTHER_ACTION) if code else "")


def role_label(code: str | None) -> str:
    return Role(code).label if code in Role._value2member_map_ else ""


class _Names:
    """The names of the objects of a page of events, each kind read in one query."""

    def __init__(self, events: list[AuditEvent]) -> None:
        def ids(kind: str) -> list[int]:
            return [int(e.object_id) for e in events
                    if e.object_type == kind and (e.object_id or "").isdigit()]  # fmt: skip

        self.users = dict(db.session.execute(
            select(User.id, User.username).where(User.id.in_(ids("User")))).all())  # fmt: skip
        self.reports = {
            s.id: s for s in db.session.scalars(
                select(ReportSnapshot).where(ReportSnapshot.id.in_(ids("ReportSnapshot"))))
        }  # fmt: skip

    def object(self, event: AuditEvent) -> str:
        kind, ident = event.object_type, event.object_id
        if not kind:
            return ""
        if kind == "User" and ident and ident.isdigit() and int(ident) in self.users:
            return _("Account %(username)s", username=self.users[int(ident)])
        if kind == "ReportSnapshot" and ident and ident.isdigit() and int(ident) in self.reports:
            snapshot = self.reports[int(ident)]
            return _("Report %(period)s — %(area)s", period=period_label(period_of(snapshot)),
                     area=area_name(snapshot))  # fmt: skip
        template = OBJECTS.get(kind, OTHER_OBJECT)
        return str(template) % {"id": ident or "—"}


def readable(events: list[AuditEvent]) -> list[ReadableEvent]:
    names, details = _Names(events), DetailWriter()
    return [
        ReadableEvent(
            event=event,
            when=format_instant(event.occurred_at),
            who=event.username or "—",
            role=role_label(event.role),
            action=action_label(event.action),
            object=names.object(event),
            details=details.lines(event),
        )
        for event in events
    ]


# --- the CSV -----------------------------------------------------------------------------

EXPORT_LIMIT = 100_000


def csv_text(filters: Filters, actor: User, described: dict[str, Any]) -> str:
    """The events of a search (at most EXPORT_LIMIT, newest first) as CSV, headings in the
    reader's language, every cell a spreadsheet would run as a formula neutralised; the
    export is audited with its filters."""
    events = list(db.session.scalars(search(filters).limit(EXPORT_LIMIT)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([_("When"), _("Who"), _("Role"), _("Action"), _("Object"),
                     _("IP address"), _("Details")])  # fmt: skip
    for row in readable(events):
        details = "\n".join(f"{line.label}: {line.text}" for line in row.details)
        cells = [row.when, row.who, row.role, row.action, row.object,
                 row.event.ip_address or "", details]  # fmt: skip
        writer.writerow([neutralise(cell) for cell in cells])
    audit.record(
        "audit_log_exported",
        user=actor,
        detail={"filters": {k: v for k, v in described.items() if v}, "rows": len(events)},
    )
    return "\ufeff" + out.getvalue()
