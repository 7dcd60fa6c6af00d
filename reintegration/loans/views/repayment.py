"""Recording a payment copied from the savings-and-loan group's book."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.core.actions import run_service
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.loans.forms import PaymentForm
from reintegration.loans.models import LoanInstalment
from reintegration.loans.services.repayment import record_payment
from reintegration.loans.views import bp
from reintegration.loans.views.applications import payment_form, render_application
from reintegration.loans.views.common import application_or_404, preparer_or_403


@bp.post("/loans/<int:application_id>/payments")
@casework_roles
def payment(application_id: int):
    application = application_or_404(application_id)
    preparer_or_403(application)
    if not application.instalments:
        abort(404)
    form = payment_form(application, PaymentForm())
    if form.validate_on_submit():
        instalment = db.session.get(LoanInstalment, form.instalment_id.data)

        def record():
            if instalment is None:
                raise DomainError(_("Choose an instalment of this loan."), field="instalment_id")
            record_payment(
                application,
                instalment,
                form.amount.data,
                form.paid_on.data,
                current_user,
                book_reference=form.book_reference.data,
            )

        if run_service(record, form)[0]:
            flash(_("The payment is recorded."), "success")
            return redirect(
                url_for(".application", application_id=application.id, _anchor="repayment")
            )
    application = application_or_404(application_id)
    return render_application(application, payment=form)
