"""The loan domain's enumerations, each with its label in the interface."""

from flask_babel import lazy_gettext as _l

from reintegration.core.enums import LabelledEnum


class LoanStatus(LabelledEnum):
    """Where an application stands. "Overdue" is not a status: it is a query on the
    instalments (see ``services.overdue``)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    RETURNED = "returned"
    REJECTED = "rejected"
    ENDORSED = "endorsed"
    CERTIFIED = "certified"
    SENT_TO_BANK = "sent_to_bank"
    APPROVED = "approved"
    DECLINED = "declined"
    DISBURSED = "disbursed"
    REPAYING = "repaying"
    REPAID = "repaid"

    @classmethod
    def _labels(cls):
        return {
            cls.DRAFT: _l("Draft"),
            cls.SUBMITTED: _l("Submitted to the organisation"),
            cls.UNDER_REVIEW: _l("Under review"),
            cls.RETURNED: _l("Returned for changes"),
            cls.REJECTED: _l("Rejected by the organisation"),
            cls.ENDORSED: _l("Endorsed by the organisation"),
            cls.CERTIFIED: _l("Certified by the commune People's Committee"),
            cls.SENT_TO_BANK: _l("Sent to the bank"),
            cls.APPROVED: _l("Approved by the bank"),
            cls.DECLINED: _l("Declined by the bank"),
            cls.DISBURSED: _l("Disbursed"),
            cls.REPAYING: _l("Repaying"),
            cls.REPAID: _l("Repaid"),
        }


# An application the caseworker may still change (and add documents to).
EDITABLE_STATUSES = frozenset({LoanStatus.DRAFT, LoanStatus.RETURNED})
# Waiting for the organisation: the review deadline runs.
IN_REVIEW_STATUSES = frozenset({LoanStatus.SUBMITTED, LoanStatus.UNDER_REVIEW})
# A loan that is being (or has been) repaid: it has a schedule.
LENT_STATUSES = frozenset({LoanStatus.DISBURSED, LoanStatus.REPAYING, LoanStatus.REPAID})


class BorrowerKind(LabelledEnum):
    INDIVIDUAL = "individual"
    BUSINESS = "business"

    @classmethod
    def _labels(cls):
        return {
            cls.INDIVIDUAL: _l("A person (through the household, or in their own name)"),
            cls.BUSINESS: _l("A business employing people who have served their sentence"),
        }


class LoanPurpose(LabelledEnum):
    VOCATIONAL_TRAINING = "vocational_training"
    PRODUCTION_BUSINESS = "production_business"
    JOB_CREATION = "job_creation"

    @classmethod
    def _labels(cls):
        return {
            cls.VOCATIONAL_TRAINING: _l("Vocational training"),
            cls.PRODUCTION_BUSINESS: _l("Production and business"),
            cls.JOB_CREATION: _l("Job creation"),
        }


class BusinessKind(LabelledEnum):
    SME = "sme"
    COOPERATIVE = "cooperative"
    HOUSEHOLD_BUSINESS = "household_business"

    @classmethod
    def _labels(cls):
        return {
            cls.SME: _l("Small or medium enterprise"),
            cls.COOPERATIVE: _l("Cooperative"),
            cls.HOUSEHOLD_BUSINESS: _l("Household business"),
        }


class DocumentKind(LabelledEnum):
    CERTIFICATE = "certificate"
    IDENTITY = "identity"
    HOUSEHOLD = "household"
    FORM_01 = "form_01"
    BUSINESS_PLAN = "business_plan"
    LABOUR_CONTRACTS = "labour_contracts"
    COURSE = "course"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {
            cls.CERTIFICATE: _l("Completion or amnesty certificate"),
            cls.IDENTITY: _l("Identity card"),
            cls.HOUSEHOLD: _l("Household papers"),
            cls.FORM_01: _l("Commune list of law-abiding residents (Form 01)"),
            cls.BUSINESS_PLAN: _l("Business plan certified by the commune (Form 02)"),
            cls.LABOUR_CONTRACTS: _l("Labour contracts"),
            cls.COURSE: _l("Course enrolment and fees"),
            cls.OTHER: _l("Other document"),
        }


class RuleUnit(LabelledEnum):
    MONEY = "money"
    PERCENT = "percent"
    MONTHS = "months"
    YEARS = "years"
    WORKING_DAYS = "working_days"
    DAYS = "days"

    @classmethod
    def _labels(cls):
        return {
            cls.MONEY: _l("đồng"),
            cls.PERCENT: _l("%"),
            cls.MONTHS: _l("months"),
            cls.YEARS: _l("years"),
            cls.WORKING_DAYS: _l("working days"),
            cls.DAYS: _l("days"),
        }


class RuleKey(LabelledEnum):
    """The settings of Decision 22/2023 (and the bank's rate) that a decree can change."""

    TRAINING_CEILING_PER_MONTH = "training_ceiling_per_month"
    INDIVIDUAL_CEILING = "individual_ceiling"
    BUSINESS_PROJECT_CEILING = "business_project_ceiling"
    BUSINESS_CEILING_PER_WORKER = "business_ceiling_per_worker"
    BUSINESS_MIN_ELIGIBLE_SHARE = "business_min_eligible_share"
    INTEREST_RATE = "interest_rate"
    OVERDUE_INTEREST_SHARE = "overdue_interest_share"
    MAX_TERM_MONTHS = "max_term_months"
    SECURITY_THRESHOLD = "security_threshold"
    MAX_YEARS_SINCE_COMPLETION = "max_years_since_completion"
    REVIEW_WORKING_DAYS = "review_working_days"
    LATE_ALERT_DAYS = "late_alert_days"
    TRAINING_REPAYMENT_MONTHS = "training_repayment_months"
    BANK_DECISION_WORKING_DAYS = "bank_decision_working_days"
    OVERDUE_AFTER_DAYS = "overdue_after_days"

    @classmethod
    def _labels(cls):
        return {
            cls.TRAINING_CEILING_PER_MONTH: _l("Vocational training: most per month of the course"),
            cls.INDIVIDUAL_CEILING: _l("Production and business: most per person"),
            cls.BUSINESS_PROJECT_CEILING: _l("Business: most per project"),
            cls.BUSINESS_CEILING_PER_WORKER: _l("Business: most per eligible worker"),
            cls.BUSINESS_MIN_ELIGIBLE_SHARE: _l("Business: least share of eligible workers"),
            cls.INTEREST_RATE: _l("Interest rate (a year)"),
            cls.OVERDUE_INTEREST_SHARE: _l("Overdue interest, as a share of the interest rate"),
            cls.MAX_TERM_MONTHS: _l("Longest term (production, business, job creation)"),
            cls.SECURITY_THRESHOLD: _l("Security needed above"),
            cls.MAX_YEARS_SINCE_COMPLETION: _l("Longest time since the sentence was completed"),
            cls.REVIEW_WORKING_DAYS: _l("Time the organisation has for its review"),
            cls.LATE_ALERT_DAYS: _l("Alert when an instalment is late by"),
            cls.TRAINING_REPAYMENT_MONTHS: _l(
                "Vocational training: time to repay after the course (the bank's)"
            ),
            cls.BANK_DECISION_WORKING_DAYS: _l("Time the bank has for its decision"),
            cls.OVERDUE_AFTER_DAYS: _l("An instalment is overdue this long after its due date"),
        }

    @property
    def unit(self) -> RuleUnit:
        return RULE_UNITS[self]


RULE_UNITS = {
    RuleKey.TRAINING_CEILING_PER_MONTH: RuleUnit.MONEY,
    RuleKey.INDIVIDUAL_CEILING: RuleUnit.MONEY,
    RuleKey.BUSINESS_PROJECT_CEILING: RuleUnit.MONEY,
    RuleKey.BUSINESS_CEILING_PER_WORKER: RuleUnit.MONEY,
    RuleKey.BUSINESS_MIN_ELIGIBLE_SHARE: RuleUnit.PERCENT,
    RuleKey.INTEREST_RATE: RuleUnit.PERCENT,
    RuleKey.OVERDUE_INTEREST_SHARE: RuleUnit.PERCENT,
    RuleKey.MAX_TERM_MONTHS: RuleUnit.MONTHS,
    RuleKey.SECURITY_THRESHOLD: RuleUnit.MONEY,
    RuleKey.MAX_YEARS_SINCE_COMPLETION: RuleUnit.YEARS,
    RuleKey.REVIEW_WORKING_DAYS: RuleUnit.WORKING_DAYS,
    RuleKey.LATE_ALERT_DAYS: RuleUnit.DAYS,
    RuleKey.TRAINING_REPAYMENT_MONTHS: RuleUnit.MONTHS,
    RuleKey.BANK_DECISION_WORKING_DAYS: RuleUnit.WORKING_DAYS,
    RuleKey.OVERDUE_AFTER_DAYS: RuleUnit.DAYS,
}
