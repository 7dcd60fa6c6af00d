"""The support levels a province grants trainees (Decree 49/2020 Art. 11: set by each
province's People's Committee): every level with the day it took effect, and a form to add
a new one. Administrators keep them for any province; a province officer for their own."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.actions import run_service
from reintegration.core.auth import roles_required
from reintegration.core.clock import today_local
from reintegration.core.forms import options
from reintegration.core.text import in_vietnamese_order
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.training.forms import ProvinceFilterForm, SupportRateForm
from reintegration.training.models import SupportKind
from reintegration.training.services import catalogue
from reintegration.training.views import bp


def province_choices():
    provinces = in_vietnamese_order(db.session.scalars(select(Province)))
    return options([(None, "—"), *((p.code, p.name) for p in provinces)])


@bp.route("/admin/training-support/", methods=["GET", "POST"])
@roles_required(Role.ADMIN, Role.PROVINCE_OFFICER)
def support_rates():
    chooses_province = current_user.role == Role.ADMIN
    form = SupportRateForm()
    chooser = ProvinceFilterForm(request.args)
    if chooses_province:
        form.province_code.choices = chooser.province.choices = province_choices()
        chooser.validate()
        province_code = chooser.province.data if not chooser.errors else None
        if not form.is_submitted():
            form.province_code.data = province_code
    else:
        del form.province_code
        province_code = current_user.province_code
    if form.validate_on_submit():
        chosen = form.province_code.data if chooses_province else province_code
        saved = run_service(
            lambda: catalogue.add_support_rate(
                current_user,
                kind=SupportKind(form.kind.data),
                amount=form.amount.data,
                effective_from=form.effective_from.data,
                legal_basis=form.legal_basis.data,
                province_code=chosen,
            ),
            form,
        )[0]
        if saved:
            flash(_("The new level is saved."), "success")
            args = {"province": chosen} if chooses_province else {}
            return redirect(url_for(".support_rates", **args))
    history = catalogue.support_history(province_code) if province_code else []
    return render_template(
        "training/support_rates.html",
        form=form,
        chooser=chooser if chooses_province else None,
        province=db.session.get(Province, province_code) if province_code else None,
        history=history,
        in_force=set(catalogue.rates_in_force(province_code, today_local()).values())
        if province_code
        else set(),
    )
