"""One route for every step of the workflow: load in scope, check the role, validate the
step's form, call its service, commit once."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reintegration.accounts.models import Role
from reintegration.core.actions import run_service
from reintegration.loans.services import workflow
from reintegration.loans.services.workflow import ACTIONS, PAGE_ACTIONS
from reintegration.loans.views import bp
from reintegration.loans.views.applications import STEP_FORMS, render_application
from reintegration.loans.views.common import application_or_404

PREPARER_ROLES = (Role.CASEWORKER, Role.PROVINCE_OFFICER)


def run_step(action: str, application, form):
    """The service call for ``action`` with the form's data."""
    actor = current_user._get_current_object()
    data = form.data if form is not None else {}
    calls = {
        "submit": lambda: workflow.submit(application, actor),
        "resubmit": lambda: workflow.resubmit(application, actor),
        "take": lambda: workflow.take_under_review(application, actor),
        "return": lambda: workflow.return_for_changes(application, actor, data.get("comment")),
        "reject": lambda: workflow.reject(application, actor, data.get("comment")),
        "endorse": lambda: workflow.endorse(application, actor, data.get("comment")),
        "certify": lambda: workflow.certify(application, actor, data["on"], data.get("reference")),
        "send": lambda: workflow.send_to_bank(application, actor, data["on"]),
        "approve": lambda: workflow.record_approval(
            application,
            actor,
            amount=data["amount"],
            term_months=data["term_months"],
            annual_rate=data.get("rate"),
            rate_reason=data.get("rate_reason"),
            decided_on=data["on"],
            reference=data.get("reference"),
        ),
        "decline": lambda: workflow.record_decline(
            application, actor, data.get("comment"), data["on"]
        ),
        "disburse": lambda: workflow.record_disbursement(application, actor, data["on"]),
    }
    return calls[action]()


@bp.post(f"/loans/<int:application_id>/<any({', '.join(PAGE_ACTIONS)}):action>")
@login_required
def step(application_id: int, action: str):
    who = ACTIONS[action][2]
    allowed_roles = (Role.UNION_REVIEWER,) if who == "reviewer" else PREPARER_ROLES
    if not current_user.has_role(*allowed_roles):
        abort(403)
    application = application_or_404(application_id)
    form_class = STEP_FORMS.get(action)
    form = form_class(prefix=action) if form_class is not None else None
    if form is not None and not form.validate_on_submit():
        if action not in workflow.available_actions(application, current_user):
            # The page will not show this step's form: say why above it instead.
            for errors in form.errors.values():
                for error in errors:
                    flash(error, "danger")
        return render_application(application, **{action: form})
    done, refusal = run_service(lambda: run_step(action, application, form), form)
    if not done:
        if refusal is None:  # changed by someone else at the same moment
            return redirect(url_for(".application", application_id=application_id))
        application = application_or_404(application_id)
        return render_application(application, **({action: form} if form else {}))
    flash(
        _("Done: %(step)s.", step=workflow.action_label(action)),
        "success",
    )
    return redirect(url_for(".application", application_id=application_id))
