"""The review workflow, one function per transition, on the application's route.

A person's (through a savings-and-loan group): draft → submitted → under review → returned
(→ submitted again) | rejected | endorsed → certified by the commune → sent to the bank →
approved | declined → disbursed → repaying → repaid.

A business's (directly with the bank, Decision 22/2023): draft → certified by the commune
(its plan, Form 02) → sent to the bank → approved | declined → disbursed → repaying →
repaid. No group and no organisation review.

The bank decides within the working days of the rules from the day it got the file; that
deadline is kept on the application (``bank_due_on``) and reminded by the scheduler.

Each function checks the current status (a transition from the wrong one is refused with
a message that says what is possible), checks who acts, records the transition (who, when,
comment) and an audit event, tells whoever acts next (``notices.tell_next``), and flushes;
the view commits.
"""

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.calendar.services import add_working_days
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_day, format_money, format_number
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanStatus, LoanTransition
from reintegration.loans.services.eligibility import (
    CheckStatus,
    ceiling_for,
    check_eligibility,
    term_limit,
)
from reintegration.loans.services.notices import tell_next
from reintegration.loans.services.rules import rules_for
from reintegration.loans.services.schedule import build_schedule

GROUP, DIRECT = "group", "direct"  # the routes: see the module's note


def both(*statuses: LoanStatus) -> dict[str, set[LoanStatus]]:
    return {GROUP: set(statuses), DIRECT: set(statuses)}


# action → (label, the statuses it starts from on each route, who acts: "preparer" or
# "reviewer"). A route without the action does not have that step.
ACTIONS: dict[str, tuple] = {
    "submit": (_l("Submit to the organisation"), {GROUP: {LoanStatus.DRAFT}}, "preparer"),
    "resubmit": (_l("Submit again"), {GROUP: {LoanStatus.RETURNED}}, "preparer"),
    "take": (_l("Take under review"), {GROUP: {LoanStatus.SUBMITTED}}, "reviewer"),
    "return": (_l("Return for changes"), {GROUP: {LoanStatus.UNDER_REVIEW}}, "reviewer"),
    "reject": (_l("Reject"), {GROUP: {LoanStatus.UNDER_REVIEW}}, "reviewer"),
    "endorse": (_l("Endorse"), {GROUP: {LoanStatus.UNDER_REVIEW}}, "reviewer"),
    "certify": (
        _l("Record the commune's certification"),
        {GROUP: {LoanStatus.ENDORSED}, DIRECT: {LoanStatus.DRAFT}},
        "preparer",
    ),
    "send": (_l("Record sending to the bank"), both(LoanStatus.CERTIFIED), "preparer"),
    "approve": (_l("Record the bank's approval"), both(LoanStatus.SENT_TO_BANK), "preparer"),
    "decline": (_l("Record the bank's refusal"), both(LoanStatus.SENT_TO_BANK), "preparer"),
    "disburse": (_l("Record the disbursement"), both(LoanStatus.APPROVED), "preparer"),
    "start_repayment": (_l("Start repayment"), both(LoanStatus.DISBURSED), "preparer"),
    "repaid": (_l("Mark repaid"), both(LoanStatus.REPAYING), "preparer"),
}
# Actions a person chooses on the application page (the last two follow from payments).
PAGE_ACTIONS = tuple(a for a in ACTIONS if a not in ("start_repayment", "repaid"))


def action_label(action: str) -> str:
    return str(ACTIONS[action][0])


def route_of(application: LoanApplication) -> str:
    return GROUP if application.through_organisation else DIRECT


def allowed_from(application: LoanApplication, action: str) -> set[LoanStatus]:
    """The statuses ``action`` starts from on the application's route."""
    return ACTIONS[action][1].get(route_of(application), set())


def check_state(application: LoanApplication, action: str) -> None:
    label = ACTIONS[action][0]
    allowed = allowed_from(application, action)
    if application.status in allowed:
        return
    if not allowed:
        raise DomainError(
            _(
                "“%(action)s” is not a step of this application: a business borrows from the "
                "bank directly, with no savings-and-loan group and no mass organisation.",
                action=label,
            ),
            code="wrong_state",
        )
    raise DomainError(
        _(
            "“%(action)s” is not possible: the application is “%(status)s”, and this step "
            "needs it to be “%(allowed)s”.",
            action=label,
            status=application.status.label,
            allowed=", ".join(sorted(status.label for status in allowed)),
        ),
        code="wrong_state",
    )


def check_actor(application: LoanApplication, action: str, actor: User) -> None:
    who = ACTIONS[action][2]
    allowed = application.can_review(actor) if who == "reviewer" else application.can_prepare(actor)
    if not allowed:
        raise DomainError(
            _("Your role or area does not allow this step on this application."),
            code="forbidden",
        )


def available_actions(application: LoanApplication, user: User) -> list[str]:
    """The steps ``user`` may take now (the page shows a form for each)."""
    return [
        action
        for action in PAGE_ACTIONS
        if application.status in allowed_from(application, action)
        and (
            application.can_review(user)
            if ACTIONS[action][2] == "reviewer"
            else application.can_prepare(user)
        )
    ]


def _move(
    application: LoanApplication,
    action: str,
    to: LoanStatus,
    actor: User,
    *,
    comment: str | None = None,
    detail: dict | None = None,
) -> LoanTransition:
    transition = LoanTransition(
        application_id=application.id,
        action=action,
        from_status=application.status,
        to_status=to,
        actor_id=actor.id,
        comment=comment,
    )
    db.session.add(transition)
    application.status = to
    db.session.flush()
    audit.record(
        f"loan_{action}",
        application,
        user=actor,
        detail={"from": transition.from_status.value, "to": to.value, **(detail or {})},
    )
    tell_next(application, transition, actor)
    return transition


def _start(application: LoanApplication, action: str, actor: User) -> None:
    check_state(application, action)
    check_actor(application, action, actor)


def _text(value: str | None, message: str, field: str) -> str:
    value = nfc(value or "")
    if not value:
        raise DomainError(message, field=field)
    return value


def _not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise DomainError(
            _("%(day)s is in the future.", day=format_day(day)), field=field, code="future"
        )


def _not_before(day: date, earlier: date | None, field: str) -> None:
    if earlier is not None and day < earlier:
        raise DomainError(
            _("The date cannot be before %(day)s.", day=format_day(earlier)), field=field
        )


def _open_review(application: LoanApplication, day: date) -> None:
    """The organisation's deadline, in working days from ``day``."""
    rules = rules_for(application, day)
    application.review_opened_on = day
    application.review_due_on = add_working_days(day, rules.review_working_days)


def _refuse_if_not_eligible(application: LoanApplication, today: date) -> dict:
    eligibility = check_eligibility(application, today)
    if eligibility.overall == CheckStatus.NOT_MET:
        failed = [c.title for c in eligibility.checks if c.status == CheckStatus.NOT_MET]
        raise DomainError(
            _("Not eligible: %(rules)s. Correct the application first.", rules="; ".join(failed)),
            code="not_eligible",
        )
    return eligibility.summary()


def submit(
    application: LoanApplication, actor: User, *, today: date | None = None
) -> LoanTransition:
    """To the organisation. The submission day fixes the rules that judge the application;
    an application failing a rule is refused."""
    _start(application, "submit", actor)
    today = today or today_local()
    application.rules_date = today
    try:
        summary = _refuse_if_not_eligible(application, today)
    except DomainError:
        application.rules_date = None
        raise
    application.submitted_on = today
    _open_review(application, today)
    return _move(
        application, "submit", LoanStatus.SUBMITTED, actor, detail={"eligibility": summary}
    )


def resubmit(
    application: LoanApplication, actor: User, *, today: date | None = None
) -> LoanTransition:
    """After changes: back to the organisation with a new review deadline. The rules stay
    those of the first submission."""
    _start(application, "resubmit", actor)
    today = today or today_local()
    summary = _refuse_if_not_eligible(application, today)
    _open_review(application, today)
    return _move(
        application, "resubmit", LoanStatus.SUBMITTED, actor, detail={"eligibility": summary}
    )


def take_under_review(application: LoanApplication, reviewer: User) -> LoanTransition:
    _start(application, "take", reviewer)
    application.reviewer_id = reviewer.id
    return _move(application, "take", LoanStatus.UNDER_REVIEW, reviewer)


def return_for_changes(
    application: LoanApplication, reviewer: User, comments: str
) -> LoanTransition:
    _start(application, "return", reviewer)
    comments = _text(comments, _("Write what the caseworker must change."), "comment")
    application.review_due_on = None
    return _move(application, "return", LoanStatus.RETURNED, reviewer, comment=comments)


def reject(application: LoanApplication, reviewer: User, reason: str) -> LoanTransition:
    _start(application, "reject", reviewer)
    reason = _text(reason, _("Give the reason for the rejection."), "comment")
    application.review_due_on = None
    return _move(application, "reject", LoanStatus.REJECTED, reviewer, comment=reason)


def endorse(
    application: LoanApplication,
    reviewer: User,
    comment: str | None = None,
    *,
    today: date | None = None,
) -> LoanTransition:
    """The organisation agrees. Refused while a rule is not met (return or reject it)."""
    _start(application, "endorse", reviewer)
    summary = _refuse_if_not_eligible(application, today or today_local())
    application.review_due_on = None
    return _move(
        application,
        "endorse",
        LoanStatus.ENDORSED,
        reviewer,
        comment=nfc(comment) if comment else None,
        detail={"eligibility": summary},
    )


def certify(
    application: LoanApplication,
    actor: User,
    certified_on: date,
    reference: str | None = None,
    *,
    today: date | None = None,
) -> LoanTransition:
    """The commune People's Committee certified the application: a person's on its list
    (Form 01), after the organisation endorsed it; a business's plan (Form 02), straight
    from the draft. For a business this is the submission: the day fixes the rules that
    judge it, and a business failing a rule is refused."""
    _start(application, "certify", actor)
    _not_future(certified_on, today or today_local(), "on")
    _not_before(certified_on, application.submitted_on, "on")
    detail = {"on": certified_on.isoformat()}
    if application.status == LoanStatus.DRAFT:
        application.rules_date = certified_on
        try:
            detail["eligibility"] = _refuse_if_not_eligible(application, certified_on)
        except DomainError:
            application.rules_date = None
            raise
        application.submitted_on = certified_on
    application.certified_on = certified_on
    application.certification_reference = nfc(reference) if reference else None
    return _move(
        application,
        "certify",
        LoanStatus.CERTIFIED,
        actor,
        comment=application.certification_reference,
        detail=detail,
    )


def send_to_bank(
    application: LoanApplication, actor: User, sent_on: date, *, today: date | None = None
) -> LoanTransition:
    """The certified file went to the bank: its decision is due within the working days of
    the rules (the day it was sent counted as the day the bank got it)."""
    _start(application, "send", actor)
    _not_future(sent_on, today or today_local(), "on")
    _not_before(sent_on, application.certified_on, "on")
    application.sent_to_bank_on = sent_on
    application.bank_due_on = add_working_days(
        sent_on, rules_for(application, sent_on).bank_decision_working_days
    )
    return _move(
        application,
        "send",
        LoanStatus.SENT_TO_BANK,
        actor,
        detail={"on": sent_on.isoformat(), "due": application.bank_due_on.isoformat()},
    )


def recount_review_deadlines(today: date) -> int:
    """After a change of the calendar: the organisation's deadline of each file under review,
    not yet past, is counted again from the day its review opened. Returns how many moved."""
    return _recount(today, "review_opened_on", "review_due_on", "review_working_days")


def recount_bank_deadlines(today: date) -> int:
    """After a change of the calendar: the bank's deadline of each file waiting for it, not
    yet past, is counted again from the day it was sent. Returns how many moved."""
    return _recount(
        today,
        "sent_to_bank_on",
        "bank_due_on",
        "bank_decision_working_days",
        LoanApplication.status == LoanStatus.SENT_TO_BANK,
    )


def _recount(today: date, start: str, due: str, working_days: str, *still_waiting) -> int:
    """Count ``due`` again from ``start`` by the rules' ``working_days`` where it is not past
    (a deadline already past is a fact kept)."""
    stmt = select(LoanApplication).where(
        getattr(LoanApplication, due) >= today,
        getattr(LoanApplication, start).is_not(None),
        *still_waiting,
    )
    moved = 0
    for application in db.session.scalars(stmt):
        started = getattr(application, start)
        counted = add_working_days(started, getattr(rules_for(application, started), working_days))
        if counted != getattr(application, due):
            setattr(application, due, counted)
            moved += 1
    db.session.flush()
    return moved


def default_rate(application: LoanApplication, today: date | None = None) -> Decimal:
    """The yearly rate of the rules that judge the application (the bank's poor-household
    rate of that day): what the approval form offers."""
    return rules_for(application, today).interest_rate


def record_approval(
    application: LoanApplication,
    actor: User,
    *,
    amount: int,
    term_months: int,
    decided_on: date,
    annual_rate: Decimal | None = None,
    rate_reason: str | None = None,
    reference: str | None = None,
    today: date | None = None,
) -> LoanTransition:
    """The bank's decision as it wrote it: the amount, term and rate the schedule uses.

    The rate defaults to the rules' rate; another rate needs the reason the bank gave
    (kept on the application, shown on its page and in the audit log)."""
    _start(application, "approve", actor)
    _not_future(decided_on, today or today_local(), "on")
    _not_before(decided_on, application.sent_to_bank_on, "on")
    rules = rules_for(application)
    ceiling, _basis = ceiling_for(application, rules)
    if amount <= 0:
        raise DomainError(_("The amount must be greater than zero."), field="amount")
    if ceiling is not None and amount > ceiling:
        raise DomainError(
            _("The ceiling for this application is %(ceiling)s.", ceiling=format_money(ceiling)),
            field="amount",
        )
    limit, basis = term_limit(application, rules)
    if limit is None or not 0 < term_months <= limit:
        raise DomainError(
            _(
                "The term must be 1 to %(months)s months (%(basis)s).",
                months=limit or 0,
                basis=basis,
            ),
            field="term_months",
        )
    rules_rate = rules.interest_rate
    annual_rate = rules_rate if annual_rate is None else annual_rate
    if not Decimal(0) < annual_rate < Decimal(100):
        raise DomainError(_("Give the yearly rate as a percentage, e.g. 6,6."), field="rate")
    rate_reason = nfc(rate_reason) if rate_reason else None
    if annual_rate != rules_rate and not rate_reason:
        raise DomainError(
            _(
                "The rate of the rules is %(rate)s%% a year: give the reason for another rate.",
                rate=format_number(rules_rate),
            ),
            field="rate_reason",
        )
    application.bank_decided_on = decided_on
    application.bank_reference = nfc(reference) if reference else None
    application.approved_amount = amount
    application.approved_term_months = term_months
    application.approved_annual_rate = annual_rate
    application.rate_reason = rate_reason if annual_rate != rules_rate else None
    return _move(
        application,
        "approve",
        LoanStatus.APPROVED,
        actor,
        comment=application.bank_reference,
        detail={
            "amount": amount,
            "term_months": term_months,
            "annual_rate": f"{annual_rate.normalize():f}",
            "rules_rate": f"{rules_rate.normalize():f}",
            "rate_reason": application.rate_reason,
            "on": decided_on.isoformat(),
            "bank_due_on": application.bank_due_on.isoformat() if application.bank_due_on else None,
        },
    )


def record_decline(
    application: LoanApplication,
    actor: User,
    reason: str,
    decided_on: date,
    *,
    today: date | None = None,
) -> LoanTransition:
    _start(application, "decline", actor)
    reason = _text(reason, _("Give the bank's reason."), "comment")
    _not_future(decided_on, today or today_local(), "on")
    _not_before(decided_on, application.sent_to_bank_on, "on")
    application.bank_decided_on = decided_on
    return _move(
        application,
        "decline",
        LoanStatus.DECLINED,
        actor,
        comment=reason,
        detail={"on": decided_on.isoformat()},
    )


def record_disbursement(
    application: LoanApplication,
    actor: User,
    disbursed_on: date,
    *,
    today: date | None = None,
) -> LoanTransition:
    """The money was paid out: the repayment schedule starts from this day."""
    _start(application, "disburse", actor)
    _not_future(disbursed_on, today or today_local(), "on")
    _not_before(disbursed_on, application.bank_decided_on, "on")
    application.disbursed_on = disbursed_on
    build_schedule(application)
    return _move(
        application,
        "disburse",
        LoanStatus.DISBURSED,
        actor,
        detail={"on": disbursed_on.isoformat()},
    )


def start_repayment(application: LoanApplication, actor: User) -> LoanTransition:
    """The first payment was recorded."""
    _start(application, "start_repayment", actor)
    return _move(application, "start_repayment", LoanStatus.REPAYING, actor)


def mark_repaid(application: LoanApplication, actor: User) -> LoanTransition:
    """Every instalment is paid in full."""
    _start(application, "repaid", actor)
    if any(instalment.remaining for instalment in application.instalments):
        raise DomainError(_("Some instalments are not paid in full yet."))
    return _move(application, "repaid", LoanStatus.REPAID, actor)
