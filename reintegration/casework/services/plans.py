"""Assessments and the case plan: needs scored at intake and at each review; goals with an
owner and a target date, and the progress noted on each."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import case as sql_case
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from reintegration.accounts.models import Role, User
from reintegration.casework.models import (
    Assessment,
    AssessmentKind,
    Goal,
    GoalProgress,
    GoalStatus,
    NeedScore,
)
from reintegration.casework.models.assessment import SCORES
from reintegration.casework.services.contacts import MAX_TEXT, check_can_write, check_open
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.models import Case, Need

# Assessments -----------------------------------------------------------------------------


def assessments_of(case: Case) -> list[Assessment]:
    """Newest first, with their scores."""
    return list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.case_id == case.id)
            .options(selectinload(Assessment.scores), selectinload(Assessment.assessor))
            .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
        )
    )


def next_assessment_kind(case: Case) -> AssessmentKind:
    """The first assessment of a case is its intake; every later one a review."""
    has_intake = db.session.scalar(
        select(Assessment.id).where(
            Assessment.case_id == case.id, Assessment.kind == AssessmentKind.INTAKE
        )
    )
    return AssessmentKind.REVIEW if has_intake else AssessmentKind.INTAKE


def record_assessment(
    case: Case,
    assessed_on: date,
    scores: dict[Need, int],
    note: str | None,
    actor: User,
    *,
    today: date | None = None,
) -> Assessment:
    """Score every need (0–3) at intake or at a review."""
    today = today or today_local()
    check_can_write(case, actor)
    check_open(case)
    if assessed_on > today:
        raise DomainError(_("An assessment cannot be dated in the future."), field="assessed_on")
    missing = [need for need in Need if scores.get(need) not in SCORES]
    if missing:
        raise DomainError(_("Score every need, from 0 to 3."), field=f"score_{missing[0].value}")
    note = (note or "").strip() or None
    if note and len(note) > MAX_TEXT:
        raise DomainError(_("This text is too long."), field="note")
    assessment = Assessment(
        case_id=case.id,
        kind=next_assessment_kind(case),
        assessed_on=assessed_on,
        note=note,
        assessor_id=actor.id,
        scores=[NeedScore(need=need, score=scores[need]) for need in Need],
    )
    db.session.add(assessment)
    db.session.flush()
    audit.record(
        "assessment_recorded",
        assessment,
        user=actor,
        detail={
            "case_id": case.id,
            "kind": assessment.kind.value,
            "scores": {need.value: scores[need] for need in Need},
        },
    )
    return assessment


# Goals -----------------------------------------------------------------------------------


@dataclass
class GoalData:
    title: str
    target_on: date
    need: Need | None = None
    owner_id: int | None = None
    owner_text: str | None = None


def goals_of(case: Case) -> list[Goal]:
    """Goals in progress first (soonest target first), then the closed ones."""
    return list(
        db.session.scalars(
            select(Goal)
            .where(Goal.case_id == case.id)
            .options(
                selectinload(Goal.owner),
                selectinload(Goal.progress).selectinload(GoalProgress.author),
            )
            .order_by(
                sql_case((Goal.status == GoalStatus.OPEN, 0), else_=1),
                Goal.target_on,
                Goal.id,
            )
        )
    )


def find_goal(case: Case, goal_id: int) -> Goal | None:
    return db.session.scalar(select(Goal).where(Goal.id == goal_id, Goal.case_id == case.id))


def _owner(case: Case, data: GoalData) -> tuple[User | None, str | None]:
    owner_text = (data.owner_text or "").strip() or None
    if data.owner_id is None and owner_text is None:
        raise DomainError(_("Say who carries this goal."), field="owner_text")
    owner = None
    if data.owner_id is not None:
        owner = db.session.get(User, data.owner_id)
        if (
            owner is None
            or owner.role not in (Role.CASEWORKER, Role.PROVINCE_OFFICER)
            or not owner.can_see_commune(case.commune_code)
        ):
            raise DomainError(
                _("Choose a caseworker or officer who covers this commune."), field="owner_id"
            )
    return owner, owner_text if owner is None else None


def _check_goal(case: Case, data: GoalData, today: date, *, target_changed: bool) -> str:
    title = (data.title or "").strip()
    if not title:
        raise DomainError(_("Name the goal."), field="title")
    if len(title) > 200:
        raise DomainError(_("This text is too long."), field="title")
    if target_changed and data.target_on < today:
        raise DomainError(_("The target date cannot be in the past."), field="target_on")
    return title


def add_goal(case: Case, data: GoalData, actor: User, *, today: date | None = None) -> Goal:
    today = today or today_local()
    check_can_write(case, actor)
    check_open(case)
    title = _check_goal(case, data, today, target_changed=True)
    owner, owner_text = _owner(case, data)
    goal = Goal(
        case_id=case.id,
        title=title,
        need=data.need,
        owner=owner,
        owner_text=owner_text,
        target_on=data.target_on,
        created_by_id=actor.id,
    )
    db.session.add(goal)
    db.session.flush()
    audit.record(
        "goal_added",
        goal,
        user=actor,
        detail={"case_id": case.id, "target_on": goal.target_on.isoformat()},
    )
    return goal


def update_goal(goal: Goal, data: GoalData, actor: User, *, today: date | None = None) -> list[str]:
    """Change a goal's title, need, owner or target date. Returns the fields changed."""
    today = today or today_local()
    case = goal.case
    check_can_write(case, actor)
    check_open(case)
    title = _check_goal(case, data, today, target_changed=data.target_on != goal.target_on)
    owner, owner_text = _owner(case, data)
    new = {
        "title": title,
        "need": data.need,
        "owner_id": owner.id if owner else None,
        "owner_text": owner_text,
        "target_on": data.target_on,
    }
    changed = [name for name, value in new.items() if getattr(goal, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(goal, name, new[name])
    goal.owner = owner
    db.session.flush()
    audit.record("goal_updated", goal, user=actor, detail={"case_id": case.id, "fields": changed})
    return changed


def note_progress(
    goal: Goal,
    note: str,
    actor: User,
    *,
    status: GoalStatus | None = None,
    today: date | None = None,
) -> GoalProgress:
    """A progress note on a goal; with ``status``, the goal is achieved, dropped or reopened."""
    today = today or today_local()
    case = goal.case
    check_can_write(case, actor)
    check_open(case)
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Write what progressed."), field="note")
    if len(note) > MAX_TEXT:
        raise DomainError(_("This text is too long."), field="note")
    changed_status = status if status is not None and status != goal.status else None
    if changed_status is not None:
        goal.status = changed_status
        goal.closed_on = None if changed_status == GoalStatus.OPEN else today
    progress = GoalProgress(goal=goal, note=note, status=changed_status, author_id=actor.id)
    db.session.add(progress)
    db.session.flush()
    audit.record(
        "goal_progress",
        goal,
        user=actor,
        detail={
            "case_id": case.id,
            "progress_id": progress.id,
            "status": changed_status.value if changed_status else None,
        },
    )
    return progress
