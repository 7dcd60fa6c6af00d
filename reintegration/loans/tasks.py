"""Scheduled sweeps (registered by the scheduler): plain functions that run inside an app
context, commit their own work, and are safe to run twice (each notice has a dedupe key).

The facts they act on are queries (an instalment not paid, a review past its deadline);
the jobs only send the notices.
"""

from datetime import date

from flask import current_app, url_for
from sqlalchemy import func, select

from reintegration.accounts.models import Role, User
from reintegration.core.clock import today_local
from reintegration.core.i18n import N_, format_day
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.loans.models import (
    IN_REVIEW_STATUSES,
    LoanApplication,
    LoanRule,
    LoanStatus,
    RuleKey,
)
from reintegration.loans.services.repayment import arrears_query
from reintegration.loans.services.rules import rules_for
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


def application_link(application: LoanApplication) -> str:
    """A path on this site (the inbox opens only same-site paths), also outside a request."""
    with current_app.test_request_context():
        return url_for("loans.application", application_id=application.id)


def province_of(application: LoanApplication) -> int:
    return db.session.get(Commune, application.commune_code).province_code


def reviewers_of(application: LoanApplication) -> list[User]:
    """The active reviewers of the application's organisation in its province (none for
    a business: it goes to the bank directly)."""
    if application.organisation is None:
        return []
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.role == Role.UNION_REVIEWER,
                User.active.is_(True),
                User.organisation == application.organisation,
                User.province_code == province_of(application),
            )
            .order_by(User.id)
        )
    )


def province_officers_of(application: LoanApplication) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.role == Role.PROVINCE_OFFICER,
                User.active.is_(True),
                User.province_code == province_of(application),
            )
            .order_by(User.id)
        )
    )


def caseworkers_of(application: LoanApplication) -> list[User]:
    """The case's caseworker, else whoever prepared the application (if still active)."""
    candidates = []
    if application.case is not None and application.case.caseworker is not None:
        candidates.append(application.case.caseworker)
    if application.prepared_by is not None:
        candidates.append(application.prepared_by)
    for user in candidates:
        if user.active:
            return [user]
    return []


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
        for user in caseworkers_of(application) + reviewers_of(application):
            if notify(
                user,
                "loan_instalment_late",
                LATE_INSTALMENT,
                params=params,
                link=application_link(application),
                dedupe_key=f"loan-late:{instalment.id}:{user.id}",
            ):
                sent += 1
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
        link = application_link(application)
        for user in reviewers_of(application):
            if notify(
                user,
                "loan_review_due",
                REVIEW_DUE,
                params=params,
                link=link,
                dedupe_key=f"loan-review-due:{application.id}:{due.isoformat()}:{user.id}",
            ):
                sent += 1
        if due < today:
            for user in province_officers_of(application) + caseworkers_of(application):
                if notify(
                    user,
                    "loan_review_escalated",
                    REVIEW_ESCALATED,
                    params=params,
                    link=link,
                    dedupe_key=f"loan-review-late:{application.id}:{due.isoformat()}:{user.id}",
                ):
                    sent += 1
    db.session.commit()
    return sent


def remind(user: User, kind: str, message: str, application: LoanApplication, params: dict,
           dedupe_key: str) -> bool:  # fmt: skip
    """One notice about ``application`` (the one place these reminders are sent from);
    False when the key was used before."""
    return (
        notify(
            user,
            kind,
            message,
            params=params,
            link=application_link(application),
            dedupe_key=dedupe_key,
        )
        is not None
    )


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
        kind = "loan_bank_decision_late" if late else "loan_bank_decision_due"
        params = {"id": application.id, "name": application.applicant_name, "due": format_day(due)}
        for user in caseworkers_of(application):
            key = f"{kind}:{application.id}:{due.isoformat()}:{user.id}"
            message = BANK_DECISION_LATE if late else BANK_DECISION_DUE
            sent += remind(user, kind, message, application, params, key)
    db.session.commit()
    return sent
