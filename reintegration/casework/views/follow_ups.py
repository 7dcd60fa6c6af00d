"""Follow-ups on the case file: the Follow-ups tab's data, and the page that marks one done.

The tab itself is drawn by the people domain's case file: this blueprint registers
templates/casework/_follow_ups_tab.html as the section "follow_ups" of the Follow-ups tab
(people/case_sections.py), built by ``schedule.case_schedule``.
"""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.casework.forms import FollowUpDoneForm
from reintegration.casework.services import schedule
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.people.case_sections import CaseSection, on_blueprint
from reintegration.people.services.case_file import find_case, record_case_view

bp = Blueprint("follow_ups", __name__)


on_blueprint(
    bp,
    CaseSection(
        "follow_ups", "follow_ups", "casework/_follow_ups_tab.html", schedule.case_schedule
    ),
)


@bp.route("/cases/<int:case_id>/follow-ups/<int:follow_up_id>/done", methods=["GET", "POST"])
@casework_roles
def mark_done(case_id: int, follow_up_id: int):
    case = find_case(case_id, current_user) or abort(404)
    follow_up = schedule.find_follow_up(case, follow_up_id) or abort(404)
    form = FollowUpDoneForm()
    if not form.is_submitted():
        form.done_on.data = today_local()
    if (
        form.validate_on_submit()
        and run_service(
            lambda: schedule.complete_follow_up(
                follow_up, done_on=form.done_on.data, outcome=form.outcome.data, actor=current_user
            ),
            form,
        )[0]
    ):
        flash(_("The follow-up is recorded as done."), "success")
        return redirect(url_for("people.case_file", case_id=case.id, tab="follow_ups"))
    record_case_view(case, current_user, "follow_up_done")
    db.session.commit()
    return render_template(
        "casework/follow_up_done.html", case=case, follow_up=follow_up, form=form
    )
