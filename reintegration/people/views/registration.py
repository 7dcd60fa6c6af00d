"""Registering a released person: one form, checked by the registration service."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.core import once
from reintegration.core.actions import run_service
from reintegration.core.forms import options
from reintegration.extensions import db
from reintegration.people.forms import RegistrationForm, ReleaseFields, amnesty_decision_choices
from reintegration.people.models import (
    CaseStatus,
    Classification,
    Need,
    OffenceGroup,
    ReleaseType,
    SentenceKind,
    Sex,
)
from reintegration.people.services.data import IntakeData, PersonData, ReleaseData
from reintegration.people.services.registration import (
    DuplicateIdNumber,
    SimilarPeople,
    number_registered_meanwhile_refused,
    register_person,
)
from reintegration.people.views import bp
from reintegration.people.views.common import (
    caseworkers_in_scope,
    communes_in_scope,
    read_residence,
)


def registration_form() -> RegistrationForm:
    form = RegistrationForm()
    commune_choices = [(c.code, c.name) for c in communes_in_scope()]
    form.commune_code.choices = options(commune_choices)
    form.residence_commune_code.choices = options([(None, "—"), *commune_choices])
    form.caseworker_id.choices = options(
        [(None, "—")] + [(u.id, u.full_name) for u in caseworkers_in_scope()]
    )
    form.amnesty_decision_id.choices = amnesty_decision_choices()
    return form


def person_data(form) -> PersonData:
    return PersonData(
        full_name=form.full_name.data,
        other_names=form.other_names.data,
        birth_date=form.birth_date.data,
        birth_year=form.birth_year.data,
        sex=Sex(form.sex.data),
        id_number=form.id_number.data,
        old_id_number=form.old_id_number.data,
        nationality=form.nationality.data,
        passport_number=form.passport_number.data,
        ethnicity=form.ethnicity.data,
        phone=form.phone.data,
        residence_commune_code=form.residence_commune_code.data,
        residence_address=form.residence_address.data,
        residence_as_written=form.residence_as_written.data,
        current_address=form.current_address.data,
        family_contact=form.family_contact.data,
    )


def release_data(form: ReleaseFields) -> ReleaseData:
    return ReleaseData(
        release_type=ReleaseType(form.release_type.data),
        release_date=form.release_date.data,
        amnesty_decision_id=form.amnesty_decision_id.data,
        certificate_number=form.certificate_number.data,
        detention_facility=form.detention_facility.data,
        offence_group=OffenceGroup(form.offence_group.data) if form.offence_group.data else None,
        offence_against_children=form.offence_against_children.data,
        offence=form.offence.data,
        sentence_months=form.sentence_months.data,
        served_months=form.served_months.data,
        sentence_kind=SentenceKind(form.sentence_kind.data) if form.sentence_kind.data else None,
        sentence_ended_on=form.sentence_ended_on.data,
        additional_penalty_until=form.additional_penalty_until.data,
    )


def intake_data(form: RegistrationForm) -> IntakeData:
    return IntakeData(
        commune_code=form.commune_code.data,
        status=CaseStatus(form.status.data),
        notified_on=form.notified_on.data,
        received_on=form.received_on.data,
        caseworker_id=form.caseworker_id.data,
        classification=(
            Classification(form.classification.data) if form.classification.data else None
        ),
        extremely_difficult=form.extremely_difficult.data,
        needs={Need(n) for n in form.needs.data or ()},
        intake_notes=form.intake_notes.data,
    )


def case_url(registration) -> str:
    return url_for("people.case_file", case_id=registration.case.id)


@bp.route("/people/new", methods=["GET", "POST"])
@casework_roles
def register():
    form = registration_form()
    duplicate_case, similar = None, []
    if form.is_submitted() and form.read_address.data:
        # Not a registration: the form comes back filled, with everything typed kept.
        reading = read_residence(form)
        return render_template(
            "people/register.html", form=form, duplicate_case=None, similar=[],
            address_reading=reading,
        )  # fmt: skip
    if form.validate_on_submit():
        person = person_data(form)

        def register_once():
            once.claim(form.form_token.data, current_user)
            with number_registered_meanwhile_refused(person, current_user):
                registration = register_person(
                    person,
                    release_data(form),
                    intake_data(form),
                    actor=current_user,
                    confirmed_not_duplicate=form.confirm_not_duplicate.data,
                    accept_id_mismatch=form.confirm_id_mismatch.data,
                )
                once.complete(form.form_token.data, case_url(registration))
                db.session.commit()  # inside the guard, which catches the database's refusal
            return registration

        try:
            registered, result = run_service(register_once, form)
        except once.AlreadySent as sent:
            return once.answer_repeat(sent, url_for("people.people"))
        if registered:
            flash(_("%(name)s is registered.", name=result.person.full_name), "success")
            return redirect(case_url(result))
        if isinstance(result, DuplicateIdNumber):
            duplicate_case = result.case
        elif isinstance(result, SimilarPeople):
            similar = result.matches
    return render_template(
        "people/register.html", form=form, duplicate_case=duplicate_case, similar=similar
    )
