"""Scheduled casework jobs: plain functions the scheduler runs inside an app context. Each
commits its own work, batch by batch, and is safe to run twice: every notice has a dedupe
key, so a second run the same day sends nothing new.

They are written for two million follow-up rows: rows are read in batches with keyset
pagination (never all at once), statuses change with set-based UPDATEs, notices are
inserted in bulk with ON CONFLICT DO NOTHING on their key, and each batch commits, so
memory stays bounded and no lock is held for long.

"Overdue" stays a query (``status == DUE and due_on < today``); the sweep only records
MISSED once the grace period has passed, and sends the reminders.
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from flask import current_app, url_for
from sqlalchemy import String, and_, cast, exists, func, insert, literal, or_, select, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased

from reintegration.accounts.models import Role, User, user_communes
from reintegration.calendar.services import add_working_days
from reintegration.casework.models import FollowUp, FollowUpStatus
from reintegration.casework.services.schedule import (
    SCHEDULED_STATUSES,
    all_holidays,
    horizon_months,
)
from reintegration.casework.services.schedule_plan import RuleBook, follow_up_dates
from reintegration.core.clock import add_months, now_utc, today_local
from reintegration.core.database import id_in
from reintegration.core.i18n import N_, format_day
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.notifications.models import Notification
from reintegration.notifications.services import send_pending_emails
from reintegration.people.models import Case, CaseStatus, Person, Release

BATCH = 5_000

FOLLOW_UP_DUE_SOON = N_("Follow-up of %(name)s (case no. %(case)s) is due on %(due)s.")
FOLLOW_UP_OVERDUE = N_(
    "Follow-up of %(name)s (case no. %(case)s) was due on %(due)s and is not recorded yet."
)
CASE_SILENT = N_(
    "Nothing has been recorded for %(name)s (case no. %(case)s, %(commune)s) for %(days)s "
    "days, since %(since)s."
)

_PLACEHOLDER = 987654321


def case_link(tab: str | None = None) -> Callable[[int], str]:
    """A function case id → path of its case file (a same-site path, as the inbox wants),
    built once rather than once per notice."""
    with current_app.test_request_context():
        path = url_for("people.case_file", case_id=_PLACEHOLDER, tab=tab)
    head, tail = path.split(str(_PLACEHOLDER))
    return lambda case_id: f"{head}{case_id}{tail}"


def insert_notifications(rows: list[dict[str, Any]]) -> int:
    """The bulk form of ``notifications.services.notify``: a row whose ``dedupe_key`` was
    used before is skipped by the database itself. Returns how many were added."""
    if not rows:
        return 0
    dialect_insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    table = Notification.__table__
    now = now_utc()
    stmt = (
        dialect_insert(table)
        .on_conflict_do_nothing(index_elements=[table.c.dedupe_key])
        .returning(table.c.id)
    )
    values = [{"created_at": now, "read_at": None, "emailed_at": None, **row} for row in rows]
    return len(db.session.execute(stmt, values).all())


def _after(columns: tuple, key: tuple | None):
    """Keyset pagination: rows strictly after ``key`` in the order of ``columns`` (written
    out, so that both databases use the index on the first column)."""
    if key is None:
        return true()
    first, second = columns
    return and_(first >= key[0], or_(first > key[0], second > key[1]))


# --- the daily sweep -------------------------------------------------------------------


def sweep_follow_ups(today: date | None = None) -> dict[str, int]:
    """Mark MISSED the follow-ups left due past the grace period, remind the caseworkers of
    those overdue and of those due on the next working day, then e-mail what is pending
    (when SMTP is configured)."""
    today = today or today_local()
    grace = int(current_app.config["FOLLOW_UP_GRACE_DAYS"])
    cutoff = today - timedelta(days=grace)
    missed = mark_missed(cutoff)
    link = case_link("follow_ups")
    overdue = remind(cutoff, today - timedelta(days=1), "follow_up_overdue",
                     FOLLOW_UP_OVERDUE, "fu-overdue", link)  # fmt: skip
    due_soon = remind(today + timedelta(days=1), add_working_days(today, 1), "follow_up_due",
                      FOLLOW_UP_DUE_SOON, "fu-due", link)  # fmt: skip
    emailed = send_pending_emails()
    return {"missed": missed, "overdue_reminders": overdue, "due_reminders": due_soon,
            "emailed": emailed}  # fmt: skip


def mark_missed(cutoff: date) -> int:
    """Follow-ups still due before ``cutoff`` become MISSED, a batch per transaction."""
    table = FollowUp.__table__
    columns = (table.c.due_on, table.c.id)
    marked = 0
    key = None
    while True:
        batch = db.session.execute(
            select(*columns)
            .where(
                table.c.status == FollowUpStatus.DUE,
                table.c.due_on < cutoff,
                _after(columns, key),
            )
            .order_by(*columns)
            .limit(BATCH)
        ).all()
        if not batch:
            return marked
        now = now_utc()
        result = db.session.execute(
            update(table)
            .where(
                id_in(table.c.id, [row.id for row in batch]), table.c.status == FollowUpStatus.DUE
            )
            .values(status=FollowUpStatus.MISSED, closed_at=now, updated_at=now)
        )
        db.session.commit()
        marked += result.rowcount
        key = tuple(batch[-1])


class _Recipients:
    """Who hears about a case: its caseworker, else (none assigned, or inactive) every
    active caseworker of its commune; and the active province officers of a province."""

    def __init__(self) -> None:
        self._communes: dict[int, list[int]] = {}
        self._provinces: dict[int, list[int]] = {}

    def caseworkers(self, caseworker_id: int | None, commune_code: int) -> list[int]:
        if caseworker_id is not None:
            return [caseworker_id]
        if commune_code not in self._communes:
            self._communes[commune_code] = list(
                db.session.scalars(
                    select(User.id)
                    .join(user_communes, user_communes.c.user_id == User.id)
                    .where(
                        user_communes.c.commune_code == commune_code,
                        User.role == Role.CASEWORKER,
                        User.active.is_(True),
                    )
                    .order_by(User.id)
                )
            )
        return self._communes[commune_code]

    def province_officers(self, province_code: int) -> list[int]:
        if province_code not in self._provinces:
            self._provinces[province_code] = list(
                db.session.scalars(
                    select(User.id)
                    .where(
                        User.role == Role.PROVINCE_OFFICER,
                        User.active.is_(True),
                        User.province_code == province_code,
                    )
                    .order_by(User.id)
                )
            )
        return self._provinces[province_code]


def remind(
    first: date,
    last: date,
    kind: str,
    message: str,
    key_prefix: str,
    link: Callable[[int], str],
) -> int:
    """Notify the caseworkers of the follow-ups still due from ``first`` to ``last`` on
    open cases, once per follow-up and person. Returns how many notices were added."""
    if last < first:
        return 0
    caseworker = aliased(User)
    columns = (FollowUp.due_on, FollowUp.id)
    # A follow-up whose caseworker has its notice already is left out by the query itself,
    # so a second run the same day reads keys, not rows to build notices from (the insert
    # would skip them anyway: this is speed, the key stays the guarantee).
    notified = exists().where(
        Notification.dedupe_key
        == literal(f"{key_prefix}:") + cast(FollowUp.id, String) + ":" + cast(caseworker.id, String)
    )
    base = (
        select(
            FollowUp.id,
            FollowUp.due_on,
            FollowUp.case_id,
            Case.commune_code,
            Person.full_name,
            caseworker.id.label("caseworker_id"),
        )
        .join(Case, Case.id == FollowUp.case_id)
        .join(Person, Person.id == Case.person_id)
        .outerjoin(
            caseworker,
            and_(caseworker.id == Case.caseworker_id, caseworker.active.is_(True)),
        )
        .where(
            FollowUp.status == FollowUpStatus.DUE,
            FollowUp.due_on >= first,
            FollowUp.due_on <= last,
            Case.status != CaseStatus.CLOSED,
            or_(caseworker.id.is_(None), ~notified),
        )
        .order_by(*columns)
        .limit(BATCH)
    )
    recipients = _Recipients()
    sent = 0
    key = None
    while True:
        rows = db.session.execute(base.where(_after(columns, key))).all()
        if not rows:
            return sent
        notices = []
        for row in rows:
            params = {"name": row.full_name, "case": row.case_id, "due": format_day(row.due_on)}
            for user_id in recipients.caseworkers(row.caseworker_id, row.commune_code):
                notices.append({
                    "user_id": user_id, "kind": kind, "message": message, "params": params,
                    "link": link(row.case_id), "dedupe_key": f"{key_prefix}:{row.id}:{user_id}",
                })  # fmt: skip
        sent += insert_notifications(notices)
        db.session.commit()
        key = (rows[-1].due_on, rows[-1].id)


# --- the rolling horizon ----------------------------------------------------------------


def extend_follow_up_schedules(today: date | None = None) -> dict[str, int]:
    """Top up the schedule of every open case whose generated follow-ups reach less than
    half the horizon ahead (or that has none): rows up to the full horizon, from the
    rules of its province and classification. Rows are added, never changed."""
    today = today or today_local()
    months = horizon_months()
    until = add_months(today, months)
    threshold = add_months(today, (months + 1) // 2)
    book = RuleBook.load()
    holidays = all_holidays()
    live = and_(
        FollowUp.case_id == Case.id,
        FollowUp.generated.is_(True),
        FollowUp.status != FollowUpStatus.CANCELLED,
    )
    last_due = select(func.max(FollowUp.due_on)).where(live).correlate(Case).scalar_subquery()
    base = (
        select(
            Case.id,
            Case.received_on,
            Release.release_date,
            Case.classification,
            Commune.province_code,
            last_due.label("last_due"),
        )
        .join(Commune, Commune.code == Case.commune_code)
        .outerjoin(Release, Release.id == Case.release_id)
        .where(
            Case.status.in_(SCHEDULED_STATUSES),
            ~exists().where(live, FollowUp.due_on >= threshold),
        )
        .order_by(Case.id)
        .limit(BATCH)
    )
    table = FollowUp.__table__
    cases = added = 0
    after = 0
    while True:
        rows = db.session.execute(base.where(Case.id > after)).all()
        if not rows:
            return {"cases": cases, "follow_ups": added}
        now = now_utc()
        values = []
        for row in rows:
            start = row.received_on or row.release_date
            if start is None:
                continue
            not_before = (
                today if row.last_due is None else max(today, row.last_due + timedelta(days=1))
            )
            rules = book.rules_for(row.province_code, row.classification)
            new = [
                {"case_id": row.id, "due_on": due, "kind": kind,
                 "status": FollowUpStatus.DUE, "generated": True,
                 "created_at": now, "updated_at": now}
                for due, kind in follow_up_dates(rules, start, until, holidays)
                if due >= not_before
            ]  # fmt: skip
            if new:
                cases += 1
                values.extend(new)
        if values:
            db.session.execute(insert(table), values)
            added += len(values)
        db.session.commit()
        after = rows[-1].id


# --- escalation -------------------------------------------------------------------------


def escalate_silent_cases(today: date | None = None) -> int:
    """Tell the province officers of each open case with nothing recorded (no follow-up
    done, no contact) for SILENCE_ESCALATION_DAYS days, counted from the last thing
    recorded, else from the day the schedule started. Once per case and period: again
    after twice the days, three times… and afresh once something new is recorded and
    silence falls again. Returns how many notices were added."""
    today = today or today_local()
    days = int(current_app.config["SILENCE_ESCALATION_DAYS"])
    cutoff = today - timedelta(days=days)
    started = func.coalesce(Case.received_on, Release.release_date)
    done = and_(FollowUp.case_id == Case.id, FollowUp.status == FollowUpStatus.DONE)
    last_done = select(func.max(FollowUp.done_on)).where(done).correlate(Case).scalar_subquery()
    columns = [Case.id, started.label("started"), Person.full_name,
               Commune.name.label("commune"), Commune.province_code,
               last_done.label("last_done")]  # fmt: skip
    silent = [
        Case.status.in_(SCHEDULED_STATUSES),
        started <= cutoff,
        ~exists().where(done, FollowUp.done_on > cutoff),
    ]
    # The contact log (casework.models.contact) counts too, when it is in the schema.
    contacts = db.metadata.tables.get("contacts")
    if contacts is not None:
        columns.append(
            select(func.max(contacts.c.contact_on))
            .where(contacts.c.case_id == Case.id)
            .correlate(Case)
            .scalar_subquery()
            .label("last_contact")
        )
        silent.append(
            ~exists().where(contacts.c.case_id == Case.id, contacts.c.contact_on > cutoff)
        )
    base = (
        select(*columns)
        .join(Person, Person.id == Case.person_id)
        .join(Commune, Commune.code == Case.commune_code)
        .outerjoin(Release, Release.id == Case.release_id)
        .where(*silent)
        .order_by(Case.id)
        .limit(BATCH)
    )
    link = case_link()
    recipients = _Recipients()
    sent = 0
    after = 0
    while True:
        rows = db.session.execute(base.where(Case.id > after)).all()
        if not rows:
            return sent
        notices = []
        for row in rows:
            last_contact = getattr(row, "last_contact", None)
            since = max(d for d in (row.started, row.last_done, last_contact) if d is not None)
            quiet = (today - since).days
            period = quiet // days
            params = {"name": row.full_name, "case": row.id, "commune": row.commune,
                      "days": quiet, "since": format_day(since)}  # fmt: skip
            for user_id in recipients.province_officers(row.province_code):
                notices.append({
                    "user_id": user_id, "kind": "case_silent", "message": CASE_SILENT,
                    "params": params, "link": link(row.id),
                    "dedupe_key": f"case-silent:{row.id}:{since.isoformat()}:{period}:{user_id}",
                })  # fmt: skip
        sent += insert_notifications(notices)
        db.session.commit()
        after = rows[-1].id
