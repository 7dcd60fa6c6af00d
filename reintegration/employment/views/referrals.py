"""Referrals: referring a person to an opening (from the opening's matches or the
person's), the referral's page with its next steps, and one route for every step."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.core.pages import render_audited
from reintegration.employment.forms import HireForm, InterviewForm, JobLostForm, NotHiredForm
from reintegration.employment.models import JobLossReason, Referral
from reintegration.employment.services import referrals
from reintegration.employment.services.referrals import ACTIONS, available_actions
from reintegration.employment.views import bp
from reintegration.employment.views.common import (
    case_or_404,
    opening_or_404,
    referral_or_404,
)
from reintegration.people.services.case_file import record_case_view

STEP_FORMS = {
    "interview": InterviewForm,
    "hire": HireForm,
    "not_hired": NotHiredForm,
    "job_lost": JobLostForm,
}


@bp.post("/jobs/openings/<int:opening_id>/refer/<int:case_id>")
@casework_roles
def refer(opening_id: int, case_id: int):
    """Refer one person of the user's communes to the opening. The page it came from
    (``back``: the opening's matches or the person's) is where it returns."""
    opening = opening_or_404(opening_id)
    case = case_or_404(case_id)
    score = request.form.get("score", type=int)
    done, referral = run_service(lambda: referrals.refer(case, opening, current_user, score=score))
    if done:
        flash(
            _(
                "%(name)s is referred to “%(opening)s”.",
                name=case.person.full_name,
                opening=opening.title,
            ),
            "success",
        )
        return redirect(url_for(".referral", referral_id=referral.id))
    if request.form.get("back") == "case":
        return redirect(url_for(".case_openings", case_id=case.id))
    return redirect(url_for(".candidates", opening_id=opening_id))


def step_forms(referral: Referral, **given) -> dict:
    """A form for each step the user may take on the referral now, each with its own ids."""
    forms = {}
    for action in available_actions(referral, current_user):
        form = given.get(action) or STEP_FORMS[action](formdata=None, prefix=action)
        if action in ("interview", "not_hired") and action not in given:
            form.on.data = today_local()
        forms[action] = form
    return forms


def render_referral(referral: Referral, **given):
    record_case_view(referral.case, current_user, "job_referral")
    return render_audited(
        "employment/referral.html",
        referral=referral,
        opening=referral.opening,
        case=referral.case,
        forms=step_forms(referral, **given),
        action_labels={action: ACTIONS[action][0] for action in ACTIONS},
        today=today_local(),
    )


@bp.get("/jobs/referrals/<int:referral_id>")
@casework_roles
def referral(referral_id: int):
    return render_referral(referral_or_404(referral_id))


def run_step(action: str, referral: Referral, form):
    actor = current_user._get_current_object()
    data = form.data
    calls = {
        "interview": lambda: referrals.record_interview(referral, actor, on=data["on"]),
        "hire": lambda: referrals.record_hire(referral, actor, start_on=data["on"]),
        "not_hired": lambda: referrals.record_not_hired(
            referral, actor, on=data["on"], reason=data["reason"]
        ),
        "job_lost": lambda: referrals.record_job_lost(
            referral,
            actor,
            on=data["on"],
            reason=JobLossReason(data["reason"]),
            note=data.get("note"),
        ),
    }
    return calls[action]()


@bp.post(f"/jobs/referrals/<int:referral_id>/<any({', '.join(STEP_FORMS)}):action>")
@casework_roles
def referral_step(referral_id: int, action: str):
    referral = referral_or_404(referral_id)
    form = STEP_FORMS[action](prefix=action)
    if form.validate_on_submit():
        done, _result = run_service(lambda: run_step(action, referral, form), form)
        if done:
            flash(_("Done: %(step)s.", step=ACTIONS[action][0]), "success")
            return redirect(url_for(".referral", referral_id=referral_id))
        referral = referral_or_404(referral_id)
    if referral.status not in ACTIONS[action][1]:
        # The page will not show this step's form: say why above it instead.
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
    return render_referral(referral, **{action: form})
