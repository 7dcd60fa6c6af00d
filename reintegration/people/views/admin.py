"""Reference data of the people domain that administrators keep: amnesty decisions and the
periods after which a criminal record is expunged."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import admin_required
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.people.forms import AmnestyDecisionForm, ExpungementPeriodForm
from reintegration.people.models import ExpungementBand
from reintegration.people.services import expungement
from reintegration.people.services.amnesty import add_amnesty_decision, all_decisions
from reintegration.people.views import bp


@bp.route("/admin/amnesty-decisions", methods=["GET", "POST"])
@admin_required
def amnesty_decisions():
    form = AmnestyDecisionForm()
    if form.validate_on_submit():
        done, decision = run_service(
            lambda: add_amnesty_decision(
                number=form.number.data,
                signed_on=form.signed_on.data,
                round_label=form.round_label.data,
                released_count=form.released_count.data,
                actor=current_user,
            ),
            form,
        )
        if done:
            flash(_("Decision %(number)s added.", number=decision.number), "success")
            return redirect(url_for(".amnesty_decisions"))
    return render_template("people/amnesty_decisions.html", form=form, decisions=all_decisions())


@bp.route("/admin/expungement-periods", methods=["GET", "POST"])
@admin_required
def expungement_periods():
    form = ExpungementPeriodForm()
    if form.validate_on_submit():
        done, added = run_service(
            lambda: expungement.add_period(
                ExpungementBand(form.band.data),
                form.by_court.data,
                form.months.data,
                form.effective_from.data,
                form.legal_basis.data,
                current_user,
            ),
            form,
        )
        if done:
            _period, moved = added
            flash(
                _(
                    "The new period is saved; the expected day of %(count)s open cases moved.",
                    count=moved,
                ),
                "success",
            )
            return redirect(url_for(".expungement_periods"))
    periods = expungement.all_periods()
    return render_template(
        "people/expungement_periods.html",
        form=form,
        periods=periods,
        in_force=expungement.in_force_ids(periods, today_local()),
    )
