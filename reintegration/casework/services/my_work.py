""" "My work today": what needs doing in the user's communes, each block a scoped, bounded
query (the first few lines and a total counted up to a cap).

Every block is a query on the facts, not a stored flag: overdue is ``status == DUE and
due_on < today``; a goal is late when open past its target date.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager, joinedload

from reintegration.accounts.models import Role, User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.casework.models import (
    FollowUp,
    FollowUpStatus,
    Goal,
    GoalStatus,
    Transfer,
    TransferStatus,
)
from reintegration.core.clock import today_local
from reintegration.core.database import count_up_to
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.people.models import Case, CaseStatus, Person

LINES = 10
COUNT_CAP = 999
WEEK = timedelta(days=6)  # today and the six days after it


def _in_scope_open_case(user: User):
    return (
        commune_scope_clause(user, Case.commune_code),
        Case.status != CaseStatus.CLOSED,
    )


def _follow_ups(user: User) -> Select:
    return (
        select(FollowUp)
        .join(FollowUp.case)
        .join(Case.person)
        .where(FollowUp.status == FollowUpStatus.DUE, *_in_scope_open_case(user))
    )


def overdue_follow_ups(user: User, today: date) -> Select:
    """Follow-ups still due whose day has passed, oldest first."""
    return _follow_ups(user).where(FollowUp.due_on < today).order_by(FollowUp.due_on, FollowUp.id)


def follow_ups_this_week(user: User, today: date) -> Select:
    """Follow-ups due today and in the six days after."""
    return (
        _follow_ups(user)
        .where(FollowUp.due_on >= today, FollowUp.due_on <= today + WEEK)
        .order_by(FollowUp.due_on, FollowUp.id)
    )


def arrivals(user: User, today: date) -> Select:
    """People notified but not yet received, whose 3-working-day deadline runs (soonest,
    and overdue, first). A province officer sees those due today or already late."""
    stmt = (
        select(Case)
        .join(Case.person)
        .where(
            Case.status == CaseStatus.NOTIFIED,
            Case.arrival_deadline.is_not(None),
            commune_scope_clause(user, Case.commune_code),
        )
        .order_by(Case.arrival_deadline, Person.sort_key, Case.id)
    )
    if user.role == Role.PROVINCE_OFFICER:
        stmt = stmt.where(Case.arrival_deadline <= today)
    return stmt


def late_goals(user: User, today: date) -> Select:
    """Goals in progress past their target date."""
    return (
        select(Goal)
        .join(Goal.case)
        .join(Case.person)
        .where(Goal.status == GoalStatus.OPEN, Goal.target_on < today, *_in_scope_open_case(user))
        .order_by(Goal.target_on, Goal.id)
    )


def incoming_transfers(user: User, today: date) -> Select:
    """Transfers into the user's communes waiting for a decision."""
    return (
        select(Transfer)
        .where(
            Transfer.status == TransferStatus.PENDING,
            commune_scope_clause(user, Transfer.to_commune_code),
        )
        .order_by(Transfer.requested_at, Transfer.id)
    )


def unread_notifications(user: User, today: date) -> Select:
    return (
        select(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


_FOLLOW_UP_LOADS = (
    contains_eager(FollowUp.case).contains_eager(Case.person),
    contains_eager(FollowUp.case).joinedload(Case.commune),
)

# name → (the block's query, how to load what each line shows)
BLOCKS: dict[str, tuple[Callable[[User, date], Select], tuple]] = {
    "overdue": (overdue_follow_ups, _FOLLOW_UP_LOADS),
    "this_week": (follow_ups_this_week, _FOLLOW_UP_LOADS),
    "arrivals": (arrivals, (contains_eager(Case.person), joinedload(Case.commune))),
    "late_goals": (
        late_goals,
        (contains_eager(Goal.case).contains_eager(Case.person), joinedload(Goal.owner)),
    ),
    "transfers": (
        incoming_transfers,
        (
            joinedload(Transfer.case).joinedload(Case.person),
            joinedload(Transfer.from_commune),
            joinedload(Transfer.to_commune),
        ),
    ),
    "notifications": (unread_notifications, ()),
}


@dataclass
class Block:
    name: str
    items: list
    total: int  # counted up to COUNT_CAP + 1

    @property
    def more(self) -> bool:
        return self.total > len(self.items)

    @property
    def total_capped(self) -> bool:
        return self.total > COUNT_CAP


def block_query(name: str, user: User, today: date) -> Select:
    """The block's lines with what they show loaded (the "see all" page pages through it)."""
    query, loads = BLOCKS[name]
    return query(user, today).options(*loads)


def block(name: str, user: User, today: date, lines: int = LINES) -> Block:
    items = list(db.session.scalars(block_query(name, user, today).limit(lines)).unique())
    if len(items) < lines:
        return Block(name, items, len(items))
    stmt = BLOCKS[name][0](user, today)
    ids = stmt.with_only_columns(stmt.column_descriptions[0]["entity"].id)
    return Block(name, items, count_up_to(ids, COUNT_CAP + 1))


def my_work(user: User, today: date | None = None) -> dict[str, Block]:
    """Every block of the start page for ``user``."""
    today = today or today_local()
    return {name: block(name, user, today) for name in BLOCKS}
