"""Eligibility under Decision 22/2023, checked and explained before submission.

Each rule gives MET, NOT_MET, or NEEDS_DECISION where the software cannot know (a list the
caseworker has not recorded, a conditional release) and a person must decide. The rules are
those of the application's day (``rules_for``), so a later change does not alter a result.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from reintegration.core.clock import add_years, today_local
from reintegration.core.enums import LabelledEnum
from reintegration.core.i18n import format_day, format_money, format_number
from reintegration.loans.models import LoanApplication, LoanPurpose
from reintegration.loans.services.rules import LoanRules, rules_for
from reintegration.people.models import ReleaseType


class CheckStatus(LabelledEnum):
    MET = "met"
    NOT_MET = "not_met"
    NEEDS_DECISION = "needs_decision"

    @classmethod
    def _labels(cls):
        return {
            cls.MET: _l("Met"),
            cls.NOT_MET: _l("Not met"),
            cls.NEEDS_DECISION: _l("A person must decide"),
        }


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    status: CheckStatus
    explanation: str


@dataclass(frozen=True)
class Eligibility:
    checks: list[Check]
    rules: LoanRules

    @property
    def overall(self) -> CheckStatus:
        statuses = {check.status for check in self.checks}
        if CheckStatus.NOT_MET in statuses:
            return CheckStatus.NOT_MET
        if CheckStatus.NEEDS_DECISION in statuses:
            return CheckStatus.NEEDS_DECISION
        return CheckStatus.MET

    def status_of(self, code: str) -> CheckStatus:
        return next(check.status for check in self.checks if check.code == code)

    def summary(self) -> dict[str, str]:
        """code → status, for the audit log."""
        return {check.code: check.status.value for check in self.checks}


def check_eligibility(application: LoanApplication, today: date | None = None) -> Eligibility:
    """Every rule that applies to ``application``, judged by the rules of its day."""
    today = today or today_local()
    rules = rules_for(application, today)
    day = application.rules_date or today
    if application.is_individual:
        checks = [
            certificate_check(application),
            completion_check(application, rules, day),
            form01_check(application),
        ]
    else:
        checks = [business_purpose_check(application), workers_check(application, rules)]
    checks += [
        debt_check(application),
        ceiling_check(application, rules),
        term_check(application, rules),
        security_check(application, rules),
    ]
    return Eligibility(checks=checks, rules=rules)


def certificate_check(application: LoanApplication) -> Check:
    title = _("Completion or amnesty certificate on file")
    release = application.release
    if release is None:
        return Check(
            "certificate",
            title,
            CheckStatus.NOT_MET,
            _("No release is recorded in the case file."),
        )
    if not release.certificate_number:
        return Check(
            "certificate",
            title,
            CheckStatus.NOT_MET,
            _(
                "The case file has no certificate number: record the amnesty or sentence "
                "completion certificate in the case file."
            ),
        )
    if release.release_type == ReleaseType.CONDITIONAL_EARLY_RELEASE:
        return Check(
            "certificate",
            title,
            CheckStatus.NEEDS_DECISION,
            _(
                "Certificate no. %(number)s is on file, but the person was released early on "
                "conditions: check that it certifies the completion of the sentence.",
                number=release.certificate_number,
            ),
        )
    return Check(
        "certificate",
        title,
        CheckStatus.MET,
        _("Certificate no. %(number)s is on file.", number=release.certificate_number),
    )


def completion_check(application: LoanApplication, rules: LoanRules, day: date) -> Check:
    years = rules.max_years_since_completion
    title = _("At most %(years)s years since the sentence was completed", years=years)
    release = application.release
    if release is None:
        return Check("completion", title, CheckStatus.NOT_MET, _("No release date is recorded."))
    if release.release_type == ReleaseType.CONDITIONAL_EARLY_RELEASE:
        return Check(
            "completion",
            title,
            CheckStatus.NEEDS_DECISION,
            _(
                "Released early on conditions on %(day)s: the sentence is completed only when "
                "the probation ends. Check the date on the completion certificate.",
                day=format_day(release.release_date),
            ),
        )
    limit = add_years(release.release_date, years)
    if day <= limit:
        return Check(
            "completion",
            title,
            CheckStatus.MET,
            _(
                "Completed on %(released)s: within the limit, which runs until %(limit)s.",
                released=format_day(release.release_date),
                limit=format_day(limit),
            ),
        )
    return Check(
        "completion",
        title,
        CheckStatus.NOT_MET,
        _(
            "Completed on %(released)s: the limit ran out on %(limit)s, before the application "
            "of %(day)s.",
            released=format_day(release.release_date),
            limit=format_day(limit),
            day=format_day(day),
        ),
    )


def form01_check(application: LoanApplication) -> Check:
    title = _("On the commune's certified list of law-abiding residents (Form 01)")
    if application.form01_listed is None:
        return Check(
            "form01",
            title,
            CheckStatus.NEEDS_DECISION,
            _("Not yet recorded: ask the commune police and record the answer."),
        )
    if application.form01_listed:
        return Check(
            "form01",
            title,
            CheckStatus.MET,
            _("The caseworker recorded that the person is listed."),
        )
    return Check(
        "form01",
        title,
        CheckStatus.NOT_MET,
        _("The caseworker recorded that the person is not on the list."),
    )


def debt_check(application: LoanApplication) -> Check:
    title = _("No outstanding debt with the Bank for Social Policies for the same purpose")
    if application.outstanding_vbsp_debt is None:
        return Check(
            "vbsp_debt",
            title,
            CheckStatus.NEEDS_DECISION,
            _("Not yet recorded: ask the savings-and-loan group or the bank."),
        )
    if application.outstanding_vbsp_debt:
        return Check(
            "vbsp_debt",
            title,
            CheckStatus.NOT_MET,
            _("The caseworker recorded an outstanding debt for this purpose."),
        )
    return Check(
        "vbsp_debt",
        title,
        CheckStatus.MET,
        _("The caseworker recorded that there is no such debt."),
    )


def business_purpose_check(application: LoanApplication) -> Check:
    title = _("A purpose open to businesses")
    if application.purpose == LoanPurpose.VOCATIONAL_TRAINING:
        return Check(
            "purpose",
            title,
            CheckStatus.NOT_MET,
            _("A business borrows for production and business or for job creation."),
        )
    return Check("purpose", title, CheckStatus.MET, application.purpose.label)


def workers_check(application: LoanApplication, rules: LoanRules) -> Check:
    share = rules.business_min_eligible_share
    title = _(
        "At least %(share)s%% of the workers have served a sentence and hold labour contracts",
        share=format_number(share),
    )
    total, eligible = application.total_workers or 0, application.eligible_workers or 0
    if total <= 0:
        return Check("workers", title, CheckStatus.NOT_MET, _("Give the number of workers."))
    actual = Decimal(eligible) * 100 / Decimal(total)
    explanation = _(
        "%(eligible)s of %(total)s workers: %(actual)s%%.",
        eligible=eligible,
        total=total,
        actual=format_number(actual.quantize(Decimal("0.1"))),
    )
    status = CheckStatus.MET if eligible <= total and actual >= share else CheckStatus.NOT_MET
    return Check("workers", title, status, explanation)


def ceiling_for(application: LoanApplication, rules: LoanRules) -> tuple[int | None, str]:
    """The most this application may borrow under ``rules``, and how it is reckoned
    (None when a figure it needs is missing)."""
    if not application.is_individual:
        per_worker = rules.business_ceiling_per_worker * (application.eligible_workers or 0)
        ceiling = min(rules.business_project_ceiling, per_worker)
        return ceiling, _(
            "%(project)s a project, and %(per_worker)s for each of %(workers)s eligible workers",
            project=format_money(rules.business_project_ceiling),
            per_worker=format_money(rules.business_ceiling_per_worker),
            workers=application.eligible_workers or 0,
        )
    if application.purpose == LoanPurpose.VOCATIONAL_TRAINING:
        if not application.course_months:
            return None, _("the length of the course is missing")
        return rules.training_ceiling_per_month * application.course_months, _(
            "%(per_month)s a month for a course of %(months)s months",
            per_month=format_money(rules.training_ceiling_per_month),
            months=application.course_months,
        )
    return rules.individual_ceiling, _(
        "%(ceiling)s a person", ceiling=format_money(rules.individual_ceiling)
    )


def ceiling_check(application: LoanApplication, rules: LoanRules) -> Check:
    title = _("Amount within the ceiling for the purpose")
    ceiling, basis = ceiling_for(application, rules)
    if ceiling is None:
        return Check(
            "ceiling", title, CheckStatus.NOT_MET, _("Cannot be reckoned: %(why)s.", why=basis)
        )
    amount = application.amount_requested
    status = CheckStatus.MET if 0 < amount <= ceiling else CheckStatus.NOT_MET
    return Check(
        "ceiling",
        title,
        status,
        _(
            "%(amount)s requested; the ceiling is %(ceiling)s (%(basis)s).",
            amount=format_money(amount),
            ceiling=format_money(ceiling),
            basis=basis,
        ),
    )


def term_limit(application: LoanApplication, rules: LoanRules) -> tuple[int | None, str]:
    """The longest term under ``rules``, and how it is reckoned: for vocational training
    the course plus the time the bank gives to repay after it; otherwise the longest term
    (None when the course's length is missing)."""
    if application.purpose == LoanPurpose.VOCATIONAL_TRAINING:
        if not application.course_months:
            return None, _("the length of the course is missing")
        return application.course_months + rules.training_repayment_months, _(
            "a course of %(course)s months and %(repay)s months to repay after it",
            course=application.course_months,
            repay=rules.training_repayment_months,
        )
    return rules.max_term_months, _("the longest term of the loan rules")


def term_check(application: LoanApplication, rules: LoanRules) -> Check:
    limit, basis = term_limit(application, rules)
    if limit is None:
        return Check(
            "term",
            _("Term within the limit"),
            CheckStatus.NOT_MET,
            _("Cannot be reckoned: %(why)s.", why=basis),
        )
    title = _("Term within %(months)s months", months=limit)
    status = CheckStatus.MET if 0 < application.term_months <= limit else CheckStatus.NOT_MET
    return Check(
        "term",
        title,
        status,
        _(
            "%(months)s months requested; at most %(limit)s months (%(basis)s).",
            months=application.term_months,
            limit=limit,
            basis=basis,
        ),
    )


def security_check(application: LoanApplication, rules: LoanRules) -> Check:
    threshold = rules.security_threshold
    title = _("Security for loans above %(threshold)s", threshold=format_money(threshold))
    if application.amount_requested > threshold:
        return Check(
            "security",
            title,
            CheckStatus.NEEDS_DECISION,
            _(
                "The amount is above %(threshold)s: the bank requires security under its "
                "rules. Agree it with the bank before sending the application.",
                threshold=format_money(threshold),
            ),
        )
    return Check("security", title, CheckStatus.MET, _("No security is needed."))
