"""Editing a person, a case or its release, and the case's status and classification.

Every form carries the version it was opened at; a save based on an older version is
refused by the service, and the page shows what the other person changed while keeping
what this user typed."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.core.actions import run_service
from reintegration.core.exceptions import DomainError
from reintegration.core.forms import options
from reintegration.extensions import db
from reintegration.people.forms import (
    CaseEditForm,
    ClassificationForm,
    PersonEditForm,
    ReleaseEditForm,
    ResidenceCheckForm,
    StatusForm,
    amnesty_decision_choices,
)
from reintegration.people.models import Classification, CloseReason, Need, ResidenceCheck
from reintegration.people.services import editing
from reintegration.people.services.case_file import record_case_view
from reintegration.people.services.data import CaseData
from reintegration.people.services.editing import EditConflict
from reintegration.people.views import bp
from reintegration.people.views.case_file import offence_revealed, render_case_file
from reintegration.people.views.common import (
    case_or_404,
    caseworkers_for,
    communes_in_scope,
    read_residence,
)
from reintegration.people.views.registration import person_data, release_data


def save(operation, form, record=None) -> tuple[bool, EditConflict | None]:
    """Run one editing service (``core.actions.run_service``) and hand back the conflict,
    if that was the reason, for the page to show what changed."""
    done, refusal = run_service(operation, form, record=record)
    return done, refusal if isinstance(refusal, EditConflict) else None


def record_form_read(case, form, section: str) -> None:
    """An edit form shows the whole record (ID number, phone, addresses, family contact):
    opening it is a read of the file, audited as the case file's tabs are."""
    if not form.is_submitted():
        record_case_view(case, current_user, section)
        db.session.commit()


def refused_when_anonymised(case):
    """An anonymised file opens no edit form: back to the case file, saying why (the
    services refuse the change too, whatever the caller)."""
    try:
        editing.check_not_anonymised(case.person)
    except DomainError as error:  # a check before the form, not a change: nothing to commit
        flash(error.message, "warning")
        return redirect(url_for(".case_file", case_id=case.id))
    return None


@bp.route("/cases/<int:case_id>/person", methods=["GET", "POST"])
@casework_roles
def edit_person(case_id: int):
    case = case_or_404(case_id)
    if refused := refused_when_anonymised(case):
        return refused
    person = case.person
    form = PersonEditForm(obj=person)
    commune_choices = [(c.code, c.name) for c in communes_in_scope()]
    if person.residence_commune and person.residence_commune_code not in dict(commune_choices):
        commune_choices.append((person.residence_commune_code, person.residence_commune.name))
    form.residence_commune_code.choices = options([(None, "—"), *commune_choices])
    record_form_read(case, form, "edit_person")
    conflict = None
    if form.is_submitted() and form.read_address.data:
        # Not a save: the form comes back filled, with everything typed kept.
        reading = read_residence(form)
        return render_template(
            "people/edit_person.html", form=form, case=case, person=person, conflict=None,
            address_reading=reading,
        )  # fmt: skip
    if form.validate_on_submit():
        saved, conflict = save(
            lambda: editing.update_person(
                person,
                person_data(form),
                expected_version=form.expected_version,
                actor=current_user,
                accept_id_mismatch=form.confirm_id_mismatch.data,
            ),
            form,
            person,
        )
        if saved:
            flash(_("Saved."), "success")
            return redirect(url_for(".case_file", case_id=case.id))
    return render_template(
        "people/edit_person.html", form=form, case=case, person=person, conflict=conflict
    )


@bp.route("/cases/<int:case_id>/edit", methods=["GET", "POST"])
@casework_roles
def edit_case(case_id: int):
    case = case_or_404(case_id)
    if refused := refused_when_anonymised(case):
        return refused
    form = CaseEditForm(obj=case)
    form.caseworker_id.choices = options(
        [(None, "—")] + [(u.id, u.full_name) for u in caseworkers_for([case.commune_code])]
    )
    if not form.is_submitted():
        form.needs.data = sorted(n.value for n in case.need_values)
    record_form_read(case, form, "edit_case")
    conflict = None
    if form.validate_on_submit():
        data = CaseData(
            caseworker_id=form.caseworker_id.data,
            extremely_difficult=form.extremely_difficult.data,
            needs={Need(n) for n in form.needs.data or ()},
            intake_notes=form.intake_notes.data,
            notified_on=form.notified_on.data,
            received_on=form.received_on.data,
        )
        saved, conflict = save(
            lambda: editing.update_case(
                case, data, expected_version=form.expected_version, actor=current_user
            ),
            form,
            case,
        )
        if saved:
            flash(_("Saved."), "success")
            return redirect(url_for(".case_file", case_id=case.id))
    return render_template("people/edit_case.html", form=form, case=case, conflict=conflict)


@bp.route("/cases/<int:case_id>/release", methods=["GET", "POST"])
@casework_roles
def edit_release(case_id: int):
    """Correct the release. The offence details are in the form only while they are shown
    to the user (after a stated reason, on the case file), and taken from it only if they
    were in the form the user saw and are still shown."""
    case = case_or_404(case_id)
    if refused := refused_when_anonymised(case):
        return refused
    release = case.release or abort(404)
    revealed = offence_revealed(case)
    form = ReleaseEditForm(obj=release)
    form.amnesty_decision_id.choices = amnesty_decision_choices()
    record_form_read(case, form, "edit_release")
    conflict = None
    if form.validate_on_submit():
        in_form = form.offence_shown.data == "1"
        if in_form and not revealed:
            flash(
                _(
                    "The offence details are no longer shown to you, so nothing was saved. "
                    "Show them again on the Release tab, then save."
                ),
                "warning",
            )
        else:
            saved, conflict = save(
                lambda: editing.correct_release(
                    release,
                    release_data(form),
                    expected_version=form.expected_version,
                    actor=current_user,
                    with_offence=in_form,
                ),
                form,
                release,
            )
            if saved:
                flash(_("Saved."), "success")
                return redirect(url_for(".case_file", case_id=case.id, tab="release"))
    form.offence_shown.data = "1" if revealed else ""
    return render_template(
        "people/edit_release.html",
        form=form,
        case=case,
        conflict=conflict,
        with_offence=revealed,
    )


@bp.post("/cases/<int:case_id>/classification")
@casework_roles
def change_classification(case_id: int):
    case = case_or_404(case_id)
    form = ClassificationForm()
    if form.validate_on_submit():
        saved, _conflict = save(
            lambda: editing.change_classification(
                case,
                Classification(form.classification.data),
                form.reason.data,
                expected_version=form.expected_version,
                actor=current_user,
                held_at=form.held_at.data,
            ),
            form,
        )
        if saved:
            flash(_("Classification changed."), "success")
            return redirect(url_for(".case_file", case_id=case.id, tab="classification"))
        case = case_or_404(case_id)
    return render_case_file(case, "classification", classification_form=form)


@bp.post("/cases/<int:case_id>/id-data-error/resolve")
@casework_roles
def resolve_id_data_error(case_id: int):
    case = case_or_404(case_id)
    if not case.can_edit(current_user):
        abort(403)
    if run_service(lambda: editing.resolve_id_data_error(case.person, actor=current_user))[0]:
        flash(_("The data error is marked resolved."), "success")
    return redirect(url_for(".case_file", case_id=case.id))


@bp.post("/cases/<int:case_id>/residence-check")
@casework_roles
def record_residence_check(case_id: int):
    case = case_or_404(case_id)
    form = ResidenceCheckForm()
    if form.validate_on_submit():
        saved, _conflict = save(
            lambda: editing.record_residence_check(
                case,
                form.checked_on.data,
                ResidenceCheck(form.result.data),
                form.hcd03_sent_on.data,
                expected_version=form.expected_version,
                actor=current_user,
            ),
            form,
        )
        if saved:
            flash(_("The residence check is recorded."), "success")
            return redirect(url_for(".case_file", case_id=case.id))
        case = case_or_404(case_id)
    return render_case_file(case, "overview", residence_form=form)


STATUS_ACTIONS = {
    "receive": lambda case, form: editing.receive(
        case, form.on.data, expected_version=form.expected_version, actor=current_user
    ),
    "activate": lambda case, form: editing.activate(
        case, expected_version=form.expected_version, actor=current_user
    ),
    "close": lambda case, form: editing.close(
        case,
        CloseReason(form.close_reason.data) if form.close_reason.data else None,
        form.on.data,
        expected_version=form.expected_version,
        actor=current_user,
    ),
}


@bp.post("/cases/<int:case_id>/status")
@casework_roles
def change_status(case_id: int):
    case = case_or_404(case_id)
    form = StatusForm()
    action = STATUS_ACTIONS.get(form.action.data)
    if action is None:  # the page's buttons name one: not a form refused, a request malformed
        abort(400)
    if form.validate_on_submit():
        saved, _conflict = save(lambda: action(case, form), form)
        if saved:
            flash(_("Status changed."), "success")
            return redirect(url_for(".case_file", case_id=case.id))
        case = case_or_404(case_id)
    return render_case_file(case, "overview", status_form=form)
