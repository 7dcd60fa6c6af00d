"""The follow-up rules administrators keep: the national defaults (read-only here, seeded
by the migration) and the provinces' own rule sets, started as a copy of the defaults."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, select

from reintegration.accounts.models import User
from reintegration.casework.models import FollowUpKind, FollowUpRule, IntervalUnit
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.people.models import Classification

# More than this many months or weeks between two follow-ups is surely a typing error.
MAX_EVERY = {IntervalUnit.WEEK: 52, IntervalUnit.MONTH: 24}
MAX_MONTH = 600


@dataclass(frozen=True)
class RuleData:
    classification: Classification | None
    from_month: int
    until_month: int | None
    every: int
    unit: IntervalUnit
    kind: FollowUpKind


def rules_of(province_code: int | None) -> list[FollowUpRule]:
    """A province's own rules (None: the national defaults): by classification (the rules
    for any classification first), then by month."""
    stmt = select(FollowUpRule).where(
        FollowUpRule.province_code.is_(None)
        if province_code is None
        else FollowUpRule.province_code == province_code
    )
    rows = list(db.session.scalars(stmt))
    return sorted(
        rows,
        key=lambda r: (r.classification is not None, r.classification or "", r.from_month, r.id),
    )


def has_own_rules(province_code: int) -> bool:
    return (
        db.session.scalar(
            select(FollowUpRule.id).where(FollowUpRule.province_code == province_code).limit(1)
        )
        is not None
    )


def provinces_with_own_rules() -> set[int]:
    return set(
        db.session.scalars(
            select(FollowUpRule.province_code)
            .where(FollowUpRule.province_code.is_not(None))
            .distinct()
        )
    )


def _describe(rule: FollowUpRule) -> dict:
    return {
        "classification": rule.classification.value if rule.classification else None,
        "from_month": rule.from_month,
        "until_month": rule.until_month,
        "every": rule.every,
        "unit": rule.unit.value,
        "kind": rule.kind.value,
    }


def copy_defaults(province: Province, actor: User) -> list[FollowUpRule]:
    """Give the province its own rule set, a copy of the national defaults to edit."""
    if has_own_rules(province.code):
        raise DomainError(_("This province already has its own rules."))
    copies = [
        FollowUpRule(
            province_code=province.code,
            classification=rule.classification,
            from_month=rule.from_month,
            until_month=rule.until_month,
            every=rule.every,
            unit=rule.unit,
            kind=rule.kind,
        )
        for rule in rules_of(None)
    ]
    db.session.add_all(copies)
    db.session.flush()
    audit.record(
        "follow_up_rules_copied",
        province,
        user=actor,
        detail={"rules": [_describe(rule) for rule in copies]},
    )
    return copies


def check_rule(data: RuleData, others: list[FollowUpRule]) -> None:
    if data.from_month < 0 or data.from_month > MAX_MONTH:
        raise DomainError(_("Give a month from 0 to %(n)d.", n=MAX_MONTH), field="from_month")
    if data.until_month is not None and not data.from_month < data.until_month <= MAX_MONTH:
        raise DomainError(
            _("The period must end after it starts (and by month %(n)d).", n=MAX_MONTH),
            field="until_month",
        )
    if not 1 <= data.every <= MAX_EVERY[data.unit]:
        raise DomainError(
            _("Give an interval from 1 to %(n)d.", n=MAX_EVERY[data.unit]), field="every"
        )
    for other in others:
        # Periods of one classification and kind may not overlap (a review every 6 months
        # runs beside the home visits).
        if other.classification != data.classification or other.kind != data.kind:
            continue
        other_until = other.until_month if other.until_month is not None else MAX_MONTH + 1
        until = data.until_month if data.until_month is not None else MAX_MONTH + 1
        if data.from_month < other_until and other.from_month < until:
            raise DomainError(
                _(
                    "This period overlaps the rule from month %(start)d of the same "
                    "classification and kind: change or delete that one first.",
                    start=other.from_month,
                ),
                field="from_month",
            )


def add_rule(province: Province, data: RuleData, actor: User) -> FollowUpRule:
    """A rule in the province's own set (which must exist: copy the defaults first)."""
    if not has_own_rules(province.code):
        raise DomainError(_("Copy the national defaults to this province first."))
    check_rule(data, rules_of(province.code))
    rule = FollowUpRule(
        province_code=province.code,
        classification=data.classification,
        from_month=data.from_month,
        until_month=data.until_month,
        every=data.every,
        unit=data.unit,
        kind=data.kind,
    )
    db.session.add(rule)
    db.session.flush()
    audit.record("follow_up_rule_added", rule, user=actor, detail={
        "province_code": province.code, **_describe(rule),
    })  # fmt: skip
    return rule


def delete_rule(rule: FollowUpRule, actor: User) -> None:
    """Remove one rule of a province's set; the national defaults are not removed here."""
    if rule.province_code is None:
        raise DomainError(_("The national defaults cannot be deleted."), code="forbidden")
    audit.record("follow_up_rule_deleted", rule, user=actor, detail={
        "province_code": rule.province_code, **_describe(rule),
    })  # fmt: skip
    db.session.delete(rule)
    db.session.flush()


def use_defaults(province: Province, actor: User) -> int:
    """Drop the province's own rules: it follows the national defaults again."""
    rows = rules_of(province.code)
    if not rows:
        return 0
    audit.record(
        "follow_up_rules_reset",
        province,
        user=actor,
        detail={"rules": [_describe(rule) for rule in rows]},
    )
    db.session.execute(delete(FollowUpRule).where(FollowUpRule.province_code == province.code))
    db.session.flush()
    return len(rows)
