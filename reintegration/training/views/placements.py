"""Placements from the case: the courses that fit the person (with the reasons), referring
them to one (the seat limit holds), and recording enrolment, completion or dropping out."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.core.forms import mark_refused
from reintegration.core.pages import render_audited
from reintegration.extensions import db
from reintegration.people.models import Case
from reintegration.people.services.case_file import record_case_view
from reintegration.training.forms import STEP_FORMS, FitForm, ReferForm
from reintegration.training.models import Placement
from reintegration.training.services import catalogue, fit, placements
from reintegration.training.services.trades import trade_names
from reintegration.training.views import bp
from reintegration.training.views.common import (
    case_or_404,
    course_or_404,
    placement_or_404,
    reader_roles,
)


@bp.get("/training/cases/<int:case_id>")
@reader_roles
def case_training(case_id: int):
    """The case's training on a page of its own (the case file shows the same section)."""
    case = case_or_404(case_id)
    record_case_view(case, current_user, "training")
    return render_audited("training/case.html", case=case)


def render_fitting_courses(case: Case, refer_form: ReferForm | None = None):
    form = FitForm(request.args)
    form.validate()
    wanted = set(form.trade.data or ())
    fits = fit.courses_for(case, interests=wanted, skills=set(), preferred_communes=set())
    record_case_view(case, current_user, "training_courses")
    return render_audited(
        "training/fit.html",
        case=case,
        form=form,
        fits=fits,
        support={f.course.id: catalogue.support_for(f.course) for f in fits},
        trades=trade_names({f.course.trade_code for f in fits}),
        refer_form=refer_form or ReferForm(formdata=None),
        can_refer=case.is_open and case.can_edit(current_user),
    )


@bp.get("/training/cases/<int:case_id>/courses")
@reader_roles
def fitting_courses(case_id: int):
    return render_fitting_courses(case_or_404(case_id))


@bp.post("/training/cases/<int:case_id>/refer")
@reader_roles
def refer(case_id: int):
    case = case_or_404(case_id)
    form = ReferForm()
    if not form.validate_on_submit():
        return render_fitting_courses(case, form)
    course = course_or_404(request.form.get("course_id", type=int))
    saved, placement = run_service(lambda: placements.refer(case, course, current_user), form)
    if not saved:
        return render_fitting_courses(case_or_404(case_id), form)
    flash(_("Referred to the course “%(title)s”.", title=course.title), "success")
    return redirect(url_for(".placement", placement_id=placement.id))


def step_forms(placement: Placement, actions: list[str], **given) -> dict:
    forms = {}
    for action in actions:
        form = given.get(action)
        if form is None:
            # A prefix each: several forms stand on one page, and their fields need ids of
            # their own for the labels.
            form = STEP_FORMS[action](formdata=None, prefix=action)
            form.on.data = today_local()
        forms[action] = form
    return forms


def render_placement(placement: Placement, **given):
    record_case_view(placement.case, current_user, "training_placement")
    db.session.commit()
    actions = placements.available_actions(placement, current_user)
    return render_template(
        "training/placement.html",
        placement=placement,
        case=placement.case,
        support=catalogue.support_for(placement.course),
        trades=trade_names({placement.trade_code}),
        forms=step_forms(placement, actions, **given),
        action_labels={a: placements.action_label(a) for a in placements.ACTIONS},
    )


@bp.get("/training/placements/<int:placement_id>")
@reader_roles
def placement(placement_id: int):
    return render_placement(placement_or_404(placement_id))


STEP_CALLS = {
    "enroll": lambda p, user, data: placements.enroll(p, user, on=data["on"]),
    "complete": lambda p, user, data: placements.complete(
        p, user, on=data["on"], certificate_number=data["certificate_number"]
    ),
    "drop": lambda p, user, data: placements.drop(p, user, on=data["on"], reason=data["reason"]),
}


@bp.post(f"/training/placements/<int:placement_id>/<any({', '.join(STEP_FORMS)}):action>")
@reader_roles
def placement_step(placement_id: int, action: str):
    placement = placement_or_404(placement_id)
    if not placement.case.can_edit(current_user):
        abort(403)
    form = STEP_FORMS[action](prefix=action)
    if action not in placements.available_actions(placement, current_user):
        flash(
            _(
                "“%(action)s” is not possible: the placement is “%(status)s”.",
                action=placements.action_label(action),
                status=placement.status.label,
            ),
            "danger",
        )
        mark_refused()
        return render_placement(placement)
    if form.validate_on_submit():
        actor = current_user._get_current_object()
        if run_service(lambda: STEP_CALLS[action](placement, actor, form.data), form)[0]:
            flash(_("Done: %(step)s.", step=placements.action_label(action)), "success")
            return redirect(url_for(".placement", placement_id=placement_id))
        placement = placement_or_404(placement_id)
    return render_placement(placement, **{action: form})
