"""Employment forms: validation only, no writes. Choices that depend on the user (the
communes of their province, the shared list of trades) are set by the views."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from reintegration.core.forms import (
    DayField,
    Form,
    MoneyField,
    MultiCheckboxField,
    VersionedForm,
    optional_text,
    options,
)
from reintegration.employment.models import (
    Availability,
    JobLossReason,
    OpeningStatus,
    Restriction,
)
from reintegration.training.models import CourseLevel


class SearchForm(Form):
    """A GET form: searching changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or tax code"), validators=[Optional(), Length(max=200)])


class EmployerForm(Form):
    name = StringField(
        _l("Name of the employer"), validators=[DataRequired(), Length(max=200)],
        filters=[optional_text],
    )  # fmt: skip
    tax_code = StringField(
        _l("Tax code"),
        validators=[DataRequired(), Length(max=14)],
        filters=[optional_text],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    commune_code = SelectField(_l("Commune"), coerce=int, validators=[InputRequired()])
    address = StringField(
        _l("Address"), validators=[Optional(), Length(max=300)], filters=[optional_text]
    )
    contact_name = StringField(
        _l("Contact person"), validators=[Optional(), Length(max=200)], filters=[optional_text]
    )
    contact_phone = StringField(
        _l("Contact phone"),
        validators=[Optional(), Length(max=30)],
        filters=[optional_text],
        render_kw={"inputmode": "tel"},
    )
    accepts_records = BooleanField(_l("Takes on people who have served a sentence"), default=True)
    agreement_number = StringField(
        _l("Number of the agreement with the People's Committee"),
        validators=[Optional(), Length(max=60)],
        filters=[optional_text],
    )
    agreement_signed_on = DayField(_l("Agreement signed on"), validators=[Optional()])


class EmployerEditForm(EmployerForm, VersionedForm):
    """Carries the version the form was opened at: a stale save is refused."""


def restriction_choices():
    return options(Restriction.choices())


def level_choices():
    return options([("", _l("No level required")), *CourseLevel.choices()])


class OpeningForm(Form):
    title = StringField(
        _l("Job title"), validators=[DataRequired(), Length(max=200)], filters=[optional_text]
    )
    trade_code = SelectField(_l("Trade"), validators=[DataRequired()])
    skill_codes = MultiCheckboxField(_l("Other skills asked"))
    level_required = SelectField(
        _l("Training level required"), choices=level_choices, validators=[Optional()]
    )
    wage = MoneyField(_l("Wage (đồng a month)"), validators=[Optional()])
    seats = IntegerField(_l("Places"), validators=[InputRequired(), NumberRange(1, 10000)])
    commune_code = SelectField(_l("Commune of the workplace"), coerce=int)
    starts_on = DayField(_l("Work starts on"), validators=[InputRequired()])
    closes_on = DayField(_l("Last day for referrals"), validators=[Optional()])
    restrictions = MultiCheckboxField(_l("Restrictions"), choices=restriction_choices)
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=4000)],
        filters=[optional_text],
        render_kw={"rows": 3},
    )


class OpeningFilterForm(Form):
    """A GET form: filtering changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    status = SelectField(
        _l("Status"),
        choices=lambda: options([("", _l("All")), *OpeningStatus.choices()]),
        validators=[Optional()],
    )
    trade = SelectField(_l("Trade"), validators=[Optional()])


class ProfileForm(VersionedForm):
    """Carries the version the form was opened at (0: no profile yet)."""

    interests = MultiCheckboxField(_l("Wants to work in"))
    skills = MultiCheckboxField(_l("Has skills in"))
    preferred_communes = SelectMultipleField(_l("Communes where the person would work"), coerce=int)
    availability = SelectField(
        _l("Availability"),
        choices=lambda: options(Availability.choices()),
        validators=[DataRequired()],
    )
    available_from = DayField(_l("Available from"), validators=[Optional()])
    willing_to_relocate = BooleanField(_l("Would move to another province for work"))
    notes = TextAreaField(
        _l("Notes"),
        validators=[Optional(), Length(max=4000)],
        filters=[optional_text],
        render_kw={"rows": 3},
    )


class InterviewForm(Form):
    on = DayField(_l("Interviewed on"), validators=[InputRequired()])


class HireForm(Form):
    on = DayField(_l("First day of work"), validators=[InputRequired()])


class NotHiredForm(Form):
    on = DayField(_l("Date"), validators=[InputRequired()])
    reason = TextAreaField(
        _l("Why the person was not hired"),
        validators=[DataRequired(), Length(max=2000)],
        render_kw={"rows": 2},
    )


class JobLostForm(Form):
    on = DayField(_l("Last day of work"), validators=[InputRequired()])
    reason = SelectField(
        _l("Reason"),
        choices=lambda: options([("", "—"), *JobLossReason.choices()]),
        validators=[DataRequired()],
    )
    note = StringField(
        _l("Note"), validators=[Optional(), Length(max=300)], filters=[optional_text]
    )
