"""Repayment: the schedule from the bank's decision, payments copied from the savings-and-
loan group's book, and arrears, which are a query and never a stored flag.

The schedule itself is made at disbursement (``schedule.py``).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import Select, func, select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_day, format_money
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.loans.models import (
    LoanApplication,
    LoanInstalment,
    LoanPayment,
    LoanStatus,
)
from reintegration.loans.services import workflow
from reintegration.loans.services.overdue import BEING_REPAID, overdue_instalments
from reintegration.loans.services.rules import rules_for
from reintegration.loans.services.schedule import round_to_dong

PAYABLE_STATUSES = BEING_REPAID
DAYS_IN_YEAR = Decimal(365)


def record_payment(
    application: LoanApplication,
    instalment: LoanInstalment,
    amount: int,
    paid_on: date,
    actor: User,
    *,
    book_reference: str | None = None,
    today: date | None = None,
) -> LoanPayment:
    """A payment copied from the group's book. The first one starts the repayment; the one
    that clears the last instalment marks the loan repaid."""
    if application.status not in PAYABLE_STATUSES:
        raise DomainError(
            _(
                "Payments are recorded only for a disbursed loan; this one is “%(status)s”.",
                status=application.status.label,
            ),
            code="wrong_state",
        )
    workflow.check_actor(application, "start_repayment", actor)
    if instalment.application_id != application.id:
        raise DomainError(_("Choose an instalment of this loan."), field="instalment_id")
    if amount <= 0:
        raise DomainError(_("The amount must be greater than zero."), field="amount")
    if amount > instalment.remaining:
        raise DomainError(
            _(
                "Instalment %(number)s has only %(remaining)s left to pay: record the rest "
                "against the next one.",
                number=instalment.number,
                remaining=format_money(instalment.remaining),
            ),
            field="amount",
        )
    if paid_on > (today or today_local()):
        raise DomainError(_("%(day)s is in the future.", day=format_day(paid_on)), field="paid_on")
    if paid_on < application.disbursed_on:
        raise DomainError(
            _("The loan was disbursed on %(day)s.", day=format_day(application.disbursed_on)),
            field="paid_on",
        )
    payment = LoanPayment(
        application_id=application.id,
        instalment=instalment,
        amount=amount,
        paid_on=paid_on,
        book_reference=nfc(book_reference) if book_reference else None,
        recorded_by_id=actor.id,
    )
    db.session.add(payment)
    db.session.flush()
    audit.record(
        "loan_payment_recorded",
        application,
        user=actor,
        detail={
            "instalment": instalment.number,
            "amount": amount,
            "paid_on": paid_on.isoformat(),
            "book_reference": payment.book_reference,
        },
    )
    if application.status == LoanStatus.DISBURSED:
        workflow.start_repayment(application, actor)
    db.session.refresh(instalment)
    if outstanding_total(application) == 0:
        workflow.mark_repaid(application, actor)
    return payment


def _paid_per_instalment():
    return (
        select(
            LoanPayment.instalment_id.label("instalment_id"),
            func.sum(LoanPayment.amount).label("paid"),
        )
        .group_by(LoanPayment.instalment_id)
        .subquery()
    )


def arrears_query(today: date, *, late_by_days: int | None = None) -> Select:
    """The instalments overdue on ``today`` (``services.overdue``: the one definition),
    at least ``late_by_days`` late if given, with what was paid: (instalment, paid) rows,
    oldest first."""
    overdue = overdue_instalments(today, late_by_days=late_by_days).subquery()
    paid = LoanInstalment.principal + LoanInstalment.interest - overdue.c.unpaid
    return (
        select(LoanInstalment, paid.label("paid"))
        .join(overdue, overdue.c.instalment_id == LoanInstalment.id)
        .order_by(LoanInstalment.due_on, LoanInstalment.id)
    )


@dataclass(frozen=True)
class Arrear:
    instalment: LoanInstalment
    unpaid: int
    days_late: int
    overdue_interest: int  # estimate at the overdue rate, on the unpaid principal


def arrears_of(application: LoanApplication, today: date | None = None) -> list[Arrear]:
    today = today or today_local()
    stmt = arrears_query(today).where(LoanInstalment.application_id == application.id)
    rows = db.session.execute(stmt).all()
    if not rows:
        return []
    rules = rules_for(application, today)
    overdue_rate = (
        Decimal(application.approved_annual_rate) * rules.overdue_interest_share / Decimal(100)
    )
    result = []
    for instalment, paid in rows:
        paid = int(paid)
        unpaid_principal = min(instalment.principal, instalment.amount_due - paid)
        days_late = (today - instalment.due_on).days
        interest = round_to_dong(
            Decimal(unpaid_principal) * overdue_rate / Decimal(100) * days_late / DAYS_IN_YEAR
        )
        result.append(Arrear(instalment, instalment.amount_due - paid, days_late, interest))
    return result


def is_overdue(application: LoanApplication, today: date | None = None) -> bool:
    """One of its instalments is overdue (``services.overdue``), as the reports count it."""
    if application.status not in BEING_REPAID:
        return False
    stmt = arrears_query(today or today_local()).where(
        LoanInstalment.application_id == application.id
    )
    return db.session.execute(stmt.limit(1)).first() is not None


def outstanding_total(application: LoanApplication) -> int:
    """What is left to pay on the whole schedule."""
    paid = _paid_per_instalment()
    total = db.session.scalar(
        select(
            func.coalesce(
                func.sum(
                    LoanInstalment.principal
                    + LoanInstalment.interest
                    - func.coalesce(paid.c.paid, 0)
                ),
                0,
            )
        )
        .select_from(LoanInstalment)
        .outerjoin(paid, paid.c.instalment_id == LoanInstalment.id)
        .where(LoanInstalment.application_id == application.id)
    )
    return int(total or 0)


def next_unpaid(application: LoanApplication) -> LoanInstalment | None:
    return next((i for i in application.instalments if i.remaining > 0), None)


def overdue_flags(applications: list[LoanApplication], today: date | None = None) -> set[int]:
    """The ids among ``applications`` that are overdue (for lists: a page at a time)."""
    today = today or today_local()
    return {a.id for a in applications if is_overdue(a, today)}
