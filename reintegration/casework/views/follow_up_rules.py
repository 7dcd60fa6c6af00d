"""The administrators' page of follow-up rules: the national defaults, and each province's
own rule set (started as a copy of the defaults), every change audited."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from reintegration.accounts.auth import admin_required
from reintegration.casework.forms import RuleForm
from reintegration.casework.models import FollowUpKind, FollowUpRule, IntervalUnit
from reintegration.casework.services import schedule_rules
from reintegration.core.actions import run_service
from reintegration.core.text import in_vietnamese_order
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.people.models import Classification

bp = Blueprint("follow_up_rules", __name__, url_prefix="/admin/follow-up-rules")


def province_or_404(code: int) -> Province:
    return db.session.get(Province, code) or abort(404)


def render_rules(province: Province | None, form: RuleForm | None = None):
    provinces = in_vietnamese_order(db.session.scalars(select(Province)))
    return render_template(
        "casework/follow_up_rules.html",
        defaults=schedule_rules.rules_of(None),
        provinces=provinces,
        own=schedule_rules.provinces_with_own_rules(),
        province=province,
        province_rules=schedule_rules.rules_of(province.code) if province else [],
        form=form or RuleForm(formdata=None),
    )


@bp.get("/")
@admin_required
def rules():
    code = request.args.get("province", type=int)
    return render_rules(province_or_404(code) if code is not None else None)


def _run(province: Province, operation, message: str):
    """Run the change (``run_service``) and go back to the province's rules."""
    if run_service(operation)[0]:
        flash(message, "success")
    return redirect(url_for(".rules", province=province.code))


@bp.post("/<int:code>/copy")
@admin_required
def copy_defaults(code: int):
    province = province_or_404(code)
    return _run(province, lambda: schedule_rules.copy_defaults(province, current_user),
                _("%(province)s now has its own rules, copied from the national defaults.",
                  province=province.name))  # fmt: skip


@bp.post("/<int:code>/rules")
@admin_required
def add_rule(code: int):
    province = province_or_404(code)
    form = RuleForm()
    if form.validate_on_submit():
        data = schedule_rules.RuleData(
            classification=Classification(form.classification.data)
            if form.classification.data
            else None,
            from_month=form.from_month.data,
            until_month=form.until_month.data,
            every=form.every.data,
            unit=IntervalUnit(form.unit.data),
            kind=FollowUpKind(form.kind.data),
        )
        if run_service(lambda: schedule_rules.add_rule(province, data, current_user), form)[0]:
            flash(_("The rule is added."), "success")
            return redirect(url_for(".rules", province=province.code))
    return render_rules(province, form)


@bp.post("/rules/<int:rule_id>/delete")
@admin_required
def delete_rule(rule_id: int):
    rule = db.session.get(FollowUpRule, rule_id)
    if rule is None or rule.province_code is None:
        abort(404)
    province = rule.province
    return _run(province, lambda: schedule_rules.delete_rule(rule, current_user),
                _("The rule is deleted."))  # fmt: skip


@bp.post("/<int:code>/reset")
@admin_required
def use_defaults(code: int):
    province = province_or_404(code)
    return _run(province, lambda: schedule_rules.use_defaults(province, current_user),
                _("%(province)s follows the national defaults again.",
                  province=province.name))  # fmt: skip
