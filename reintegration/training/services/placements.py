"""The placement workflow, one function per transition:
referred → enrolled → completed (with a certificate) | dropped (with a reason); a referred
placement may also be dropped.

A placement holds a seat from referral until dropped: a referral past the course's seats is
refused. The course row is locked first (SELECT … FOR UPDATE on PostgreSQL; SQLite
serialises writers), so two caseworkers cannot both take the last seat.
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import N_
from reintegration.core.links import path_for
from reintegration.extensions import db
from reintegration.notifications import recipients
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.people.models import Case
from reintegration.training.models import Course, Placement, PlacementStatus
from reintegration.training.services.catalogue import seats_taken

S = PlacementStatus

# action → what the case's caseworker reads when someone else records it.
NOTICES = {
    "refer": N_("%(name)s (case no. %(case)s) was referred to the course “%(course)s” by "
                "%(actor)s."),
    "enroll": N_("%(name)s (case no. %(case)s) enrolled on the course “%(course)s” (recorded "
                 "by %(actor)s)."),
    "complete": N_("%(name)s (case no. %(case)s) completed the course “%(course)s” (recorded "
                   "by %(actor)s)."),
    "drop": N_("%(name)s (case no. %(case)s) left the course “%(course)s” (recorded by "
               "%(actor)s)."),
}  # fmt: skip

# action → (label, statuses it starts from)
ACTIONS: dict[str, tuple] = {
    "enroll": (_l("Record enrolment"), {S.REFERRED}),
    "complete": (_l("Record completion"), {S.ENROLLED}),
    "drop": (_l("Record dropping out"), {S.REFERRED, S.ENROLLED}),
}


def check_state(placement: Placement, action: str) -> None:
    label, allowed = ACTIONS[action]
    if placement.status not in allowed:
        raise DomainError(
            _(
                "“%(action)s” is not possible: the placement is “%(status)s”.",
                action=label,
                status=placement.status.label,
            ),
            code="wrong_state",
        )


def available_actions(placement: Placement, user: User) -> list[str]:
    """The steps ``user`` may take on ``placement`` now."""
    if not placement.case.can_edit(user):
        return []
    return [action for action, (_label, allowed) in ACTIONS.items() if placement.status in allowed]


def action_label(action: str) -> str:
    return str(ACTIONS[action][0])


def _tell_caseworker(placement: Placement, action: str, user: User) -> None:
    """The case's caseworker hears of a change someone else made."""
    case = placement.case
    notify(
        recipients.case_caseworkers(case.caseworker, case.commune_code),
        "placement_changed",
        NOTICES[action],
        subject=Subject.of(placement),
        step=action,
        params={"name": case.person.full_name, "case": case.id,
                "course": placement.course.title, "actor": user.full_name},
        link=path_for("training.placement", placement_id=placement.id),
        actor=user,
    )  # fmt: skip


def check_can_edit(case: Case, user: User) -> None:
    if not case.can_edit(user):
        raise DomainError(_("Your area does not cover this case."), code="forbidden")


def refer(case: Case, course: Course, user: User, *, today: date | None = None) -> Placement:
    """Refer a person to a course: needs an open case and a free seat."""
    today = today or today_local()
    check_can_edit(case, user)
    if not case.is_open:
        raise DomainError(_("The case is closed."), code="wrong_state")
    if course.ends_on < today:
        raise DomainError(_("The course has already ended."), field="course_id")
    # Lock the course, then count: the seat limit holds under concurrent referrals.
    db.session.execute(select(Course.id).where(Course.id == course.id).with_for_update())
    taken = seats_taken(course.id)
    if taken >= course.seats:
        raise DomainError(
            _("The course is full: all %(seats)d seats are taken.", seats=course.seats),
            field="course_id",
            code="full",
        )
    live = db.session.scalar(
        select(Placement.id).where(
            Placement.case_id == case.id,
            Placement.course_id == course.id,
            Placement.status != S.DROPPED,
        )
    )
    if live is not None:
        raise DomainError(_("This person is already placed on this course."), field="course_id")
    placement = Placement(
        case_id=case.id,
        person_id=case.person_id,
        course_id=course.id,
        trade_code=course.trade_code,
        status=S.REFERRED,
        referred_on=today,
        created_by_id=user.id,
    )
    db.session.add(placement)
    db.session.flush()
    audit.record(
        "training_referred",
        placement,
        user=user,
        detail={"case_id": case.id, "course_id": course.id, "seats_taken": taken + 1},
    )
    _tell_caseworker(placement, "refer", user)
    return placement


def _move(placement: Placement, action: str, to: PlacementStatus, user: User, **detail) -> None:
    check_state(placement, action)
    check_can_edit(placement.case, user)
    old = placement.status
    placement.status = to
    db.session.flush()
    audit.record(
        f"training_{action}",
        placement,
        user=user,
        detail={"case_id": placement.case_id, "from": old.value, "to": to.value, **detail},
    )
    _tell_caseworker(placement, action, user)


def enroll(placement: Placement, user: User, *, on: date) -> None:
    if on < placement.referred_on:
        raise DomainError(_("Enrolment cannot come before the referral."), field="on")
    placement.enrolled_on = on
    _move(placement, "enroll", S.ENROLLED, user)


def complete(placement: Placement, user: User, *, on: date, certificate_number: str) -> None:
    certificate_number = (certificate_number or "").strip()
    if not certificate_number:
        raise DomainError(_("Give the certificate number."), field="certificate_number")
    if placement.enrolled_on and on < placement.enrolled_on:
        raise DomainError(_("Completion cannot come before enrolment."), field="on")
    check_state(placement, "complete")
    placement.completed_on = on
    placement.certificate_number = certificate_number
    _move(placement, "complete", S.COMPLETED, user, certificate_number=certificate_number)


def drop(placement: Placement, user: User, *, on: date, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the person left the course."), field="reason")
    check_state(placement, "drop")
    placement.dropped_on = on
    placement.drop_reason = reason
    _move(placement, "drop", S.DROPPED, user)


def placements_of(case: Case) -> list[Placement]:
    """This case's own: another case of the same person may lie outside the user's scope."""
    return list(
        db.session.scalars(
            select(Placement)
            .where(Placement.case_id == case.id)
            .order_by(Placement.referred_on.desc(), Placement.id.desc())
        )
    )
