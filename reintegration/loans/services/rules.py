"""The loan rules in force on a day, and adding a new rule (administrators only)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_day
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanRule, RuleKey, RuleUnit


class RulesMissing(DomainError):
    """No row of some rule is in force on the day asked about."""


@dataclass(frozen=True)
class LoanRules:
    """Every setting in force on ``day``; ``rows`` keeps the row each one came from."""

    day: date
    rows: dict[RuleKey, LoanRule]

    def value(self, key: RuleKey) -> Decimal:
        return Decimal(self.rows[key].value)

    def whole(self, key: RuleKey) -> int:
        return int(self.value(key))

    @property
    def effective_from(self) -> date:
        """The day the rules applied took effect: the latest of their rows' own days (not
        the day they were applied on)."""
        return max(row.effective_from for row in self.rows.values())

    @property
    def training_ceiling_per_month(self) -> int:
        return self.whole(RuleKey.TRAINING_CEILING_PER_MONTH)

    @property
    def individual_ceiling(self) -> int:
        return self.whole(RuleKey.INDIVIDUAL_CEILING)

    @property
    def business_project_ceiling(self) -> int:
        return self.whole(RuleKey.BUSINESS_PROJECT_CEILING)

    @property
    def business_ceiling_per_worker(self) -> int:
        return self.whole(RuleKey.BUSINESS_CEILING_PER_WORKER)

    @property
    def business_min_eligible_share(self) -> Decimal:
        return self.value(RuleKey.BUSINESS_MIN_ELIGIBLE_SHARE)

    @property
    def interest_rate(self) -> Decimal:
        return self.value(RuleKey.INTEREST_RATE)

    @property
    def overdue_interest_share(self) -> Decimal:
        return self.value(RuleKey.OVERDUE_INTEREST_SHARE)

    @property
    def max_term_months(self) -> int:
        return self.whole(RuleKey.MAX_TERM_MONTHS)

    @property
    def security_threshold(self) -> int:
        return self.whole(RuleKey.SECURITY_THRESHOLD)

    @property
    def max_years_since_completion(self) -> int:
        return self.whole(RuleKey.MAX_YEARS_SINCE_COMPLETION)

    @property
    def review_working_days(self) -> int:
        return self.whole(RuleKey.REVIEW_WORKING_DAYS)

    @property
    def late_alert_days(self) -> int:
        return self.whole(RuleKey.LATE_ALERT_DAYS)

    @property
    def training_repayment_months(self) -> int:
        return self.whole(RuleKey.TRAINING_REPAYMENT_MONTHS)

    @property
    def bank_decision_working_days(self) -> int:
        return self.whole(RuleKey.BANK_DECISION_WORKING_DAYS)

    @property
    def overdue_after_days(self) -> int:
        return self.whole(RuleKey.OVERDUE_AFTER_DAYS)


def rules_on(day: date) -> LoanRules:
    """For each setting, the row with the latest ``effective_from`` on or before ``day``."""
    rows: dict[RuleKey, LoanRule] = {}
    stmt = select(LoanRule).where(LoanRule.effective_from <= day).order_by(LoanRule.effective_from)
    for row in db.session.scalars(stmt):
        rows[row.key] = row  # later rows replace earlier ones
    missing = [key for key in RuleKey if key not in rows]
    if missing:
        raise RulesMissing(
            _(
                "No loan rule is in force on %(day)s for: %(rules)s. An administrator must add it.",
                day=format_day(day),
                rules=", ".join(key.label for key in missing),
            ),
            code="rules_missing",
        )
    return LoanRules(day=day, rows=rows)


def rule_value_on(key: RuleKey, day: date) -> Decimal:
    """One setting on ``day``: its row in force then, or its first row for a day before any
    (a report of a period before the rules were entered still needs a definition)."""
    in_force = db.session.scalar(
        select(LoanRule.value)
        .where(LoanRule.key == key, LoanRule.effective_from <= day)
        .order_by(LoanRule.effective_from.desc())
        .limit(1)
    )
    if in_force is None:
        in_force = db.session.scalar(
            select(LoanRule.value).where(LoanRule.key == key).order_by(LoanRule.effective_from)
        )
    if in_force is None:
        raise RulesMissing(
            _(
                "No loan rule was ever set for: %(rules)s. An administrator must add it.",
                rules=key.label,
            ),
            code="rules_missing",
        )
    return Decimal(in_force)


def rules_for(application: LoanApplication, today: date | None = None) -> LoanRules:
    """The rules that judge ``application``: those of its submission day, or today's for a
    draft that was never submitted."""
    return rules_on(application.rules_date or today or today_local())


def rule_history() -> list[LoanRule]:
    return list(
        db.session.scalars(select(LoanRule).order_by(LoanRule.key, LoanRule.effective_from.desc()))
    )


def parse_rule_value(key: RuleKey, value: Decimal) -> Decimal:
    """Money and durations are whole numbers; percentages may have decimals."""
    if value <= 0:
        raise DomainError(_("The value must be greater than zero."), field="value")
    if key.unit != RuleUnit.PERCENT and value != value.to_integral_value():
        raise DomainError(_("This rule takes a whole number."), field="value")
    if key.unit == RuleUnit.PERCENT and value > 1000:
        raise DomainError(_("A percentage this large is surely a typing error."), field="value")
    return value


def add_rule(
    key: RuleKey, value: Decimal, effective_from: date, legal_basis: str, actor: User
) -> LoanRule:
    """A new value for one setting from ``effective_from`` on.

    Refused when an application already takes its rules from that day or a later one:
    the new value would change how it was judged."""
    value = parse_rule_value(key, value)
    legal_basis = nfc(legal_basis or "")
    if not legal_basis:
        raise DomainError(_("Name the decision that sets this value."), field="legal_basis")
    if db.session.scalar(
        select(LoanRule.id).where(LoanRule.key == key, LoanRule.effective_from == effective_from)
    ):
        raise DomainError(
            _("This rule already has a value from %(day)s.", day=format_day(effective_from)),
            field="effective_from",
        )
    latest_judged = db.session.scalar(select(func.max(LoanApplication.rules_date)))
    if latest_judged is not None and effective_from <= latest_judged:
        raise DomainError(
            _(
                "Applications were already judged under the rules of %(day)s: a new value "
                "can take effect only after that day.",
                day=format_day(latest_judged),
            ),
            field="effective_from",
        )
    rule = LoanRule(
        key=key,
        value=value,
        effective_from=effective_from,
        legal_basis=legal_basis,
        created_by_id=actor.id,
    )
    db.session.add(rule)
    db.session.flush()
    audit.record(
        "loan_rule_added",
        rule,
        user=actor,
        detail={
            "key": key.value,
            "value": str(value),
            "effective_from": effective_from.isoformat(),
            "legal_basis": legal_basis,
        },
    )
    return rule
