"""Preparing an application: creating the draft and changing it while it is a draft or
returned for changes.

A person's application names the savings-and-loan group and its organisation, and either
the head of the household it borrows through or, when the household has no other capable
adult, that the person borrows in their own name. A business's names neither group nor
organisation: it goes to the bank directly once the commune certifies its plan."""

from dataclasses import asdict, dataclass

from flask_babel import gettext as _

from reintegration.accounts.models import Organisation, User
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.loans.models import (
    BorrowerKind,
    BusinessKind,
    LoanApplication,
    LoanPurpose,
    LoanStatus,
    LoanTransition,
)
from reintegration.people.models import Case


@dataclass
class ApplicationData:
    """What the caseworker types; the same for a new draft and an edit."""

    purpose: LoanPurpose
    amount_requested: int
    term_months: int
    use_of_funds: str
    organisation: Organisation | None = None
    savings_group_name: str | None = None
    course_months: int | None = None
    household_head_name: str | None = None
    household_relationship: str | None = None
    household_members: int | None = None
    in_own_name: bool = False
    business_name: str | None = None
    business_kind: BusinessKind | None = None
    business_address: str | None = None
    total_workers: int | None = None
    eligible_workers: int | None = None
    form01_listed: bool | None = None
    outstanding_vbsp_debt: bool | None = None


TEXT_FIELDS = (
    "savings_group_name",
    "use_of_funds",
    "household_head_name",
    "household_relationship",
    "business_name",
    "business_address",
)


def _clean(data: ApplicationData, kind: BorrowerKind) -> dict:
    values = asdict(data)
    for name in TEXT_FIELDS:
        values[name] = nfc(values[name]) if values[name] else None
    if not values["use_of_funds"]:
        raise DomainError(_("Say how the money will be used."), field="use_of_funds")
    if values["amount_requested"] <= 0:
        raise DomainError(_("The amount must be greater than zero."), field="amount_requested")
    if values["term_months"] <= 0:
        raise DomainError(_("The term must be at least one month."), field="term_months")
    if values["purpose"] == LoanPurpose.VOCATIONAL_TRAINING:
        if not values["course_months"]:
            raise DomainError(_("Give the length of the course in months."), field="course_months")
    else:
        values["course_months"] = None
    if kind == BorrowerKind.BUSINESS:
        if not values["business_name"]:
            raise DomainError(_("Name the business."), field="business_name")
        if values["business_kind"] is None:
            raise DomainError(_("Say what kind of business it is."), field="business_kind")
        total, eligible = values["total_workers"], values["eligible_workers"]
        if not total or total <= 0:
            raise DomainError(_("Give the number of workers."), field="total_workers")
        if eligible is None or eligible < 0 or eligible > total:
            raise DomainError(
                _("The eligible workers must be between 0 and the number of workers."),
                field="eligible_workers",
            )
        for name in (
            "organisation",
            "savings_group_name",
            "household_head_name",
            "household_relationship",
            "household_members",
        ):
            values[name] = None
        values["in_own_name"] = False
    else:
        if values["organisation"] is None:
            raise DomainError(
                _("Choose the mass organisation that runs the group."), field="organisation"
            )
        if not values["savings_group_name"]:
            raise DomainError(_("Name the savings-and-loan group."), field="savings_group_name")
        values["in_own_name"] = bool(values["in_own_name"])
        if not values["in_own_name"] and not values["household_head_name"]:
            raise DomainError(
                _(
                    "Name the head of the household the person borrows through, or record "
                    "that the household has no other capable adult."
                ),
                field="household_head_name",
            )
        for name in (
            "business_name",
            "business_kind",
            "business_address",
            "total_workers",
            "eligible_workers",
        ):
            values[name] = None
    return values


def create_individual_application(
    case: Case, data: ApplicationData, actor: User
) -> LoanApplication:
    """A draft for the person of ``case``, certified by the case's commune."""
    if not case.is_open:
        raise DomainError(_("The case is closed: open a new one before applying for a loan."))
    values = _clean(data, BorrowerKind.INDIVIDUAL)
    application = LoanApplication(
        borrower_kind=BorrowerKind.INDIVIDUAL,
        case=case,
        commune_code=case.commune_code,
        prepared_by_id=actor.id,
        **values,
    )
    return _created(application, actor)


def create_business_application(
    commune_code: int, data: ApplicationData, actor: User
) -> LoanApplication:
    """A draft for a business in ``commune_code`` (which must lie in the actor's scope)."""
    if not actor.can_see_commune(commune_code):
        raise DomainError(_("Choose a commune you cover."), field="commune_code")
    values = _clean(data, BorrowerKind.BUSINESS)
    application = LoanApplication(
        borrower_kind=BorrowerKind.BUSINESS,
        commune_code=commune_code,
        prepared_by_id=actor.id,
        **values,
    )
    return _created(application, actor)


def _created(application: LoanApplication, actor: User) -> LoanApplication:
    application.status = LoanStatus.DRAFT
    db.session.add(application)
    db.session.flush()
    db.session.add(
        LoanTransition(
            application_id=application.id,
            action="create",
            from_status=None,
            to_status=LoanStatus.DRAFT,
            actor_id=actor.id,
        )
    )
    db.session.flush()
    audit.record(
        "loan_created",
        application,
        user=actor,
        detail={
            "borrower_kind": application.borrower_kind.value,
            "case_id": application.case_id,
            "amount_requested": application.amount_requested,
        },
    )
    return application


def update_application(application: LoanApplication, data: ApplicationData, actor: User) -> list:
    """Change a draft, or an application returned for changes. Returns the changed fields."""
    if not application.is_editable:
        raise DomainError(
            _(
                "The application is “%(status)s”: it can be changed only as a draft or when "
                "returned for changes.",
                status=application.status.label,
            ),
            code="wrong_state",
        )
    values = _clean(data, application.borrower_kind)
    if application.through_organisation and not application.is_individual:
        # A business saved on the organisation's route before the direct one existed
        # finishes that review.
        values["organisation"] = application.organisation
        values["savings_group_name"] = application.savings_group_name
    changed = [name for name, value in values.items() if getattr(application, name) != value]
    for name in changed:
        setattr(application, name, values[name])
    if changed:
        db.session.flush()
        audit.record("loan_updated", application, user=actor, detail={"fields": changed})
    return changed
