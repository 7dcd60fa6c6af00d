"""The follow-up schedule of a case: generated from the rules (data, see
``casework.models.schedule_rule``), rescheduled when the classification changes, cancelled
when the case closes, completed one by one.

Decisions, in one place:
- **Start.** The schedule counts from the day the person was received at the commune, else
  (a case received without that date) from the release date. A case only notified, not yet
  received, has no schedule: it starts when the person reports (``receive``).
- **Dates.** Each rule's follow-ups fall every ``every`` weeks or months after the start of
  its period (a period's first follow-up is one interval after the period starts; the
  period's last day is included). Months are counted from the schedule's start, so 31
  January gives 28 February, 31 March, 30 April. No follow-up falls on the start day itself:
  that day the person reported in person.
- **Working days.** A follow-up that falls on a Saturday, a Sunday or a public holiday moves
  to the next working day (a caseworker does not visit then). Two that move onto the same
  day become one.
- **Horizon.** Rows are generated from today up to ``FOLLOW_UP_HORIZON_MONTHS`` (12) ahead.
  The daily job ``casework.extend_follow_up_schedules`` tops up any open case whose rows
  reach less than half the horizon ahead, so a case followed for years never runs out and
  the table holds about a year per open case.
- **Reclassification** replaces the open generated follow-ups after today with the new
  classification's (the months still count from the same start); follow-ups done, missed,
  due today or overdue are kept. Rows added by hand (``generated`` false) are never touched.
- **Closing** cancels the follow-ups due on or after the closing day; those due before it
  stay as they are (undone ones become MISSED after the grace period: a fact for reports).
- **Expungement** ends follow-up: no follow-up is generated on or after the day the record
  is expected to be expunged (``Case.expungement_on``, people.services.expungement); when
  that day moves earlier, the generated follow-ups from it on are cancelled.
- **Calendar changes.** A day made a holiday moves the generated follow-ups due on it after
  today to the next working day (``move_off_new_holidays``, run with the other recounts).
- **Rule changes** apply to schedules generated from then on (new cases, the daily top-up,
  reclassifications); rows already generated are kept.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import aliased

from reintegration.accounts.models import User
from reintegration.calendar.services import holiday_days
from reintegration.casework.models import FollowUp, FollowUpKind, FollowUpStatus
from reintegration.casework.services.schedule_plan import (
    Rule,
    RuleBook,
    follow_up_dates,
    next_working_day,
)
from reintegration.core import audit
from reintegration.core.clock import add_months, now_utc, today_local
from reintegration.core.exceptions import DomainError
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.people.models import Case, CaseStatus, Classification

# Statuses in which a case has a running schedule.
SCHEDULED_STATUSES = (CaseStatus.RECEIVED, CaseStatus.ACTIVE)
# Holidays are read this far past the horizon: a follow-up at its end may move past it.
HOLIDAY_MARGIN = timedelta(days=60)
# Cases crossed with their plan in one INSERT … SELECT (an IN list of their ids).


def holidays_around(today: date) -> set[date]:
    """The holidays a schedule generated today can meet: from a year back (a date moved
    off a holiday just before today) to past the horizon."""
    return holiday_days(
        today - timedelta(days=366), add_months(today, horizon_months()) + HOLIDAY_MARGIN
    )


def horizon_months() -> int:
    return int(current_app.config["FOLLOW_UP_HORIZON_MONTHS"])


def schedule_start(case: Case) -> date | None:
    """The day the schedule counts from: received at the commune, else released."""
    release_date = case.release.release_date if case.release is not None else None
    return start_of(case.received_on, release_date)


def start_of(received_on: date | None, release_date: date | None) -> date | None:
    return received_on if received_on is not None else release_date


def has_schedule(case: Case) -> bool:
    return case.status in SCHEDULED_STATUSES


def rules_for_case(case: Case, book: RuleBook | None = None) -> tuple[Rule, ...]:
    book = book or RuleBook.load()
    return book.rules_for(case.commune.province_code, case.classification)


def before_expungement(
    planned: list[tuple[date, FollowUpKind]], expungement_on: date | None
) -> list[tuple[date, FollowUpKind]]:
    """The planned follow-ups that fall before the record is expected to be expunged."""
    if expungement_on is None:
        return planned
    return [(due, kind) for due, kind in planned if due < expungement_on]


def _planned_for(case: Case, start: date, until: date) -> list[tuple[date, FollowUpKind]]:
    holidays = holiday_days(start, until + HOLIDAY_MARGIN)
    planned = follow_up_dates(rules_for_case(case), start, until, holidays)
    return before_expungement(planned, case.expungement_on)


def _last_generated_due(case: Case) -> date | None:
    return db.session.scalar(
        select(func.max(FollowUp.due_on)).where(
            FollowUp.case_id == case.id,
            FollowUp.generated.is_(True),
            FollowUp.status != FollowUpStatus.CANCELLED,
        )
    )


def generate_follow_ups(
    case: Case,
    start: date | None = None,
    *,
    today: date | None = None,
    horizon: int | None = None,
    actor: User | None = None,
) -> list[FollowUp]:
    """Add the case's follow-ups from today (or after the last one it has) up to
    ``horizon`` months (default FOLLOW_UP_HORIZON_MONTHS) ahead. Returns the rows added."""
    start = start or schedule_start(case)
    if start is None:
        return []
    today = today or today_local()
    until = add_months(today, horizon if horizon is not None else horizon_months())
    last = _last_generated_due(case)
    not_before = today if last is None else max(today, last + timedelta(days=1))
    rows = [
        FollowUp(case_id=case.id, due_on=due, kind=kind, generated=True)
        for due, kind in _planned_for(case, start, until)
        if due >= not_before
    ]
    if not rows:
        return []
    db.session.add_all(rows)
    db.session.flush()
    audit.record(
        "follow_ups_generated",
        case,
        user=actor,
        detail={
            "start": start.isoformat(),
            "count": len(rows),
            "first": rows[0].due_on.isoformat(),
            "last": rows[-1].due_on.isoformat(),
        },
    )
    return rows


def start_schedule(case: Case, *, actor: User | None = None) -> list[FollowUp]:
    """Generate the schedule of a case that has just been received (or activated) and has
    none yet; a case that has one keeps it."""
    if not has_schedule(case) or _last_generated_due(case) is not None:
        return []
    return generate_follow_ups(case, actor=actor)


def reschedule(
    case: Case, today: date | None = None, *, actor: User | None = None
) -> tuple[int, int]:
    """After a change of classification: the open generated follow-ups after today are
    replaced by those of the case's rules now. A row on a date and of a kind the new
    schedule also has is kept as it is. Returns (cancelled, added)."""
    if not has_schedule(case):
        return 0, 0
    start = schedule_start(case)
    if start is None:
        return 0, 0
    today = today or today_local()
    open_rows = list(
        db.session.scalars(
            select(FollowUp).where(
                FollowUp.case_id == case.id,
                FollowUp.generated.is_(True),
                FollowUp.status == FollowUpStatus.DUE,
                FollowUp.due_on > today,
            )
        )
    )
    until = max([add_months(today, horizon_months()), *(row.due_on for row in open_rows)])
    wanted = {item for item in _planned_for(case, start, until) if item[0] > today}
    now = now_utc()
    cancelled = 0
    for row in open_rows:
        if (row.due_on, row.kind) in wanted:
            wanted.discard((row.due_on, row.kind))
        else:
            row.status = FollowUpStatus.CANCELLED
            row.closed_at = now
            cancelled += 1
    added = [
        FollowUp(case_id=case.id, due_on=due, kind=kind, generated=True)
        for due, kind in sorted(wanted)
    ]
    db.session.add_all(added)
    db.session.flush()
    if cancelled or added:
        audit.record(
            "follow_ups_rescheduled",
            case,
            user=actor,
            detail={
                "classification": case.classification.value if case.classification else None,
                "cancelled": cancelled,
                "added": len(added),
            },
        )
    return cancelled, len(added)


def move_off_new_holidays(today: date) -> int:
    """After a change of the calendar: the generated follow-ups still due after today on a
    day that is now a holiday move to the next working day, as the rules would place them;
    one that lands on a day the case already has a follow-up due is cancelled (two on one
    day become one). A few statements per holiday, whatever the number of cases. A day
    given back to work keeps what was moved off it: those rows fall on working days.
    Returns how many rows moved or were cancelled."""
    holidays = holiday_days(
        today + timedelta(days=1), add_months(today, horizon_months()) + HOLIDAY_MARGIN
    )
    twin = aliased(FollowUp)
    now, touched = now_utc(), 0
    for day in sorted(holidays):
        target = next_working_day(day, holidays)
        on_day = (
            FollowUp.generated.is_(True),
            FollowUp.status == FollowUpStatus.DUE,
            FollowUp.due_on == day,
        )
        target_taken = (
            select(twin.id)
            .where(
                twin.case_id == FollowUp.case_id,
                twin.due_on == target,
                twin.status == FollowUpStatus.DUE,
            )
            .exists()
        )
        for values, *extra in (
            ({"status": FollowUpStatus.CANCELLED, "closed_at": now}, target_taken),
            ({"due_on": target},),
        ):
            stmt = update(FollowUp).where(*on_day, *extra).values(**values)
            result = db.session.execute(stmt, execution_options={"synchronize_session": "fetch"})
            touched += result.rowcount
    return touched


def add_follow_ups(
    case_id: int, days: Iterable[date], kind: FollowUpKind, *, note: str | None = None
) -> list[FollowUp]:
    """Follow-ups another domain asks for (a hire's retention checks): added by hand
    (``generated`` false), so reclassification and the daily top-up leave them alone.
    Flushed, so the caller can point at them; the caller audits its own step."""
    rows = [
        FollowUp(
            case_id=case_id,
            due_on=day,
            kind=kind,
            status=FollowUpStatus.DUE,
            generated=False,
            note=note,
        )
        for day in days
    ]
    db.session.add_all(rows)
    db.session.flush()
    return rows


def cancel_follow_ups(rows: Iterable[FollowUp]) -> list[FollowUp]:
    """Of ``rows``, those still due are cancelled (done and missed ones are facts and
    stay). Returns the cancelled ones; the caller audits its own step."""
    now = now_utc()
    cancelled = [row for row in rows if row.status == FollowUpStatus.DUE]
    for row in cancelled:
        row.status = FollowUpStatus.CANCELLED
        row.closed_at = now
    db.session.flush()
    return cancelled


def cancel_generated_from(case: Case, on: date, *, actor: User | None = None) -> int:
    """The generated follow-ups still due on or after ``on`` are cancelled (the record is
    expected to be expunged that day); rows added by hand stay. Returns how many."""
    return _cancel_due(case, on, actor, FollowUp.generated.is_(True))


def cancel_open(case: Case, on: date | None = None, *, actor: User | None = None) -> int:
    """The case closes on ``on`` (default its closing day, else today): its follow-ups
    still due on or after that day are cancelled. Returns how many."""
    return _cancel_due(case, on or case.closed_on or today_local(), actor)


def _cancel_due(case: Case, on: date, actor: User | None, *conditions) -> int:
    rows = list(
        db.session.scalars(
            select(FollowUp).where(
                FollowUp.case_id == case.id,
                FollowUp.status == FollowUpStatus.DUE,
                FollowUp.due_on >= on,
                *conditions,
            )
        )
    )
    now = now_utc()
    for row in rows:
        row.status = FollowUpStatus.CANCELLED
        row.closed_at = now
    db.session.flush()
    if rows:
        audit.record(
            "follow_ups_cancelled",
            case,
            user=actor,
            detail={"count": len(rows), "from": on.isoformat()},
        )
    return len(rows)


def complete_follow_up(
    follow_up: FollowUp,
    *,
    done_on: date,
    outcome: str | None,
    contact_id: int | None = None,
    actor: User,
    today: date | None = None,
) -> FollowUp:
    """Record that a follow-up was done, on ``done_on``, with what came of it (or the
    contact that answered it). Only a follow-up still due can be completed: once the
    grace period has passed it is MISSED, and a later visit is a contact of its own."""
    today = today or today_local()
    if follow_up.status != FollowUpStatus.DUE:
        raise DomainError(
            _(
                "This follow-up is %(status)s: only a follow-up that is due can be marked done.",
                status=follow_up.status.label.lower(),
            ),
            code="wrong_state",
        )
    if not follow_up.case.can_edit(actor):
        raise DomainError(_("You cannot record follow-ups of this case."), code="forbidden")
    if done_on is None:
        raise DomainError(_("Give the day it was done."), field="done_on")
    if done_on > today:
        raise DomainError(_("The day it was done cannot be in the future."), field="done_on")
    outcome = nfc(outcome or "") or None
    if outcome is None and contact_id is None:
        raise DomainError(_("Say what came of the follow-up."), field="outcome")
    follow_up.status = FollowUpStatus.DONE
    follow_up.done_on = done_on
    follow_up.done_by_id = actor.id
    follow_up.outcome = outcome
    follow_up.contact_id = contact_id
    follow_up.closed_at = now_utc()
    db.session.flush()
    audit.record(
        "follow_up_done",
        follow_up,
        user=actor,
        detail={
            "case_id": follow_up.case_id,
            "due_on": follow_up.due_on.isoformat(),
            "done_on": done_on.isoformat(),
            "contact_id": contact_id,
        },
    )
    return follow_up


def find_follow_up(case: Case, follow_up_id: int) -> FollowUp | None:
    return db.session.scalar(
        select(FollowUp).where(FollowUp.id == follow_up_id, FollowUp.case_id == case.id)
    )


@dataclass(frozen=True)
class CaseSchedule:
    """What the case file's Follow-ups tab shows."""

    open: list[FollowUp]  # due (overdue first), oldest first
    past: list[FollowUp]  # done, missed, cancelled: newest first
    province_code: int | None  # the rule set followed: None for the national defaults
    classification: Classification | None  # None: the rules for any classification
    today: date


def case_schedule(case: Case, today: date | None = None) -> CaseSchedule:
    rows = list(
        db.session.scalars(
            select(FollowUp)
            .where(FollowUp.case_id == case.id)
            .order_by(FollowUp.due_on, FollowUp.id)
        )
    )
    province, classification = RuleBook.load().set_for(
        case.commune.province_code, case.classification
    )
    return CaseSchedule(
        open=[row for row in rows if row.status == FollowUpStatus.DUE],
        past=[row for row in reversed(rows) if row.status != FollowUpStatus.DUE],
        province_code=province,
        classification=classification,
        today=today or today_local(),
    )
