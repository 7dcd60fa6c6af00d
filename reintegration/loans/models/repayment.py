"""Repayment: the schedule made from the bank's decision, and the payments the caseworker
copies from the savings-and-loan group's book. Arrears are a query over both."""

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import User
from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db


class LoanInstalment(db.Model):
    __tablename__ = "loan_instalments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("loan_applications.id"), index=True)
    number: Mapped[int] = mapped_column()
    due_on: Mapped[date] = mapped_column(index=True)
    principal: Mapped[int] = mapped_column(BigInteger)
    interest: Mapped[int] = mapped_column(BigInteger)
    # The balance still owed after this instalment's principal is paid.
    balance_after: Mapped[int] = mapped_column(BigInteger)

    application: Mapped["LoanApplication"] = relationship(  # noqa: F821
        back_populates="instalments"
    )
    payments: Mapped[list["LoanPayment"]] = relationship(
        back_populates="instalment", order_by="LoanPayment.id"
    )

    __table_args__ = (UniqueConstraint("application_id", "number"),)

    @property
    def amount_due(self) -> int:
        return self.principal + self.interest

    @property
    def paid(self) -> int:
        return sum(p.amount for p in self.payments)

    @property
    def remaining(self) -> int:
        return max(self.amount_due - self.paid, 0)


class LoanPayment(db.Model):
    __tablename__ = "loan_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("loan_applications.id"), index=True)
    instalment_id: Mapped[int] = mapped_column(ForeignKey("loan_instalments.id"), index=True)
    paid_on: Mapped[date] = mapped_column()
    amount: Mapped[int] = mapped_column(BigInteger)
    book_reference: Mapped[str | None] = mapped_column(String(100))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    instalment: Mapped[LoanInstalment] = relationship(back_populates="payments")
    recorded_by: Mapped[User | None] = relationship()
