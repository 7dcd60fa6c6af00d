"""The case plan's pages: record an assessment, add or change a goal, note its progress."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.accounts.models import User
from reintegration.casework.forms import AssessmentForm, GoalForm, ProgressForm
from reintegration.casework.models import GoalStatus
from reintegration.casework.services import plans as service
from reintegration.casework.services.transfers import caseworkers_of
from reintegration.casework.views import bp
from reintegration.casework.views.common import (
    case_to_read,
    case_to_write,
)
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.core.forms import options
from reintegration.people.models import Case, Need


def plan_tab(case_id: int) -> str:
    return url_for("people.case_file", case_id=case_id, tab="plan")


@bp.route("/cases/<int:case_id>/assessments/new", methods=["GET", "POST"])
@casework_roles
def new_assessment(case_id: int):
    case = case_to_write(case_id)
    kind = service.next_assessment_kind(case)
    form = AssessmentForm()
    if not form.is_submitted():
        form.assessed_on.data = today_local()
        # An intake starts from the needs ticked at registration; a review from the last scores.
        previous = next(iter(service.assessments_of(case)), None)
        for need in Need:
            if previous is not None:
                form[f"score_{need.value}"].data = previous.score_of(need)
            elif need in case.need_values:
                form[f"score_{need.value}"].data = 2
    if form.validate_on_submit():
        scores = {need: form[f"score_{need.value}"].data for need in Need}
        if run_service(
            lambda: service.record_assessment(
                case, form.assessed_on.data, scores, form.note.data, current_user
            ),
            form,
        )[0]:
            flash(_("Assessment recorded."), "success")
            return redirect(plan_tab(case.id))
    return render_template("casework/assessment_form.html", form=form, case=case, kind=kind)


def owner_choices(case: Case, form: GoalForm) -> None:
    users: list[User] = caseworkers_of(case.commune_code)
    if current_user not in users:
        users.append(current_user)
    form.owner_id.choices = options([(None, "—")] + [(u.id, u.full_name) for u in users])


def goal_data(form: GoalForm) -> service.GoalData:
    return service.GoalData(
        title=form.title.data,
        target_on=form.target_on.data,
        need=Need(form.need.data) if form.need.data else None,
        owner_id=form.owner_id.data,
        owner_text=form.owner_text.data,
    )


@bp.route("/cases/<int:case_id>/goals/new", methods=["GET", "POST"])
@casework_roles
def new_goal(case_id: int):
    case = case_to_write(case_id)
    form = GoalForm()
    owner_choices(case, form)
    if (
        form.validate_on_submit()
        and run_service(lambda: service.add_goal(case, goal_data(form), current_user), form)[0]
    ):
        flash(_("Goal added to the plan."), "success")
        return redirect(plan_tab(case.id))
    return render_template("casework/goal_form.html", form=form, case=case)


@bp.route("/cases/<int:case_id>/goals/<int:goal_id>/edit", methods=["GET", "POST"])
@casework_roles
def edit_goal(case_id: int, goal_id: int):
    case = case_to_write(case_id)
    goal = service.find_goal(case, goal_id) or abort(404)
    form = GoalForm(obj=goal)
    owner_choices(case, form)
    if not form.is_submitted():
        form.need.data = goal.need.value if goal.need else ""
    if (
        form.validate_on_submit()
        and run_service(lambda: service.update_goal(goal, goal_data(form), current_user), form)[0]
    ):
        flash(_("Saved."), "success")
        return redirect(url_for(".goal", case_id=case.id, goal_id=goal.id))
    return render_template("casework/goal_form.html", form=form, case=case, goal=goal)


@bp.route("/cases/<int:case_id>/goals/<int:goal_id>", methods=["GET", "POST"])
@casework_roles
def goal(case_id: int, goal_id: int):
    """A goal with its progress notes; posting adds a note (and may close the goal)."""
    case = case_to_read(case_id) if request.method == "GET" else case_to_write(case_id)
    goal = service.find_goal(case, goal_id) or abort(404)
    form = ProgressForm()
    if not form.is_submitted():
        form.status.data = goal.status.value
    if (
        form.validate_on_submit()
        and run_service(
            lambda: service.note_progress(
                goal, form.note.data, current_user, status=GoalStatus(form.status.data)
            ),
            form,
        )[0]
    ):
        flash(_("Progress noted."), "success")
        return redirect(url_for(".goal", case_id=case.id, goal_id=goal.id))
    return render_template(
        "casework/goal.html",
        form=form,
        case=case,
        goal=goal,
        today=today_local(),
        can_write=case.can_edit(current_user),
    )
