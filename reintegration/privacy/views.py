"""The privacy pages: a person's data-access report (the province officer states why, picks
a format, and gets the file; every production is audited), and the administrators' record
of personal-data breaches under /admin/ (counted down to the notice to the authority)."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import admin_required
from reintegration.accounts.models import Role
from reintegration.core.actions import run_service
from reintegration.core.auth import roles_required
from reintegration.core.clock import LOCAL_TZ, local_instant, now_utc, today_local
from reintegration.core.documents import file_response
from reintegration.extensions import db
from reintegration.privacy.forms import AccessReportForm, BreachForm
from reintegration.privacy.models import DataBreach
from reintegration.privacy.services import breaches
from reintegration.privacy.services.access_report import PDF, find_person, produce

FILE_STEM = "du-lieu-ca-nhan"

bp = Blueprint("privacy", __name__)


@bp.route("/privacy/people/<int:person_id>/access-report", methods=["GET", "POST"])
@roles_required(Role.PROVINCE_OFFICER)
def access_report(person_id: int):
    person = find_person(person_id, current_user) or abort(404)
    form = AccessReportForm()
    if form.validate_on_submit():
        produced, result = run_service(
            lambda: produce(
                person, form.format.data, form.reason.data, current_user, today=today_local()
            ),
            form,
        )
        if produced:
            content, _holdings = result
            if form.format.data == PDF:
                return file_response(content, "application/pdf", f"{FILE_STEM}-{person.id}.pdf")
            return file_response(content, "application/json", f"{FILE_STEM}-{person.id}.json")
    return render_template("privacy/access_report.html", person=person, form=form)


# --- Personal-data breaches (administrators) ----------------------------------------------


def breach_data(form: BreachForm) -> breaches.BreachData:
    notified = None
    if form.notified_on.data is not None and form.notified_time.data is not None:
        notified = local_instant(form.notified_on.data, form.notified_time.data)
    return breaches.BreachData(
        discovered_at=local_instant(form.discovered_on.data, form.discovered_time.data),
        description=form.description.data or "",
        actions_taken=form.actions_taken.data or "",
        data_categories=list(form.data_categories.data or []),
        people_affected=form.people_affected.data,
        case_numbers=form.case_numbers.data or "",
        authority_notified_at=notified,
        authority_reference=form.authority_reference.data,
        late_reason=form.late_reason.data,
    )


def fill(form: BreachForm, breach: DataBreach) -> None:
    """The record's values in the form (local days and times)."""
    data = breaches.data_of(breach)
    discovered = data.discovered_at.astimezone(LOCAL_TZ)
    form.discovered_on.data, form.discovered_time.data = discovered.date(), discovered.time()
    if data.authority_notified_at is not None:
        notified = data.authority_notified_at.astimezone(LOCAL_TZ)
        form.notified_on.data, form.notified_time.data = notified.date(), notified.time()
    for name in ("description", "actions_taken", "data_categories", "people_affected",
                 "case_numbers", "authority_reference", "late_reason"):  # fmt: skip
        getattr(form, name).data = getattr(data, name)
    form.version.data = str(breach.version)


@bp.get("/admin/data-breaches/")
@admin_required
def breaches_list():
    now = now_utc()
    rows = [(b, breaches.countdown(b, now)) for b in db.session.scalars(breaches.breaches_query())]
    return render_template("privacy/breaches.html", rows=rows, hours=breaches.notification_hours())


@bp.route("/admin/data-breaches/new", methods=["GET", "POST"])
@admin_required
def new_breach():
    form = BreachForm()
    if form.validate_on_submit():
        recorded, breach = run_service(
            lambda: breaches.record_breach(breach_data(form), current_user), form
        )
        if recorded:
            flash(_("The breach is recorded. Notify the authority before the deadline."), "success")
            return redirect(url_for(".breach", breach_id=breach.id))
    return render_template(
        "privacy/breach.html", form=form, breach=None, hours=breaches.notification_hours()
    )


@bp.route("/admin/data-breaches/<int:breach_id>", methods=["GET", "POST"])
@admin_required
def breach(breach_id: int):
    record = db.get_or_404(DataBreach, breach_id)
    form = BreachForm()
    if form.validate_on_submit():
        version = int(form.version.data or 0)
        saved, changed = run_service(
            lambda: breaches.update_breach(
                record, breach_data(form), current_user, expected_version=version
            ),
            form,
            record=record,
        )
        if saved:
            flash(
                _("Saved.") if changed else _("Nothing changed."), "success" if changed else "info"
            )
            return redirect(url_for(".breach", breach_id=record.id))
    elif not form.is_submitted():
        fill(form, record)
    return render_template(
        "privacy/breach.html",
        form=form,
        breach=record,
        countdown=breaches.countdown(record, now_utc()),
        hours=breaches.notification_hours(),
    )
