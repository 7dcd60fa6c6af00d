"""Openings: the province's list, a new opening of an employer, an opening's page with its
referrals, closing it, and the people who match it."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.core import audit
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.core.pages import render_audited
from reintegration.core.pagination import paginate
from reintegration.employment.forms import OpeningFilterForm, OpeningForm
from reintegration.employment.models import OpeningStatus, Restriction
from reintegration.employment.services import access, employers, matching, referrals
from reintegration.employment.views import bp
from reintegration.employment.views.common import (
    can_keep,
    employer_or_404,
    opening_or_404,
    province_commune_choices,
    trade_options,
)
from reintegration.training.models import CourseLevel
from reintegration.training.services.trades import trade_names


@bp.get("/jobs/openings/")
@casework_roles
def openings_list():
    form = OpeningFilterForm(request.args)
    form.trade.choices = trade_options(blank=_("All"))
    valid = form.validate()
    status = OpeningStatus(form.status.data) if valid and form.status.data else None
    trade = form.trade.data if valid else None
    page = paginate(access.openings_query(current_user, status=status, trade_code=trade))
    return render_template(
        "employment/openings.html", form=form, page=page, trade_names=trade_names()
    )


def opening_form(employer) -> OpeningForm:
    form = OpeningForm()
    form.trade_code.choices = trade_options(blank="—")
    form.skill_codes.choices = trade_options()
    form.commune_code.choices = province_commune_choices(employer.province_code)
    if not form.is_submitted():
        form.commune_code.data = employer.commune_code
    return form


def opening_data(form: OpeningForm) -> employers.OpeningData:
    chosen = set(form.restrictions.data or [])
    return employers.OpeningData(
        title=form.title.data or "",
        trade_code=form.trade_code.data,
        seats=form.seats.data,
        commune_code=form.commune_code.data,
        starts_on=form.starts_on.data,
        closes_on=form.closes_on.data,
        wage=form.wage.data,
        level_required=CourseLevel(form.level_required.data) if form.level_required.data else None,
        skill_codes=list(form.skill_codes.data or []),
        no_work_with_children=Restriction.NO_WORK_WITH_CHILDREN.value in chosen,
        no_cash_handling=Restriction.NO_CASH_HANDLING.value in chosen,
        description=form.description.data,
    )


@bp.route("/jobs/employers/<int:employer_id>/openings/new", methods=["GET", "POST"])
@casework_roles
def new_opening(employer_id: int):
    employer = employer_or_404(employer_id)
    if not can_keep(employer.province_code):
        abort(403)
    form = opening_form(employer)
    if form.validate_on_submit():
        done, opening = run_service(
            lambda: employers.create_opening(employer, opening_data(form), current_user), form
        )
        if done:
            flash(_("The opening is recorded."), "success")
            return redirect(url_for(".opening", opening_id=opening.id))
    return render_template("employment/opening_form.html", form=form, employer=employer)


@bp.get("/jobs/openings/<int:opening_id>")
@casework_roles
def opening(opening_id: int):
    """Any caseworker or province officer may open an opening (people move for work); the
    referrals listed are those of the user's own people. Audited: the list names them."""
    opening = opening_or_404(opening_id)
    referred = referrals.referrals_to(opening, current_user)
    audit.record(
        "opening_viewed",
        opening,
        user=current_user,
        detail={"case_ids": [r.case_id for r in referred]},
    )
    return render_audited(
        "employment/opening.html",
        opening=opening,
        referrals=referred,
        hired=employers.hired_count(opening.id),
        can_keep=can_keep(opening.province_code),
        sees_employer=access.find_employer(opening.employer_id, current_user) is not None,
        today=today_local(),
    )


@bp.post("/jobs/openings/<int:opening_id>/close")
@casework_roles
def close_opening(opening_id: int):
    opening = opening_or_404(opening_id)
    done, _result = run_service(lambda: employers.close_opening(opening, current_user))
    if done:
        flash(_("The opening is closed: nobody more can be referred to it."), "success")
    return redirect(url_for(".opening", opening_id=opening_id))


@bp.get("/jobs/openings/<int:opening_id>/candidates")
@casework_roles
def candidates(opening_id: int):
    """The best 20 eligible people of the user's scope, each score explained in words.
    People a restriction excludes are never listed (nor why). The read is audited by the
    matching service."""
    opening = opening_or_404(opening_id)
    matches = matching.candidates_for_opening(opening, current_user)
    return render_audited(
        "employment/candidates.html",
        opening=opening,
        matches=matches,
        can_refer=opening.status == OpeningStatus.OPEN
        and not (opening.closes_on and opening.closes_on < today_local()),
    )
