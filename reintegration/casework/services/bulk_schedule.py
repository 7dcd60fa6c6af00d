"""Schedules started in bulk: the follow-ups of many new cases at once (an imported list),
by the same rules and dates as ``schedule.start_schedule``, written with one INSERT … SELECT
per group of cases that share a plan instead of a row at a time."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Insert, insert, literal, select, true, union_all

from reintegration.accounts.models import User
from reintegration.casework.models import FollowUp, FollowUpKind, FollowUpStatus
from reintegration.casework.services.schedule import (
    before_expungement,
    has_schedule,
    holidays_around,
    horizon_months,
    start_of,
)
from reintegration.casework.services.schedule_plan import Rule, RuleBook, follow_up_dates
from reintegration.core import audit
from reintegration.core.clock import add_months, now_utc, today_local
from reintegration.extensions import db
from reintegration.people.models import Case, CaseStatus, Classification

CASES_PER_INSERT = 500


@dataclass(frozen=True)
class NewCase:
    """What ``start_schedules`` needs of a case written in bulk (never loaded as a Case)."""

    id: int
    province_code: int
    classification: Classification | None
    status: CaseStatus
    received_on: date | None
    release_date: date | None
    expungement_on: date | None = None


def start_schedules(
    cases: list[NewCase], *, actor: User | None = None, today: date | None = None
) -> int:
    """``start_schedule`` for many new cases at once (an imported list), with their audit
    events. The rules and holidays are read once; cases that share a plan (the same rules
    and start, as a list received on one day has) get their rows from one INSERT … SELECT
    that crosses them with the plan's dates. The cases must be written and have no
    schedule yet. Returns how many follow-ups were added."""
    today = today or today_local()
    until = add_months(today, horizon_months())
    book = RuleBook.load()
    holidays = holidays_around(today)
    sharing: dict[tuple[tuple[Rule, ...], date, date | None], list[int]] = {}
    for case in cases:
        start = start_of(case.received_on, case.release_date)
        if has_schedule(case) and start is not None:
            rules = book.rules_for(case.province_code, case.classification)
            sharing.setdefault((rules, start, case.expungement_on), []).append(case.id)
    now = now_utc()
    added = 0
    generated: list[tuple[int, dict]] = []
    for (rules, start, expungement_on), case_ids in sharing.items():
        planned = [
            (due, kind)
            for due, kind in before_expungement(
                follow_up_dates(rules, start, until, holidays), expungement_on
            )
            if due >= today
        ]
        if not planned:
            continue
        for first in range(0, len(case_ids), CASES_PER_INSERT):
            part = case_ids[first : first + CASES_PER_INSERT]
            db.session.execute(_insert_planned(part, planned, now))
        added += len(case_ids) * len(planned)
        detail = {
            "start": start.isoformat(),
            "count": len(planned),
            "first": planned[0][0].isoformat(),
            "last": planned[-1][0].isoformat(),
        }
        generated += [(case_id, detail) for case_id in case_ids]
    audit.record_many("follow_ups_generated", generated, user=actor, object_type="Case")
    return added


def _insert_planned(
    case_ids: list[int], planned: list[tuple[date, FollowUpKind]], now: datetime
) -> Insert:
    """Each of ``planned`` (due date, kind) for each of the cases, generated and due."""
    table = FollowUp.__table__
    plan = union_all(
        *(
            select(
                literal(due, table.c.due_on.type).label("due_on"),
                literal(kind, table.c.kind.type).label("kind"),
            )
            for due, kind in planned
        )
    ).subquery("plan")
    cases = Case.__table__
    rows = (
        select(
            cases.c.id,
            plan.c.due_on,
            plan.c.kind,
            literal(FollowUpStatus.DUE, table.c.status.type),
            literal(True),
            literal(now, table.c.created_at.type),
            literal(now, table.c.updated_at.type),
        )
        .select_from(cases.join(plan, true()))
        .where(cases.c.id.in_(case_ids))
    )
    columns = ["case_id", "due_on", "kind", "status", "generated", "created_at", "updated_at"]
    return insert(table).from_select(columns, rows)
