"""Who is told of each step of a loan application, and in which words: the one who acts
next. Submitted (again) → the organisation's reviewers in the province; returned,
rejected, certified, approved, declined, disbursed → the caseworker; endorsed → the
caseworker and the commune's caseworkers, who record the commune's certification next.
The one who took the step is not told (``notifications.services.notify``)."""

from reintegration.accounts.models import User
from reintegration.core.i18n import N_, format_day, format_money
from reintegration.core.links import path_for
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.loans.models import LoanApplication, LoanTransition
from reintegration.notifications import recipients
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify

# action → (kind, message); the reviewers hear of the first two, the commune of the others.
STEP_NOTICES: dict[str, tuple[str, str]] = {
    "submit": ("loan_submitted", N_(
        "Loan application no. %(id)s of %(name)s is submitted to your organisation: review it "
        "by %(due)s.")),
    "resubmit": ("loan_submitted", N_(
        "Loan application no. %(id)s of %(name)s is submitted again after changes: review it "
        "by %(due)s.")),
    "return": ("loan_returned", N_(
        "Loan application no. %(id)s of %(name)s was returned for changes: %(comment)s")),
    "reject": ("loan_rejected", N_(
        "Loan application no. %(id)s of %(name)s was rejected by the organisation: "
        "%(comment)s")),
    "endorse": ("loan_endorsed", N_(
        "Loan application no. %(id)s of %(name)s is endorsed by the organisation: the commune "
        "People's Committee certifies it next.")),
    "certify": ("loan_certified", N_(
        "Loan application no. %(id)s of %(name)s is certified by the commune People's "
        "Committee: send it to the bank.")),
    "approve": ("loan_approved", N_(
        "Loan application no. %(id)s of %(name)s is approved by the bank: %(amount)s.")),
    "decline": ("loan_declined", N_(
        "Loan application no. %(id)s of %(name)s is declined by the bank: %(comment)s")),
    "disburse": ("loan_disbursed", N_(
        "Loan no. %(id)s of %(name)s was disbursed on %(day)s: the repayments follow the "
        "schedule.")),
}  # fmt: skip
REVIEWERS_HEAR = {"submit", "resubmit"}


def application_link(application: LoanApplication) -> str:
    return path_for("loans.application", application_id=application.id)


def province_of(application: LoanApplication) -> int:
    return db.session.get(Commune, application.commune_code).province_code


def caseworkers_of(application: LoanApplication) -> list[User]:
    """Who hears about an application for the commune: the case's caseworker, else whoever
    prepared it, else the commune's caseworkers (those still active)."""
    case = application.case
    for user in (case.caseworker if case else None, application.prepared_by):
        if user is not None and user.active:
            return [user]
    return recipients.commune_caseworkers(application.commune_code)


def reviewers_of(application: LoanApplication) -> list[User]:
    """The active reviewers of the application's organisation in its province (none for a
    business: it borrows from the bank directly)."""
    if application.organisation is None:
        return []
    return recipients.reviewers(application.organisation, province_of(application))


def next_to_act(application: LoanApplication, action: str) -> list[User]:
    if action in REVIEWERS_HEAR:
        return reviewers_of(application)
    if action == "endorse":
        return caseworkers_of(application) + recipients.commune_caseworkers(
            application.commune_code
        )
    return caseworkers_of(application)


def tell_next(application: LoanApplication, transition: LoanTransition, actor: User) -> int:
    """Tell whoever acts next that ``transition`` happened (nothing for the steps nobody
    waits on). Returns how many were told."""
    if transition.action not in STEP_NOTICES:
        return 0
    kind, message = STEP_NOTICES[transition.action]
    params = {
        "id": application.id,
        "name": application.applicant_name,
        "due": format_day(application.review_due_on),
        "comment": transition.comment or "",
        "amount": format_money(application.approved_amount or 0),
        "day": format_day(application.disbursed_on),
    }
    return notify(
        next_to_act(application, transition.action),
        kind,
        message,
        subject=Subject.of(application),
        step=f"{transition.action}-{transition.id}",
        params=params,
        link=application_link(application),
        actor=actor,
    )
