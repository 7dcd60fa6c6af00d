"""A loan application: who borrows, for what, by which route, and where it stands from
draft to repaid.

Two routes (Decision 22/2023): a person borrows through a savings-and-loan group whose mass
organisation reviews the file; a business borrows from the bank directly, with no group and
no organisation, once the commune has certified its plan (Form 02)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, Numeric, String, Text, and_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import Organisation, Role, User
from reintegration.core.enums import enum_column
from reintegration.core.models import TimestampMixin
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.loans.models.enums import (
    EDITABLE_STATUSES,
    BorrowerKind,
    BusinessKind,
    LoanPurpose,
    LoanStatus,
)
from reintegration.people.models import Case, Person, Release


class LoanApplication(TimestampMixin, db.Model):
    __tablename__ = "loan_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    borrower_kind: Mapped[BorrowerKind] = mapped_column(enum_column(BorrowerKind))
    # The person's case (individuals); a business's application may name none.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    # The commune whose People's Committee certifies it; its province routes the review.
    commune_code: Mapped[int] = mapped_column(ForeignKey("communes.code"))
    # The group and its organisation (a person's route); None for a business.
    organisation: Mapped[Organisation | None] = mapped_column(enum_column(Organisation))
    savings_group_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[LoanStatus] = mapped_column(enum_column(LoanStatus), default=LoanStatus.DRAFT)

    purpose: Mapped[LoanPurpose] = mapped_column(enum_column(LoanPurpose))
    amount_requested: Mapped[int] = mapped_column(BigInteger)  # đồng
    term_months: Mapped[int] = mapped_column()
    course_months: Mapped[int | None] = mapped_column()  # vocational training only
    use_of_funds: Mapped[str] = mapped_column(Text)

    # The household an individual borrows through.
    household_head_name: Mapped[str | None] = mapped_column(String(200))
    household_relationship: Mapped[str | None] = mapped_column(String(100))
    household_members: Mapped[int | None] = mapped_column()
    # The person borrows in their own name: the household has no other capable adult.
    in_own_name: Mapped[bool] = mapped_column(default=False)

    # A business borrower.
    business_name: Mapped[str | None] = mapped_column(String(200))
    business_kind: Mapped[BusinessKind | None] = mapped_column(enum_column(BusinessKind))
    business_address: Mapped[str | None] = mapped_column(String(300))
    total_workers: Mapped[int | None] = mapped_column()
    eligible_workers: Mapped[int | None] = mapped_column()

    # Recorded by the caseworker; None while unknown (a person must then decide).
    form01_listed: Mapped[bool | None] = mapped_column()
    outstanding_vbsp_debt: Mapped[bool | None] = mapped_column()

    # The day whose rules judge it: the first submission (None for a draft: today's rules).
    rules_date: Mapped[date | None] = mapped_column()
    submitted_on: Mapped[date | None] = mapped_column()
    # The day the organisation's review opened (submission or resubmission), kept so the
    # deadline can be counted again when the calendar changes.
    review_opened_on: Mapped[date | None] = mapped_column()
    review_due_on: Mapped[date | None] = mapped_column(index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    certified_on: Mapped[date | None] = mapped_column()
    certification_reference: Mapped[str | None] = mapped_column(String(60))
    sent_to_bank_on: Mapped[date | None] = mapped_column()
    # The bank decides within the working days of the rules from the day it got the file.
    bank_due_on: Mapped[date | None] = mapped_column(index=True)
    bank_decided_on: Mapped[date | None] = mapped_column()
    bank_reference: Mapped[str | None] = mapped_column(String(60))
    approved_amount: Mapped[int | None] = mapped_column(BigInteger)
    approved_term_months: Mapped[int | None] = mapped_column()
    approved_annual_rate: Mapped[Decimal | None] = mapped_column(Numeric(6, 3))  # percent
    # Why the rate differs from the rules' rate (required when it does).
    rate_reason: Mapped[str | None] = mapped_column(Text)
    disbursed_on: Mapped[date | None] = mapped_column()

    prepared_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_loan_applications_commune_status", "commune_code", "status"),
        Index("ix_loan_applications_organisation_status", "organisation", "status"),
    )

    case: Mapped[Case | None] = relationship()
    commune: Mapped[Commune] = relationship()
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    prepared_by: Mapped[User | None] = relationship(foreign_keys=[prepared_by_id])
    transitions: Mapped[list["LoanTransition"]] = relationship(  # noqa: F821
        back_populates="application", order_by="LoanTransition.id"
    )
    documents: Mapped[list["LoanDocument"]] = relationship(  # noqa: F821
        back_populates="application", order_by="LoanDocument.id"
    )
    instalments: Mapped[list["LoanInstalment"]] = relationship(  # noqa: F821
        back_populates="application", order_by="LoanInstalment.number"
    )

    @property
    def is_individual(self) -> bool:
        return self.borrower_kind == BorrowerKind.INDIVIDUAL

    @property
    def through_organisation(self) -> bool:
        """A person's route: a savings-and-loan group, reviewed by its organisation. A
        business goes to the bank directly (one saved before that route existed keeps the
        organisation it named, and finishes its review)."""
        return self.organisation is not None

    @property
    def person(self) -> Person | None:
        return self.case.person if self.case is not None else None

    @property
    def release(self) -> Release | None:
        """The release the eligibility rests on: the case's, else the person's latest."""
        if self.case is None:
            return None
        if self.case.release is not None:
            return self.case.release
        releases = self.case.person.releases
        return releases[0] if releases else None

    @property
    def applicant_name(self) -> str:
        if self.is_individual and self.person is not None:
            return self.person.full_name
        return self.business_name or ""

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    # Permission questions (the queries in services.access enforce the same rules).
    def can_prepare(self, user: User) -> bool:
        """Caseworkers and province officers whose scope covers the commune."""
        return user.sees_person_files and user.can_see_commune(self.commune_code)

    def can_review(self, user: User) -> bool:
        """Reviewers of the application's organisation in its province, once submitted."""
        return (
            user.role == Role.UNION_REVIEWER
            and self.organisation is not None
            and user.organisation == self.organisation
            and user.province_code is not None
            and user.province_code == self.commune.province_code
            and self.status != LoanStatus.DRAFT
        )

    def __repr__(self) -> str:
        return f"<LoanApplication {self.id} {self.status}>"


def province_communes(province_code: int):
    return select(Commune.code).where(Commune.province_code == province_code)


def reviewer_clause(user: User):
    """The applications a union reviewer may see: their organisation, their province,
    submitted at least once."""
    return and_(
        LoanApplication.organisation == user.organisation,
        LoanApplication.commune_code.in_(province_communes(user.province_code)),
        LoanApplication.status != LoanStatus.DRAFT,
    )
