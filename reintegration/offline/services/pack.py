"""What a phone keeps for the next days' visits, and the versions a sync compares with.

For each case with a follow-up due in the next ``WINDOW_DAYS`` days (or overdue): only
what a visit needs. The name, the address, the phone number, the relative to contact, the
follow-ups due, a summary of the last three contacts and the plan's open goals. Never the
release or the offence, never a case of another commune (scope in the query), never a case
assigned to another caseworker.
"""

import hashlib
import json
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased, contains_eager, selectinload

from reintegration.accounts.models import Role, User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.casework.models import Contact, FollowUp, FollowUpStatus, Goal, GoalStatus
from reintegration.core import audit
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import now_utc, today_local
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.models import Case, CaseStatus, Person

# Today and the six days after: the visits of the coming week.
WINDOW_DAYS = 7
LAST_CONTACTS = 3
SUMMARY_LENGTH = 300
# A phone's copy is erased when it has not synced for this long (the page counts it).
KEPT_DAYS = 7
PREPARED = "offline_visits_prepared"


def assigned_clause(user: User):
    """The case is this caseworker's, or no one's yet (then the commune's caseworkers
    share it); a case assigned to a colleague is not."""
    return or_(Case.caseworker_id == user.id, Case.caseworker_id.is_(None))


def can_keep_offline(case: Case, user: User) -> bool:
    """The same question as ``visits_query``, for one case (a sync asks it again)."""
    return (
        user.role == Role.CASEWORKER
        and case.can_edit(user)
        and case.caseworker_id in (None, user.id)
    )


def visits_query(user: User, today: date) -> Select:
    """The open cases of the user's communes assigned to them (or to no one) with a
    follow-up due by the window's end, in given-name order."""
    due = select(FollowUp.case_id).where(*_due_clause(today)).scalar_subquery()
    return (
        select(Case)
        .join(Case.person)
        .where(
            commune_scope_clause(user, Case.commune_code),
            Case.status != CaseStatus.CLOSED,
            assigned_clause(user),
            Case.id.in_(due),
        )
        .options(contains_eager(Case.person), selectinload(Case.commune))
        .order_by(Person.sort_key, Case.id)
    )


def goals_stamp(goals: list[Goal]) -> str:
    """A fingerprint of the open goals as a phone shows them: an edit, a new goal, one
    achieved or dropped changes it."""
    rows = sorted(
        (g.id, g.title, g.target_on.isoformat(), g.owner_id, g.owner_text or "") for g in goals
    )
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]


def open_goals(case: Case) -> list[Goal]:
    return list(
        db.session.scalars(
            select(Goal)
            .where(Goal.case_id == case.id, Goal.status == GoalStatus.OPEN)
            .options(selectinload(Goal.owner))
            .order_by(Goal.target_on, Goal.id)
        )
    )


def stamp(case: Case, goals: list[Goal] | None = None) -> dict[str, Any]:
    """The versions an entry is based on, compared at sync."""
    goals = open_goals(case) if goals is None else goals
    return {"case": case.version, "goals": goals_stamp(goals), "commune": case.commune_code}


def _summary(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def address_of(person: Person) -> str:
    return person.current_address or person.residence_address or ""


def goal_view(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.id,
        "title": goal.title,
        "target_on": goal.target_on.isoformat(),
        "owner": goal.owner_label,
    }


def contact_view(contact: Contact) -> dict[str, Any]:
    return {
        "contact_on": contact.contact_on.isoformat(),
        "kind": contact.kind.label,
        "summary": _summary(contact.what_happened),
    }


def _due_clause(today: date):
    return (
        FollowUp.status == FollowUpStatus.DUE,
        FollowUp.due_on < today + timedelta(days=WINDOW_DAYS),
    )


def _by_case(rows) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row.case_id].append(row)
    return grouped


def _loaded(case_ids: Select, today: date) -> tuple[dict, dict, dict]:
    """The follow-ups due, the last contacts and the open goals of every case of the pack,
    in three queries whatever the number of cases."""
    follow_ups = db.session.scalars(
        select(FollowUp)
        .where(FollowUp.case_id.in_(case_ids), *_due_clause(today))
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    ranked = (
        select(
            Contact,
            func.row_number()
            .over(
                partition_by=Contact.case_id,
                order_by=(Contact.contact_on.desc(), Contact.id.desc()),
            )
            .label("rank"),
        )
        .where(Contact.case_id.in_(case_ids))
        .subquery()
    )
    latest = aliased(Contact, ranked)
    contacts = db.session.scalars(
        select(latest)
        .where(ranked.c.rank <= LAST_CONTACTS)
        .order_by(ranked.c.contact_on.desc(), ranked.c.id.desc())
    )
    goals = db.session.scalars(
        select(Goal)
        .where(Goal.case_id.in_(case_ids), Goal.status == GoalStatus.OPEN)
        .options(selectinload(Goal.owner))
        .order_by(Goal.target_on, Goal.id)
    )
    return _by_case(follow_ups), _by_case(contacts), _by_case(goals)


def case_view(
    case: Case, today: date, follow_ups: list[FollowUp], contacts: list[Contact], goals: list[Goal]
) -> dict[str, Any]:
    """One case as the phone keeps it (the only fields a visit needs)."""
    person = case.person
    return {
        "case_id": case.id,
        "based_on": stamp(case, goals),
        "name": person.full_name,
        "address": address_of(person),
        "commune": case.commune.name,
        "phone": person.phone or "",
        "relative": person.family_contact or "",
        "follow_ups": [
            {
                "id": f.id,
                "due_on": f.due_on.isoformat(),
                "kind": f.kind.label,
                "overdue": f.is_overdue(today),
            }
            for f in follow_ups
        ],
        "contacts": [contact_view(c) for c in contacts],
        "goals": [goal_view(g) for g in goals],
    }


def kept_recently(user: User, case_id: int, now: datetime | None = None) -> bool:
    """Whether ``case_id`` was in one of the packs ``user`` prepared in the last
    ``KEPT_DAYS`` days (and a day of margin): only such a case can have entries on the
    phone. Read from the audit log, which lists each pack's cases."""
    since = (now or now_utc()) - timedelta(days=KEPT_DAYS + 1)
    packs = db.session.scalars(
        select(AuditEvent.detail).where(
            AuditEvent.action == PREPARED,
            AuditEvent.user_id == user.id,
            AuditEvent.occurred_at >= since,
        )
    )
    return any(case_id in (detail or {}).get("case_ids", []) for detail in packs)


def prepare(user: User, today: date | None = None) -> dict[str, Any]:
    """The pack of the next days' visits for ``user``'s phone; audited with its cases."""
    if user.role != Role.CASEWORKER:
        raise DomainError(_("Only caseworkers keep visits on a phone."), code="forbidden")
    today = today or today_local()
    query = visits_query(user, today)
    cases = list(db.session.scalars(query))
    follow_ups, contacts, goals = _loaded(query.with_only_columns(Case.id).order_by(None), today)
    views = [
        case_view(case, today, follow_ups[case.id], contacts[case.id], goals[case.id])
        for case in cases
    ]
    until = today + timedelta(days=WINDOW_DAYS - 1)
    audit.record(
        "offline_visits_prepared",  # PREPARED, written out for the audit log's word check
        user,
        user=user,
        detail={"case_ids": [case.id for case in cases], "until": until.isoformat()},
    )
    return {
        "user_id": user.id,
        "prepared_on": today,
        "until": until,
        "kept_days": KEPT_DAYS,
        "cases": views,
    }
