"""The administrators' page of loan rules: every value with the day it took effect, and
a form to add a new one (rows are never changed: old applications keep their rules)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import admin_required
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.loans.forms import RuleForm
from reintegration.loans.models import RuleKey
from reintegration.loans.services.rules import RulesMissing, add_rule, rule_history, rules_on
from reintegration.loans.views import bp


@bp.route("/admin/loan-rules/", methods=["GET", "POST"])
@admin_required
def rules():
    form = RuleForm()
    if form.validate_on_submit():
        done, _rule = run_service(
            lambda: add_rule(
                RuleKey(form.key.data),
                form.value.data,
                form.effective_from.data,
                form.legal_basis.data,
                current_user,
            ),
            form,
        )
        if done:
            flash(_("The new value is saved."), "success")
            return redirect(url_for(".rules"))
    try:
        in_force = rules_on(today_local())
    except RulesMissing as error:
        in_force = None
        flash(error.message, "warning")
    return render_template("loans/rules.html", form=form, history=rule_history(), in_force=in_force)
