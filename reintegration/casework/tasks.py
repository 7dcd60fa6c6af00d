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

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, case, exists, func, insert, or_, select, true, update
from sqlalchemy.orm import aliased

from reintegration.accounts.models import User
from reintegration.calendar.services import add_working_days
from reintegration.casework.models import Contact, FollowUp, FollowUpKind, FollowUpStatus
from reintegration.casework.services.schedule import (
    SCHEDULED_STATUSES,
    before_expungement,
    holidays_around,
    horizon_months,
)
from reintegration.casework.services.schedule_plan import RuleBook, follow_up_dates
from reintegration.core.clock import add_months, now_utc, today_local
from reintegration.core.database import id_in
from reintegration.core.i18n import N_, format_day
from reintegration.core.links import path_for
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.notifications.models import Notification, Subject
from reintegration.notifications.recipients import Audience
from reintegration.notifications.services import (
    dedupe_key,
    dedupe_key_sql,
    insert_notices,
    send_pending_emails,
)
from reintegration.people.models import Case, CaseStatus, Person, Release

BATCH = 5_000
# Past this many follow-ups marked missed in one run, the rest go in the table's order.
BACKLOG = 50_000

FOLLOW_UP_DUE_SOON = N_("Follow-up of %(name)s (case no. %(case)s) is due on %(due)s.")
FOLLOW_UP_OVERDUE = N_(
    "Follow-up of %(name)s (case no. %(case)s) was due on %(due)s and is not recorded yet."
)
RETENTION_CHECK_DUE = N_(
    "Check that %(name)s (case no. %(case)s) still works at %(job)s: the retention check is "
    "due on %(due)s."
)
EXPUNGEMENT_SOON = N_(
    "The criminal record of %(name)s (case no. %(case)s) is expected to be expunged on "
    "%(day)s: check that the judgment's other decisions are done and no new offence is known."
)
EXPUNGEMENT_DUE = N_(
    "The criminal record of %(name)s (case no. %(case)s) is expected to be expunged since "
    "%(day)s: confirm it on the case file to close the case as “record expunged”."
)
EXPUNGEMENT_COURT = N_(
    "%(name)s (case no. %(case)s) may ask a court to expunge the record from %(day)s (an "
    "offence expunged only by a court): close the case when the court has decided."
)
CASE_SILENT = N_(
    "Nothing has been recorded for %(name)s (case no. %(case)s, %(commune)s) for %(days)s "
    "days, since %(since)s."
)


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
    grace = current_app.config["FOLLOW_UP_GRACE_DAYS"]
    cutoff = today - timedelta(days=grace)
    missed = mark_missed(cutoff)
    overdue = remind(cutoff, today - timedelta(days=1), "follow_up_overdue", FOLLOW_UP_OVERDUE)
    due_soon = remind(
        today + timedelta(days=1), add_working_days(today, 1), "follow_up_due", FOLLOW_UP_DUE_SOON,
        retention=("retention_check_due", RETENTION_CHECK_DUE),
    )  # fmt: skip
    emailed = send_pending_emails()
    return {"missed": missed, "overdue_reminders": overdue, "due_reminders": due_soon,
            "emailed": emailed}  # fmt: skip


def mark_missed(cutoff: date) -> int:
    """Follow-ups still due before ``cutoff`` become MISSED, a batch per transaction.

    An ordinary day's few are found by due day. Past ``BACKLOG`` (the first run after a
    backlog), the rest are marked in the table's order instead: batches taken by due day
    lie all over the table, so each rewrote pages scattered over it, and later batches
    wrote (and logged whole after each checkpoint) the same pages again; at a million
    people, 650,000 follow-ups took half as long in the table's order."""
    table = FollowUp.__table__
    late = (table.c.status == FollowUpStatus.DUE, table.c.due_on < cutoff)
    columns = (table.c.due_on, table.c.id)
    marked = 0
    key = None
    while marked < BACKLOG:
        batch = db.session.execute(
            select(*columns).where(*late, _after(columns, key)).order_by(*columns).limit(BATCH)
        ).all()
        if not batch:
            return marked
        marked += len(_mark(id_in(table.c.id, [row.id for row in batch])))
        key = tuple(batch[-1])
    return marked + _mark_missed_in_order(late)


def _mark_missed_in_order(late: tuple) -> int:
    """``mark_missed`` over a backlog: batches in the order of ids, each one statement."""
    table = FollowUp.__table__
    marked = 0
    after = 0
    while True:
        batch = select(table.c.id).where(*late, table.c.id > after).order_by(table.c.id)
        ids = _mark(table.c.id.in_(batch.limit(BATCH)))
        if not ids:
            return marked
        marked += len(ids)
        after = max(ids)


def _mark(chosen) -> list[int]:
    """The follow-ups ``chosen`` that are still due become MISSED, committed: their ids."""
    table = FollowUp.__table__
    now = now_utc()
    ids = db.session.scalars(
        update(table)
        .where(chosen, table.c.status == FollowUpStatus.DUE)
        .values(status=FollowUpStatus.MISSED, closed_at=now, updated_at=now)
        .returning(table.c.id)
    ).all()
    db.session.commit()
    return list(ids)


def remind(
    first: date,
    last: date,
    kind: str,
    message: str,
    *,
    retention: tuple[str, str] | None = None,
) -> int:
    """Notify the caseworkers of the follow-ups still due from ``first`` to ``last`` on
    open cases, once per follow-up and person (the subject is the case, the step the
    follow-up). A hire's retention check is told in its own kind and words when
    ``retention`` gives them. Returns how many notices were added."""
    if last < first:
        return 0
    kind_of = (
        case((FollowUp.kind == FollowUpKind.RETENTION_CHECK, retention[0]), else_=kind)
        if retention
        else kind
    )
    caseworker = aliased(User)
    columns = (FollowUp.due_on, FollowUp.id)
    # A follow-up whose caseworker has its notice already is left out by the query itself,
    # so a second run the same day reads keys, not rows to build notices from (the insert
    # would skip them anyway: this is speed, the key stays the guarantee).
    notified = exists().where(
        Notification.dedupe_key
        == dedupe_key_sql(kind_of, "Case", FollowUp.case_id, FollowUp.id, caseworker.id)
    )
    base = (
        select(
            FollowUp.id,
            FollowUp.due_on,
            FollowUp.case_id,
            FollowUp.kind,
            FollowUp.note,
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
    audience = Audience()
    sent = 0
    key = None
    while True:
        rows = db.session.execute(base.where(_after(columns, key))).all()
        if not rows:
            return sent
        notices = []
        for row in rows:
            params = {"name": row.full_name, "case": row.case_id, "due": format_day(row.due_on)}
            row_kind, row_message = kind, message
            if retention and row.kind == FollowUpKind.RETENTION_CHECK:
                row_kind, row_message = retention
                params["job"] = row.note or ""
            subject = Subject("Case", row.case_id)
            link = path_for("people.case_file", case_id=row.case_id, tab="follow_ups")
            for user_id in audience.caseworkers(row.caseworker_id, row.commune_code):
                notices.append({
                    "user_id": user_id, "kind": row_kind, "message": row_message,
                    "params": params, "link": link, "subject_type": subject.type,
                    "subject_id": subject.id,
                    "dedupe_key": dedupe_key(row_kind, subject, str(row.id), user_id),
                })  # fmt: skip
        sent += insert_notices(notices)
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
    holidays = holidays_around(today)
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
            Case.expungement_on,
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
                for due, kind in before_expungement(
                    follow_up_dates(rules, start, until, holidays), row.expungement_on
                )
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


# --- expungement ---------------------------------------------------------------------


def remind_expungements(today: date | None = None) -> int:
    """Tell the caseworker of each open case whose record is expected to be expunged:
    ``EXPUNGEMENT_NOTICE_DAYS`` (30) days before the day, and on the day (or the first run
    after it), when the case file offers to close it. Once per day computed and person (a
    recomputed day is told afresh). Returns how many notices were added."""
    today = today or today_local()
    ahead = current_app.config["EXPUNGEMENT_NOTICE_DAYS"]
    caseworker = aliased(User)
    active_caseworker = (
        select(caseworker.id)
        .where(caseworker.id == Case.caseworker_id, caseworker.active.is_(True))
        .scalar_subquery()
    )
    # A court-only record is told once, on the day it may be asked for.
    told_from = case((Case.expungement_by_court, today), else_=today + timedelta(days=ahead))
    stmt = (
        select(Case.id, Case.commune_code, Case.expungement_on, Case.expungement_by_court,
               Person.full_name, active_caseworker.label("caseworker_id"))
        .join(Person, Person.id == Case.person_id)
        .where(Case.status != CaseStatus.CLOSED, Case.expungement_on <= told_from)
        .order_by(Case.id)
        .limit(BATCH)
    )  # fmt: skip
    audience = Audience()
    sent = 0
    after = 0
    while True:
        rows = db.session.execute(stmt.where(Case.id > after)).all()
        if not rows:
            return sent
        notices = []
        for row in rows:
            if row.expungement_by_court:
                kind, message = "expungement_court", EXPUNGEMENT_COURT
            elif row.expungement_on <= today:
                kind, message = "expungement_due", EXPUNGEMENT_DUE
            else:
                kind, message = "expungement_soon", EXPUNGEMENT_SOON
            subject = Subject("Case", row.id)
            params = {"name": row.full_name, "case": row.id, "day": format_day(row.expungement_on)}
            link = path_for("people.case_file", case_id=row.id)
            for user_id in audience.caseworkers(row.caseworker_id, row.commune_code):
                notices.append({
                    "user_id": user_id, "kind": kind, "message": message, "params": params,
                    "link": link, "subject_type": subject.type, "subject_id": subject.id,
                    "dedupe_key": dedupe_key(kind, subject, row.expungement_on.isoformat(),
                                             user_id),
                })  # fmt: skip
        sent += insert_notices(notices)
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
    days = current_app.config["SILENCE_ESCALATION_DAYS"]
    cutoff = today - timedelta(days=days)
    started = func.coalesce(Case.received_on, Release.release_date)
    done = and_(FollowUp.case_id == Case.id, FollowUp.status == FollowUpStatus.DONE)
    last_done = select(func.max(FollowUp.done_on)).where(done).correlate(Case).scalar_subquery()
    last_contact = (
        select(func.max(Contact.contact_on))
        .where(Contact.case_id == Case.id)
        .correlate(Case)
        .scalar_subquery()
    )
    columns = [Case.id, started.label("started"), Person.full_name,
               Commune.name.label("commune"), Commune.province_code,
               last_done.label("last_done"), last_contact.label("last_contact")]  # fmt: skip
    silent = [
        Case.status.in_(SCHEDULED_STATUSES),
        started <= cutoff,
        ~exists().where(done, FollowUp.done_on > cutoff),
        ~exists().where(Contact.case_id == Case.id, Contact.contact_on > cutoff),
    ]
    base = (
        select(*columns)
        .join(Person, Person.id == Case.person_id)
        .join(Commune, Commune.code == Case.commune_code)
        .outerjoin(Release, Release.id == Case.release_id)
        .where(*silent)
        .order_by(Case.id)
        .limit(BATCH)
    )
    audience = Audience()
    sent = 0
    after = 0
    while True:
        rows = db.session.execute(base.where(Case.id > after)).all()
        if not rows:
            return sent
        notices = []
        for row in rows:
            since = max(d for d in (row.started, row.last_done, row.last_contact) if d is not None)
            quiet = (today - since).days
            period = quiet // days
            params = {"name": row.full_name, "case": row.id, "commune": row.commune,
                      "days": quiet, "since": format_day(since)}  # fmt: skip
            subject = Subject("Case", row.id)
            step = f"{since.isoformat()}/{period}"
            link = path_for("people.case_file", case_id=row.id)
            for user_id in audience.province_officers(row.province_code):
                notices.append({
                    "user_id": user_id, "kind": "case_silent", "message": CASE_SILENT,
                    "params": params, "link": link, "subject_type": subject.type,
                    "subject_id": subject.id,
                    "dedupe_key": dedupe_key("case_silent", subject, step, user_id),
                })  # fmt: skip
        sent += insert_notices(notices)
        db.session.commit()
        after = rows[-1].id
