"""Forms for registering and editing people and cases. Validation only; no writes."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from reintegration.core.forms import (
    DayField,
    Form,
    MultiCheckboxField,
    SelectChoice,
    VersionedForm,
    optional_int,
    optional_text,
    options,
)
from reintegration.core.once import OnceForm
from reintegration.extensions import db
from reintegration.people.countries import VIET_NAM, country_choices
from reintegration.people.models import (
    AmnestyDecision,
    CaseStatus,
    Classification,
    CloseReason,
    ExpungementBand,
    Need,
    OffenceGroup,
    ReleaseType,
    ResidenceCheck,
    SentenceKind,
    Sex,
)
from reintegration.people.services.revisions import CASE_FIELDS, PERSON_FIELDS, RELEASE_FIELDS


class PersonFields(Form):
    full_name = StringField(
        PERSON_FIELDS["full_name"], validators=[DataRequired(), Length(max=200)]
    )
    other_names = StringField(
        PERSON_FIELDS["other_names"], validators=[Optional(), Length(max=300)],
        filters=[optional_text],
    )  # fmt: skip
    birth_date = DayField(PERSON_FIELDS["birth_date"], validators=[Optional()])
    birth_year = IntegerField(
        PERSON_FIELDS["birth_year"], validators=[InputRequired(), NumberRange(1900, 2100)]
    )
    sex = SelectField(
        PERSON_FIELDS["sex"], choices=lambda: options(Sex.choices()), validators=[DataRequired()]
    )
    id_number = StringField(
        PERSON_FIELDS["id_number"], validators=[Optional(), Length(max=20)],
        filters=[optional_text], render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )  # fmt: skip
    confirm_id_mismatch = BooleanField(
        _l("The ID number is as the papers write it: save it with a data-error flag")
    )
    old_id_number = StringField(
        PERSON_FIELDS["old_id_number"], validators=[Optional(), Length(max=15)],
        filters=[optional_text], render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )  # fmt: skip
    nationality = SelectField(
        PERSON_FIELDS["nationality"],
        choices=lambda: country_choices(),
        default=VIET_NAM,
        validators=[DataRequired()],
    )
    passport_number = StringField(
        PERSON_FIELDS["passport_number"], validators=[Optional(), Length(max=30)],
        filters=[optional_text], render_kw={"autocomplete": "off"},
    )  # fmt: skip
    ethnicity = StringField(
        PERSON_FIELDS["ethnicity"], default="Kinh", validators=[Optional(), Length(max=100)],
        filters=[optional_text],
    )  # fmt: skip
    phone = StringField(
        PERSON_FIELDS["phone"], validators=[Optional(), Length(max=30)], filters=[optional_text],
        render_kw={"inputmode": "tel", "autocomplete": "off"},
    )  # fmt: skip
    residence_commune_code = SelectField(
        PERSON_FIELDS["residence_commune_code"], coerce=optional_int, validators=[Optional()]
    )
    residence_address = StringField(
        PERSON_FIELDS["residence_address"], validators=[Optional(), Length(max=300)],
        filters=[optional_text],
    )  # fmt: skip
    residence_as_written = TextAreaField(
        PERSON_FIELDS["residence_as_written"], validators=[Optional(), Length(max=1000)],
        filters=[optional_text],
        render_kw={"rows": 2},
    )  # fmt: skip
    current_address = StringField(
        PERSON_FIELDS["current_address"], validators=[Optional(), Length(max=300)],
        filters=[optional_text],
    )  # fmt: skip
    family_contact = TextAreaField(
        PERSON_FIELDS["family_contact"], validators=[Optional()], filters=[optional_text],
        render_kw={"rows": 2},
    )  # fmt: skip


class ReleaseFields(Form):
    release_type = SelectField(
        RELEASE_FIELDS["release_type"],
        choices=lambda: options(ReleaseType.choices()),
        validators=[DataRequired()],
    )
    amnesty_decision_id = SelectField(
        RELEASE_FIELDS["amnesty_decision_id"], coerce=optional_int, validators=[Optional()]
    )
    release_date = DayField(RELEASE_FIELDS["release_date"], validators=[DataRequired()])
    certificate_number = StringField(
        RELEASE_FIELDS["certificate_number"],
        validators=[Optional(), Length(max=60)],
        filters=[optional_text],
    )
    detention_facility = StringField(
        RELEASE_FIELDS["detention_facility"], validators=[Optional(), Length(max=200)],
        filters=[optional_text],
    )  # fmt: skip
    offence_group = SelectField(
        RELEASE_FIELDS["offence_group"],
        choices=lambda: options([("", "—"), *OffenceGroup.choices()]),
        validators=[Optional()],
    )
    offence_against_children = BooleanField(RELEASE_FIELDS["offence_against_children"])
    offence = StringField(
        RELEASE_FIELDS["offence"], validators=[Optional(), Length(max=300)],
        filters=[optional_text],
    )  # fmt: skip
    sentence_months = IntegerField(
        RELEASE_FIELDS["sentence_months"], validators=[Optional(), NumberRange(0, 600)]
    )
    served_months = IntegerField(
        RELEASE_FIELDS["served_months"], validators=[Optional(), NumberRange(0, 600)]
    )
    sentence_kind = SelectField(
        RELEASE_FIELDS["sentence_kind"],
        choices=lambda: options([("", "—"), *SentenceKind.choices()]),
        validators=[Optional()],
    )
    sentence_ended_on = DayField(RELEASE_FIELDS["sentence_ended_on"], validators=[Optional()])
    additional_penalty_until = DayField(
        RELEASE_FIELDS["additional_penalty_until"], validators=[Optional()]
    )


class IntakeFields(Form):
    commune_code = SelectField(CASE_FIELDS["commune_code"], coerce=int)
    caseworker_id = SelectField(
        CASE_FIELDS["caseworker_id"], coerce=optional_int, validators=[Optional()]
    )
    status = SelectField(
        _l("Stage"),
        choices=lambda: options(
            [
                (CaseStatus.NOTIFIED.value, _l("Notice of arrival received")),
                (CaseStatus.RECEIVED.value, _l("The person has reported to the commune")),
            ]
        ),
    )
    notified_on = DayField(CASE_FIELDS["notified_on"], validators=[Optional()])
    received_on = DayField(CASE_FIELDS["received_on"], validators=[Optional()])
    classification = SelectField(
        CASE_FIELDS["classification"],
        choices=lambda: options([("", "—"), *Classification.choices()]),
        validators=[Optional()],
    )
    extremely_difficult = BooleanField(CASE_FIELDS["extremely_difficult"])
    needs = MultiCheckboxField(CASE_FIELDS["needs"], choices=lambda: options(Need.choices()))
    intake_notes = TextAreaField(
        CASE_FIELDS["intake_notes"], validators=[Optional()], filters=[optional_text],
        render_kw={"rows": 3},
    )  # fmt: skip


class RegistrationForm(OnceForm, PersonFields, ReleaseFields, IntakeFields):
    # Fills the commune and street from the address pasted from the release papers.
    read_address = SubmitField(_l("Read the address"))
    confirm_not_duplicate = BooleanField(
        _l("I have checked: this is a different person from the similar files shown")
    )


class PersonEditForm(PersonFields, VersionedForm):
    read_address = SubmitField(_l("Read the address"))


class ReleaseEditForm(ReleaseFields, VersionedForm):
    # "1" when the offence details were in the form as drawn: only then are they taken
    # from it (revealing them in another tab meanwhile must not blank them).
    offence_shown = HiddenField()


class CaseEditForm(VersionedForm):
    caseworker_id = IntakeFields.caseworker_id
    notified_on = IntakeFields.notified_on
    received_on = IntakeFields.received_on
    extremely_difficult = IntakeFields.extremely_difficult
    needs = IntakeFields.needs
    intake_notes = IntakeFields.intake_notes


class ClassificationForm(VersionedForm):
    classification = SelectField(
        _l("New classification"),
        choices=lambda: options(Classification.choices()),
        validators=[DataRequired()],
    )
    reason = TextAreaField(_l("Reason"), validators=[DataRequired()], render_kw={"rows": 2})
    held_at = StringField(
        CASE_FIELDS["held_at"], validators=[Optional(), Length(max=200)], filters=[optional_text]
    )


class ResidenceCheckForm(VersionedForm):
    checked_on = DayField(CASE_FIELDS["residence_checked_on"], validators=[DataRequired()])
    result = SelectField(
        CASE_FIELDS["residence_check"],
        choices=lambda: options([("", "—"), *ResidenceCheck.choices()]),
        validators=[DataRequired()],
    )
    hcd03_sent_on = DayField(CASE_FIELDS["hcd03_sent_on"], validators=[Optional()])


class StatusForm(VersionedForm):
    action = HiddenField(validators=[DataRequired()])
    on = DayField(_l("Date"), validators=[DataRequired()])
    close_reason = SelectField(
        CASE_FIELDS["close_reason"],
        choices=lambda: options([("", "—"), *CloseReason.choices()]),
        validators=[Optional()],
    )


class RevealForm(Form):
    reason = TextAreaField(
        _l("Why do you need to see the offence?"),
        validators=[DataRequired()],
        render_kw={"rows": 2},
    )


class CaseSearchForm(Form):
    """GET: searching changes nothing, so no CSRF token."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or ID number"), validators=[Optional()])
    commune = SelectField(_l("Commune"), coerce=optional_int, validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])
    classification = SelectField(
        _l("Classification"), choices=lambda: options([("", _l("All")), *Classification.choices()]),
        validators=[Optional()],
    )  # fmt: skip
    release_type = SelectField(
        _l("Release type"), choices=lambda: options([("", _l("All")), *ReleaseType.choices()]),
        validators=[Optional()],
    )  # fmt: skip
    caseworker = SelectField(_l("Caseworker"), coerce=optional_int, validators=[Optional()])


class MergeChoiceForm(Form):
    """Read from the query string (step 1) and the form (step 2); the POST is still
    guarded by the app-wide CSRF protection."""

    class Meta:
        csrf = False

    other = IntegerField(_l("Case number of the other file"), validators=[InputRequired()])


class AmnestyDecisionForm(Form):
    number = StringField(
        _l("Decision number"), validators=[DataRequired(), Length(max=40)],
        render_kw={"placeholder": "767/QĐ-CTN"},
    )  # fmt: skip
    signed_on = DayField(_l("Signed on"), validators=[DataRequired()])
    round_label = StringField(_l("Round"), validators=[DataRequired(), Length(max=100)])
    released_count = IntegerField(
        _l("People released"), validators=[Optional(), NumberRange(min=0)]
    )


class ExpungementPeriodForm(Form):
    band = SelectField(
        _l("Sentence"), choices=lambda: options(ExpungementBand.choices()),
        validators=[DataRequired()],
    )  # fmt: skip
    by_court = BooleanField(_l("Only by a court (national security, war crimes: Art. 71)"))
    months = IntegerField(
        _l("Period in months"), validators=[InputRequired(), NumberRange(min=1, max=240)]
    )
    effective_from = DayField(_l("In force from"), validators=[InputRequired()])
    legal_basis = StringField(
        _l("Legal basis"), validators=[DataRequired(), Length(max=200)], filters=[optional_text]
    )


def amnesty_decision_choices() -> list[SelectChoice]:
    """The amnesty decisions, newest first, for the registration, edit and import forms."""
    decisions = db.session.scalars(
        select(AmnestyDecision).order_by(AmnestyDecision.signed_on.desc())
    )
    return options([(None, "—")] + [(d.id, d.label) for d in decisions])
