"""Employers of the user's province: the list with its search, a new employer, an
employer's page with its openings, and editing."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.core.actions import run_service
from reintegration.core.pagination import paginate
from reintegration.employment.forms import EmployerEditForm, EmployerForm, SearchForm
from reintegration.employment.services import access, employers
from reintegration.employment.views import bp
from reintegration.employment.views.common import (
    can_keep,
    employer_or_404,
    province_commune_choices,
)
from reintegration.extensions import db


@bp.get("/jobs/employers/")
@casework_roles
def employers_list():
    form = SearchForm(request.args)
    search = form.q.data if form.validate() else None
    page = paginate(access.employers_query(current_user, search=search))
    return render_template(
        "employment/employers.html",
        form=form,
        page=page,
        can_add=current_user.province_code is not None and can_keep(current_user.province_code),
    )


def employer_data(form: EmployerForm) -> employers.EmployerData:
    return employers.EmployerData(
        name=form.name.data or "",
        tax_code=form.tax_code.data or "",
        commune_code=form.commune_code.data,
        address=form.address.data,
        contact_name=form.contact_name.data,
        contact_phone=form.contact_phone.data,
        accepts_records=form.accepts_records.data,
        agreement_number=form.agreement_number.data,
        agreement_signed_on=form.agreement_signed_on.data,
    )


@bp.route("/jobs/employers/new", methods=["GET", "POST"])
@casework_roles
def new_employer():
    form = EmployerForm()
    form.commune_code.choices = province_commune_choices(current_user.province_code)
    if form.validate_on_submit():
        done, employer = run_service(
            lambda: employers.create_employer(employer_data(form), current_user), form
        )
        if done:
            flash(_("The employer is recorded."), "success")
            return redirect(url_for(".employer", employer_id=employer.id))
    return render_template("employment/employer_form.html", form=form, employer=None)


@bp.get("/jobs/employers/<int:employer_id>")
@casework_roles
def employer(employer_id: int):
    employer = employer_or_404(employer_id)
    openings = db.session.scalars(access.openings_query(current_user, employer_id=employer.id))
    return render_template(
        "employment/employer.html",
        employer=employer,
        openings=list(openings),
        can_keep=can_keep(employer.province_code),
    )


@bp.route("/jobs/employers/<int:employer_id>/edit", methods=["GET", "POST"])
@casework_roles
def edit_employer(employer_id: int):
    employer = employer_or_404(employer_id)
    if not can_keep(employer.province_code):
        abort(403)
    form = EmployerEditForm(obj=employer)
    form.commune_code.choices = province_commune_choices(employer.province_code)
    if form.validate_on_submit():
        done, _changed = run_service(
            lambda: employers.update_employer(
                employer,
                employer_data(form),
                current_user,
                expected_version=form.expected_version,
            ),
            form,
            record=employer,
        )
        if done:
            flash(_("The employer is saved."), "success")
            return redirect(url_for(".employer", employer_id=employer.id))
    return render_template("employment/employer_form.html", form=form, employer=employer)
