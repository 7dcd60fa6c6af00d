"""Training forms: validation only, no writes. Money is typed in đồng as people write it
("3.000.000"), percentages with a decimal comma; dates dd/mm/yyyy."""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from reintegration.core.forms import (
    DayField,
    DecimalCommaField,
    Form,
    MoneyField,
    MultiCheckboxField,
    VersionedForm,
    optional_int,
    optional_text,
    options,
)
from reintegration.training.models import CourseLevel, FeeSupport, ProviderKind, SupportKind
from reintegration.training.services.trades import trade_choices

MAX_SEATS = 10_000


class ProviderForm(Form):
    name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=200)], filters=[optional_text]
    )
    kind = SelectField(
        _l("Kind of provider"),
        choices=lambda: options(ProviderKind.choices()),
        validators=[DataRequired()],
    )
    commune_code = SelectField(_l("Commune"), coerce=optional_int, validators=[Optional()])
    address = StringField(
        _l("Address"), validators=[Optional(), Length(max=300)], filters=[optional_text]
    )
    contact = StringField(
        _l("Contact (person, phone)"),
        validators=[Optional(), Length(max=200)],
        filters=[optional_text],
    )


class ProviderEditForm(ProviderForm, VersionedForm):
    """Carries the version the form was opened at: a stale save is refused."""

    active = BooleanField(_l("Still offers courses"))


class CourseForm(Form):
    title = StringField(
        _l("Title of the course"),
        validators=[DataRequired(), Length(max=200)],
        filters=[optional_text],
    )
    trade_code = SelectField(
        _l("Trade"), choices=lambda: options(trade_choices()), validators=[DataRequired()]
    )
    level = SelectField(
        _l("Level"), choices=lambda: options(CourseLevel.choices()), validators=[DataRequired()]
    )
    commune_code = SelectField(
        _l("Commune where it is taught"), coerce=optional_int, validators=[DataRequired()]
    )
    starts_on = DayField(_l("Starts on"), validators=[InputRequired()])
    ends_on = DayField(_l("Ends on"), validators=[InputRequired()])
    seats = IntegerField(_l("Seats"), validators=[InputRequired(), NumberRange(1, MAX_SEATS)])
    cost = MoneyField(_l("Cost of the course (đồng)"), validators=[InputRequired()])
    fee_support = SelectField(
        _l("Fee support"),
        choices=lambda: options(FeeSupport.choices()),
        validators=[DataRequired()],
    )
    meals_support = BooleanField(_l("Meals support"))
    travel_support = BooleanField(_l("Travel support"))


class CourseEditForm(CourseForm, VersionedForm):
    pass


class SeatsForm(VersionedForm):
    seats = IntegerField(_l("Seats"), validators=[InputRequired(), NumberRange(1, MAX_SEATS)])


class SupportRateForm(Form):
    province_code = SelectField(_l("Province"), coerce=optional_int, validators=[Optional()])
    kind = SelectField(
        _l("Support"), choices=lambda: options(SupportKind.choices()), validators=[DataRequired()]
    )
    # Read as the chosen kind needs (validate_amount): đồng written as people write them
    # ("30.000"), or a percentage with a decimal comma ("12,5").
    amount = StringField(_l("Amount"), validators=[InputRequired()])
    effective_from = DayField(_l("In force from"), validators=[InputRequired()])
    legal_basis = StringField(
        _l("Legal basis"), validators=[DataRequired(), Length(max=200)], filters=[optional_text]
    )

    def validate_amount(self, field) -> None:
        percent = self.kind.data == SupportKind.FEE_REDUCTION_PERCENT.value
        parser = DecimalCommaField if percent else MoneyField
        typed = field.data
        try:
            parser.process_formdata(field, field.raw_data)
        except ValueError as error:
            field.data = typed  # shown back as typed
            raise ValidationError(str(error)) from None
        field.data = Decimal(field.data)


class ProvinceFilterForm(Form):
    """A GET form: choosing what to read changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    province = SelectField(_l("Province"), coerce=optional_int, validators=[Optional()])


class CourseFilterForm(Form):
    class Meta:
        csrf = False

    trade = SelectField(
        _l("Trade"),
        choices=lambda: options([("", _l("All")), *trade_choices()]),
        validators=[Optional()],
    )


class FitForm(Form):
    """The trades the person wants to learn: they rank the courses that fit (a GET form)."""

    class Meta:
        csrf = False

    trade = MultiCheckboxField(
        _l("Trades the person wants to learn"),
        choices=lambda: options(trade_choices()),
        validators=[Optional()],
    )


class ReferForm(Form):
    course_id = HiddenField(validators=[DataRequired()])


class EnrollForm(Form):
    on = DayField(_l("Enrolled on"), validators=[InputRequired()])


class CompleteForm(Form):
    on = DayField(_l("Completed on"), validators=[InputRequired()])
    certificate_number = StringField(
        _l("Certificate number"),
        validators=[DataRequired(), Length(max=60)],
        filters=[optional_text],
    )


class DropForm(Form):
    on = DayField(_l("Left the course on"), validators=[InputRequired()])
    reason = TextAreaField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=2000)],
        filters=[optional_text],
        render_kw={"rows": 2},
    )


STEP_FORMS = {"enroll": EnrollForm, "complete": CompleteForm, "drop": DropForm}
