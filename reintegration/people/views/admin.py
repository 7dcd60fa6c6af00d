"""Reference data of the people domain that administrators keep: amnesty decisions."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import admin_required
from reintegration.core.actions import run_service
from reintegration.people.forms import AmnestyDecisionForm
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
