"""The data-access report page: the province officer states why, picks a format, and gets
the file; every production is audited."""

from flask import abort, render_template
from flask_login import current_user

from reintegration.accounts.models import Role
from reintegration.core.auth import roles_required
from reintegration.core.clock import today_local
from reintegration.core.documents import file_response
from reintegration.core.exceptions import DomainError
from reintegration.core.forms import attach_error
from reintegration.extensions import db
from reintegration.privacy import bp
from reintegration.privacy.forms import AccessReportForm
from reintegration.privacy.services.access_report import PDF, find_person, produce

FILE_STEM = "du-lieu-ca-nhan"


@bp.route("/privacy/people/<int:person_id>/access-report", methods=["GET", "POST"])
@roles_required(Role.PROVINCE_OFFICER)
def access_report(person_id: int):
    person = find_person(person_id, current_user) or abort(404)
    form = AccessReportForm()
    if form.validate_on_submit():
        try:
            content, _holdings = produce(
                person, form.format.data, form.reason.data, current_user, today=today_local()
            )
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            if form.format.data == PDF:
                return file_response(content, "application/pdf", f"{FILE_STEM}-{person.id}.pdf")
            return file_response(content, "application/json", f"{FILE_STEM}-{person.id}.json")
    status = 400 if form.is_submitted() else 200
    return render_template("privacy/access_report.html", person=person, form=form), status
