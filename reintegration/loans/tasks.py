"""Scheduled sweeps (registered by the scheduler): plain functions that run inside an app
context, commit their own work, and are safe to run twice (each notice has a dedupe key).

The facts they act on are queries (an instalment not paid, a review past its deadline);
the jobs only send the notices.
"""

from datetime import date

from sqlalchemy import func, select

from reintegration.core.clock import today_local
from reintegration.core.i18n import N_, format_day
from reintegration.extensions import db
from reintegration.loans.models import (
    IN_REVIEW_STATUSES,
    LoanApplication,
    LoanRule,
    LoanStatus,
    RuleKey,
)
from reintegration.loans.services.notices import (
    application_link,
    caseworkers_of,
    province_of,
    reviewers_of,
)
from reintegration.loans.services.repayment import arrears_query
from reintegration.loans.services.rules import rules_for
from reintegration.notifications import recipients
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify

LATE_INSTALMENT = N_(
    "Loan no. %(id)s of %(name)s: instalment %(number)s, due on %(due)s, is %(days)s days late."
)
REVIEW_DUE = N_(
    "Loan application no. %(id)s of %(name)s: the organisation's review was due on %(due)s."
)
BANK_DECISION_DUE = N_(
    "Loan application no. %(id)s of %(name)s: the bank's decision is due today, %(due)s."
)
BANK_DECISION_LATE = N_(
    "Loan application no. %(id)s of %(name)s: the bank's decision was due on %(due)s and is "
    "not recorded. Ask the bank, or record its decision."
)
REVIEW_ESCALATED = N_(
    "Loan application no. %(id)s of %(name)s (%(organisation)s) has waited past its review "
    "deadline of %(due)s."
)


def alert_late_instalments(today: date | None = None) -> int:
    """Tell the caseworker and the organisation's reviewers in the province about each
    instalment late by the alert delay of the loan's rules (30 days). Once per instalment
    and person. Returns how many notices were sent."""
    today = today or today_local()
    # The shortest delay any rule ever set: no loan can be late enough before it.
    shortest = db.session.scalar(
        select(func.min(LoanRule.value)).where(LoanRule.key == RuleKey.LATE_ALERT_DAYS)
    )
    if shortest is None:
        return 0
    sent = 0
    rows = db.session.execute(arrears_query(today, late_by_days=int(shortest))).all()
    for instalment, _paid in rows:
        application = instalment.application
        days_late = (today - instalment.due_on).days
        if days_late < rules_for(application, today).late_alert_days:
            continue
        params = {
            "id": application.id,
            "name": application.applicant_name,
            "number": instalment.number,
            "due": format_day(instalment.due_on),
            "days": days_late,
        }
        sent += notify(
            caseworkers_of(application) + reviewers_of(application),
            "loan_instalment_late",
            LATE_INSTALMENT,
            subject=Subject.of(application),
            step=f"instalment-{instalment.id}",
            params=params,
            link=application_link(application),
        )
    db.session.commit()
    return sent


def remind_overdue_reviews(today: date | None = None) -> int:
    """When an organisation's review deadline is reached, remind its reviewers in the
    province; once it has passed, tell the province officers and the caseworker too. Once
    per deadline and person (a resubmission sets a new deadline). Returns the notices sent."""
    today = today or today_local()
    stmt = (
        select(LoanApplication)
        .where(
            LoanApplication.status.in_(IN_REVIEW_STATUSES),
            LoanApplication.review_due_on <= today,
        )
        .order_by(LoanApplication.review_due_on, LoanApplication.id)
    )
    sent = 0
    for application in db.session.scalars(stmt).all():
        due = application.review_due_on
        params = {
            "id": application.id,
            "name": application.applicant_name,
            "due": format_day(due),
            # Rendered now, in the default language: a proper name either way.
            "organisation": str(application.organisation.label),
        }
        told = {
            "subject": Subject.of(application),
            "step": due.isoformat(),
            "params": params,
            "link": application_link(application),
        }
        sent += notify(reviewers_of(application), "loan_review_due", REVIEW_DUE, **told)
        if due < today:
            late = recipients.province_officers(province_of(application))
            late += caseworkers_of(application)
            sent += notify(late, "loan_review_escalated", REVIEW_ESCALATED, **told)
    db.session.commit()
    return sent


def remind_bank_decisions(today: date | None = None) -> int:
    """Remind the caseworker of each application waiting for the bank's decision: on the
    day it is due, and once it is past (the day after). Once per deadline, kind and person;
    a decision recorded ends the reminders. Returns the notices sent."""
    today = today or today_local()
    stmt = (
        select(LoanApplication)
        .where(
            LoanApplication.status == LoanStatus.SENT_TO_BANK,
            LoanApplication.bank_due_on <= today,
        )
        .order_by(LoanApplication.bank_due_on, LoanApplication.id)
    )
    sent = 0
    for application in db.session.scalars(stmt).all():
        due = application.bank_due_on
        late = due < today
        sent += notify(
            caseworkers_of(application),
            "loan_bank_decision_late" if late else "loan_bank_decision_due",
            BANK_DECISION_LATE if late else BANK_DECISION_DUE,
            subject=Subject.of(application),
            step=due.isoformat(),
            params={"id": application.id, "name": application.applicant_name,
                    "due": format_day(due)},
            link=application_link(application),
        )  # fmt: skip
    db.session.commit()
    return sent
