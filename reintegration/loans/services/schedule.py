"""The repayment schedule, made when the loan is disbursed (``workflow.record_disbursement``).

The schedule is the bank's usual one for these loans: equal principal each month, interest
on the balance still owed (annual rate / 12), rounded to the đồng; the last instalment takes
what rounding left over. Its own module so that the workflow (which makes it) and the
repayments (which read it) both import it, and not each other.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import gettext as _

from reintegration.core.clock import add_months
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanInstalment


@dataclass(frozen=True)
class ScheduleRow:
    number: int
    due_on: date
    principal: int
    interest: int
    balance_after: int


def round_to_dong(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def compute_schedule(
    amount: int, term_months: int, annual_rate: Decimal, start: date
) -> list[ScheduleRow]:
    """Equal principal, monthly interest on the balance, due each month from ``start``."""
    if amount <= 0 or term_months <= 0:
        raise ValueError("amount and term must be positive")
    monthly_rate = Decimal(annual_rate) / Decimal(100) / Decimal(12)
    base_principal = amount // term_months
    balance = amount
    rows = []
    for number in range(1, term_months + 1):
        principal = base_principal if number < term_months else balance
        interest = round_to_dong(Decimal(balance) * monthly_rate)
        balance -= principal
        rows.append(ScheduleRow(number, add_months(start, number), principal, interest, balance))
    return rows


def build_schedule(application: LoanApplication) -> list[LoanInstalment]:
    """The instalments of a loan just disbursed, from the bank's amount, term and rate."""
    if application.instalments:
        raise DomainError(_("This loan already has a repayment schedule."))
    rows = compute_schedule(
        application.approved_amount,
        application.approved_term_months,
        Decimal(application.approved_annual_rate),
        application.disbursed_on,
    )
    instalments = [
        LoanInstalment(
            application_id=application.id,
            number=row.number,
            due_on=row.due_on,
            principal=row.principal,
            interest=row.interest,
            balance_after=row.balance_after,
        )
        for row in rows
    ]
    db.session.add_all(instalments)
    db.session.flush()
    db.session.expire(application, ["instalments"])
    return instalments
