"""The loan tables, one file per table (and the enums in one)."""

from reintegration.loans.models.application import LoanApplication, reviewer_clause
from reintegration.loans.models.document import LoanDocument
from reintegration.loans.models.enums import (
    EDITABLE_STATUSES,
    IN_REVIEW_STATUSES,
    LENT_STATUSES,
    BorrowerKind,
    BusinessKind,
    DocumentKind,
    LoanPurpose,
    LoanStatus,
    RuleKey,
    RuleUnit,
)
from reintegration.loans.models.repayment import LoanInstalment, LoanPayment
from reintegration.loans.models.rule import LoanRule
from reintegration.loans.models.transition import LoanTransition

__all__ = [
    "EDITABLE_STATUSES",
    "IN_REVIEW_STATUSES",
    "LENT_STATUSES",
    "BorrowerKind",
    "BusinessKind",
    "DocumentKind",
    "LoanApplication",
    "LoanDocument",
    "LoanInstalment",
    "LoanPayment",
    "LoanPurpose",
    "LoanRule",
    "LoanStatus",
    "LoanTransition",
    "RuleKey",
    "RuleUnit",
    "reviewer_clause",
]
