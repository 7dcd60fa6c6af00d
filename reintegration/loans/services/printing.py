"""Printable forms as PDF, always in Vietnamese: the commune's Form 01 list of eligible
borrowers, a business's Form 02 loan plan, and the application summary. Printing is an
export: each one is audited.

WeasyPrint needs Pango and a font with Vietnamese coverage on the machine
(scripts/install-system-packages.sh installs them).
"""

from datetime import date
from decimal import Decimal

from flask_babel import force_locale
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.documents import render_pdf
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.loans.models import BorrowerKind, LoanApplication, LoanStatus
from reintegration.loans.services.eligibility import ceiling_for, check_eligibility
from reintegration.loans.services.rules import rules_for

PDF_LOCALE = "vi"
# The applications the commune certifies in a batch: endorsed by the organisation and not
# yet decided by the bank.
FORM01_STATUSES = (LoanStatus.ENDORSED, LoanStatus.CERTIFIED, LoanStatus.SENT_TO_BANK)


def form01_applications(commune: Commune) -> list[LoanApplication]:
    stmt = (
        select(LoanApplication)
        .where(
            LoanApplication.commune_code == commune.code,
            LoanApplication.borrower_kind == BorrowerKind.INDIVIDUAL,
            LoanApplication.status.in_(FORM01_STATUSES),
        )
        .order_by(LoanApplication.id)
    )
    applications = list(db.session.scalars(stmt))
    return sorted(applications, key=lambda a: a.person.sort_key)


def form01_pdf(commune: Commune, actor: User, *, today: date | None = None) -> bytes:
    applications = form01_applications(commune)
    audit.record(
        "loan_form01_printed",
        commune,
        user=actor,
        detail={"applications": [a.id for a in applications]},
    )
    return render_pdf(
        "loans/pdf/form01.html",
        commune=commune,
        applications=applications,
        today=today or today_local(),
    )


def summary_pdf(application: LoanApplication, actor: User, *, today: date | None = None) -> bytes:
    today = today or today_local()
    with force_locale(PDF_LOCALE):
        eligibility = check_eligibility(application, today)
    audit.record("loan_summary_printed", application, user=actor)
    return render_pdf(
        "loans/pdf/summary.html",
        application=application,
        commune=application.commune,
        eligibility=eligibility,
        today=today,
    )


def form02_pdf(application: LoanApplication, actor: User, *, today: date | None = None) -> bytes:
    """A business's loan plan (Form 02 of Decision 22/2023), for the commune to certify
    and the bank to read."""
    if application.is_individual:
        raise ValueError("Form 02 is a business's plan")
    rules = rules_for(application)
    with force_locale(PDF_LOCALE):
        ceiling, basis = ceiling_for(application, rules)
    total, eligible = application.total_workers or 0, application.eligible_workers or 0
    share = (Decimal(eligible) * 100 / Decimal(total)).quantize(Decimal("0.1")) if total else 0
    audit.record("loan_form02_printed", application, user=actor)
    return render_pdf(
        "loans/pdf/form02.html",
        application=application,
        commune=application.commune,
        share=share,
        ceiling=ceiling,
        basis=basis,
        today=today or today_local(),
    )
