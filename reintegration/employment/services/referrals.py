"""The referral workflow, one function per transition:
referred → interviewed → hired | not hired (a referral may also end "not hired" without an
interview); hired → job lost.

A hire (its first day of work) schedules retention checks 1, 3 and 6 calendar months later
as follow-ups in the casework schedule (kind RETENTION_CHECK, ``generated=False`` so the
schedule rules leave them alone), each counted from the first day, not from one another.
Month ends are clamped: a hire on 31/01 is checked on 28/02 (29/02 in a leap year), 30/04
and 31/07; on 30/08 on 30/09, 30/11 and 28/02. A lost job cancels the checks not yet done.
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.casework.models import FollowUp, FollowUpKind
from reintegration.casework.services import schedule
from reintegration.core import audit
from reintegration.core.clock import add_months, today_local
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import N_
from reintegration.core.links import path_for
from reintegration.employment.models import (
    JobLossReason,
    Opening,
    OpeningStatus,
    Referral,
    ReferralStatus,
    RetentionCheck,
)
from reintegration.employment.services.employers import hired_count
from reintegration.employment.services.matching import excluded_by_restrictions
from reintegration.extensions import db
from reintegration.notifications import recipients
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.people.models import Case, Classification

S = ReferralStatus
RETENTION_MONTHS = (1, 3, 6)

# action → what the case's caseworker reads when someone else records it.
NOTICES = {
    "refer": N_("%(name)s (case no. %(case)s) was referred to the job “%(job)s” by %(actor)s."),
    "interview": N_("%(name)s (case no. %(case)s) was interviewed for the job “%(job)s” "
                    "(recorded by %(actor)s)."),
    "hire": N_("%(name)s (case no. %(case)s) was hired for the job “%(job)s” (recorded by "
               "%(actor)s): the retention checks are in the follow-up schedule."),
    "not_hired": N_("%(name)s (case no. %(case)s) was not hired for the job “%(job)s” "
                    "(recorded by %(actor)s)."),
    "job_lost": N_("%(name)s (case no. %(case)s) lost the job “%(job)s” (recorded by "
                   "%(actor)s)."),
}  # fmt: skip

ACTIONS: dict[str, tuple] = {
    "interview": (_l("Record the interview"), {S.REFERRED}),
    "hire": (_l("Record the hire"), {S.REFERRED, S.INTERVIEWED}),
    "not_hired": (_l("Record not hired"), {S.REFERRED, S.INTERVIEWED}),
    "job_lost": (_l("Record a lost job"), {S.HIRED}),
}


def available_actions(referral: Referral, user: User) -> list[str]:
    """The steps ``user`` may take on ``referral`` now (the page's forms, the API's list)."""
    if not referral.case.can_edit(user):
        return []
    return [action for action, (_label, allowed) in ACTIONS.items() if referral.status in allowed]


def check_state(referral: Referral, action: str) -> None:
    label, allowed = ACTIONS[action]
    if referral.status not in allowed:
        raise DomainError(
            _(
                "“%(action)s” is not possible: the referral is “%(status)s”.",
                action=label,
                status=referral.status.label,
            ),
            code="wrong_state",
        )


def _tell_caseworker(referral: Referral, action: str, user: User) -> None:
    """The case's caseworker hears of a change someone else made."""
    case = referral.case
    notify(
        recipients.case_caseworkers(case.caseworker, case.commune_code),
        "referral_changed",
        NOTICES[action],
        subject=Subject.of(referral),
        step=action,
        params={"name": case.person.full_name, "case": case.id,
                "job": f"{referral.opening.title} — {referral.opening.employer.name}",
                "actor": user.full_name},
        link=path_for("employment.referral", referral_id=referral.id),
        actor=user,
    )  # fmt: skip


def _check_case(case: Case, user: User) -> None:
    if not case.can_edit(user):
        raise DomainError(_("Your area does not cover this case."), code="forbidden")


def refer(
    case: Case,
    opening: Opening,
    user: User,
    *,
    today: date | None = None,
    score: int | None = None,
) -> Referral:
    today = today or today_local()
    _check_case(case, user)
    if not case.is_open or case.classification == Classification.D:
        raise DomainError(_("This case cannot be referred to a job now."), code="wrong_state")
    if opening.status != OpeningStatus.OPEN or (opening.closes_on and opening.closes_on < today):
        raise DomainError(_("The opening is closed."), code="wrong_state")
    # The hard restrictions: checked here as in matching; the message names no offence.
    if excluded_by_restrictions(case.person_id, opening):
        raise DomainError(
            _("This person cannot be referred: the opening's restrictions exclude them."),
            code="restricted",
        )
    live = db.session.scalar(
        select(Referral.id).where(
            Referral.case_id == case.id,
            Referral.opening_id == opening.id,
            Referral.status.in_((S.REFERRED, S.INTERVIEWED, S.HIRED)),
        )
    )
    if live is not None:
        raise DomainError(_("This person is already referred to this opening."))
    referral = Referral(
        opening_id=opening.id,
        case_id=case.id,
        person_id=case.person_id,
        status=S.REFERRED,
        referred_on=today,
        score=score,
        created_by_id=user.id,
    )
    db.session.add(referral)
    db.session.flush()
    audit.record(
        "job_referred",
        referral,
        user=user,
        detail={"case_id": case.id, "opening_id": opening.id, "score": score},
    )
    _tell_caseworker(referral, "refer", user)
    return referral


def _move(referral: Referral, action: str, to: ReferralStatus, user: User, **detail) -> None:
    check_state(referral, action)
    _check_case(referral.case, user)
    old = referral.status
    referral.status = to
    db.session.flush()
    audit.record(
        f"job_{action}",
        referral,
        user=user,
        detail={"case_id": referral.case_id, "from": old.value, "to": to.value, **detail},
    )
    _tell_caseworker(referral, action, user)


def record_interview(referral: Referral, user: User, *, on: date) -> None:
    check_state(referral, "interview")
    if on < referral.referred_on:
        raise DomainError(_("The interview cannot come before the referral."), field="on")
    referral.interviewed_on = on
    _move(referral, "interview", S.INTERVIEWED, user)


def record_not_hired(referral: Referral, user: User, *, on: date, reason: str) -> None:
    check_state(referral, "not_hired")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the person was not hired."), field="reason")
    referral.not_hired_on = on
    referral.not_hired_reason = reason
    _move(referral, "not_hired", S.NOT_HIRED, user)


def record_hire(referral: Referral, user: User, *, start_on: date) -> list[FollowUp]:
    """Hired from ``start_on``: schedules the retention checks and returns them."""
    check_state(referral, "hire")
    if start_on < referral.referred_on:
        raise DomainError(_("Work cannot start before the referral."), field="on")
    opening = referral.opening
    db.session.execute(select(Opening.id).where(Opening.id == opening.id).with_for_update())
    if hired_count(opening.id) >= opening.seats:
        raise DomainError(
            _("All %(seats)d places of this opening are filled.", seats=opening.seats),
            code="full",
        )
    referral.hired_on = start_on
    _move(referral, "hire", S.HIRED, user, start_on=start_on.isoformat())
    follow_ups = schedule.add_follow_ups(
        referral.case_id,
        [add_months(start_on, months) for months in RETENTION_MONTHS],
        FollowUpKind.RETENTION_CHECK,
        note=f"{opening.title} — {opening.employer.name}"[:300],
    )
    db.session.add_all(
        RetentionCheck(referral_id=referral.id, follow_up_id=follow_up.id, months=months)
        for follow_up, months in zip(follow_ups, RETENTION_MONTHS, strict=True)
    )
    db.session.flush()
    audit.record(
        "retention_checks_scheduled",
        referral,
        user=user,
        detail={"case_id": referral.case_id, "due": [f.due_on.isoformat() for f in follow_ups]},
    )
    return follow_ups


def record_job_lost(
    referral: Referral,
    user: User,
    *,
    on: date,
    reason: JobLossReason,
    note: str | None = None,
) -> list[FollowUp]:
    """The job ended: cancels the retention checks still due; returns the cancelled ones."""
    check_state(referral, "job_lost")
    if referral.hired_on and on < referral.hired_on:
        raise DomainError(_("The job cannot end before it started."), field="on")
    referral.ended_on = on
    referral.end_reason = reason
    referral.end_note = (note or "").strip()[:300] or None
    _move(referral, "job_lost", S.JOB_LOST, user, reason=reason.value)
    cancelled = schedule.cancel_follow_ups(check.follow_up for check in referral.retention_checks)
    if cancelled:
        audit.record(
            "retention_checks_cancelled",
            referral,
            user=user,
            detail={"case_id": referral.case_id, "follow_up_ids": [f.id for f in cancelled]},
        )
    return cancelled


def referrals_of(case: Case) -> list[Referral]:
    """This case's own: another case of the same person may lie outside the user's scope."""
    return list(
        db.session.scalars(
            select(Referral)
            .where(Referral.case_id == case.id)
            .order_by(Referral.referred_on.desc(), Referral.id.desc())
        )
    )


def referrals_to(opening: Opening, user: User) -> list[Referral]:
    """The referrals to ``opening`` of the people in ``user``'s scope."""
    from reintegration.accounts.scope import commune_scope_clause

    return list(
        db.session.scalars(
            select(Referral)
            .join(Case, Case.id == Referral.case_id)
            .where(Referral.opening_id == opening.id, commune_scope_clause(user, Case.commune_code))
            # People under 18 on release first (Decree 49/2020 Art. 11).
            .order_by(Case.minor_on_release.desc(), Referral.referred_on.desc(), Referral.id.desc())
        )
    )
