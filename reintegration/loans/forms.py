"""Loan forms: validation only, no writes. Amounts are typed in đồng as people write them
("100.000.000"), percentages with a decimal comma ("6,6")."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from reintegration.accounts.models import Organisation
from reintegration.core.forms import (
    DayField,
    DecimalCommaField,
    Form,
    MoneyField,
    optional_text,
    options,
)
from reintegration.loans.models import (
    BusinessKind,
    DocumentKind,
    LoanPurpose,
    LoanStatus,
    RuleKey,
)

KNOWN = (("", _l("Not yet known")), ("yes", _l("Yes")), ("no", _l("No")))


def tri_state(value):
    """ "yes" → True, "no" → False, anything else (not yet known) → None."""
    if value in (True, "yes", "True"):
        return True
    if value in (False, "no", "False"):
        return False
    return None


class TriStateField(SelectField):
    """Yes, no, or not yet known (None): the choices coerce to the same three values."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(
            label, validators, coerce=tri_state, choices=lambda: options(KNOWN), **kwargs
        )


class LoanFieldsForm(Form):
    """What every application asks, a person's or a business's."""

    purpose = SelectField(
        _l("Purpose"), choices=lambda: options(LoanPurpose.choices()), validators=[DataRequired()]
    )
    amount_requested = MoneyField(_l("Amount requested (đồng)"), validators=[InputRequired()])
    term_months = IntegerField(
        _l("Term (months)"), validators=[InputRequired(), NumberRange(1, 600)]
    )
    course_months = IntegerField(
        _l("Length of the course (months)"), validators=[Optional(), NumberRange(1, 120)]
    )
    use_of_funds = TextAreaField(
        _l("Use of the money"),
        validators=[DataRequired(), Length(max=4000)],
        render_kw={"rows": 3},
    )
    outstanding_vbsp_debt = TriStateField(
        _l("Outstanding debt with the Bank for Social Policies for the same purpose")
    )


class ApplicationForm(LoanFieldsForm):
    """A person's: through a savings-and-loan group and its organisation."""

    organisation = SelectField(
        _l("Mass organisation"),
        choices=lambda: options(Organisation.choices()),
        validators=[DataRequired()],
    )
    savings_group_name = StringField(
        _l("Savings-and-loan group"),
        validators=[DataRequired(), Length(max=200)],
        filters=[optional_text],
    )
    household_head_name = StringField(
        _l("Head of the household"), validators=[Optional(), Length(max=200)],
        filters=[optional_text],
    )  # fmt: skip
    household_relationship = StringField(
        _l("Relationship to the head of the household"),
        validators=[Optional(), Length(max=100)],
        filters=[optional_text],
    )
    household_members = IntegerField(
        _l("Members of the household"), validators=[Optional(), NumberRange(1, 99)]
    )
    in_own_name = BooleanField(
        _l("Borrows in their own name: the household has no other capable adult")
    )
    form01_listed = TriStateField(_l("On the commune's list of law-abiding residents (Form 01)"))


class BusinessApplicationForm(LoanFieldsForm):
    """A business's: directly with the bank, no group and no organisation."""

    commune_code = SelectField(_l("Commune of the business"), coerce=int)
    business_name = StringField(
        _l("Name of the business"), validators=[DataRequired(), Length(max=200)],
        filters=[optional_text],
    )  # fmt: skip
    business_kind = SelectField(
        _l("Kind of business"),
        choices=lambda: options(BusinessKind.choices()),
        validators=[DataRequired()],
    )
    business_address = StringField(
        _l("Address of the business"), validators=[Optional(), Length(max=300)],
        filters=[optional_text],
    )  # fmt: skip
    total_workers = IntegerField(
        _l("Workers in all"), validators=[InputRequired(), NumberRange(1, 100000)]
    )
    eligible_workers = IntegerField(
        _l("Of whom have served a sentence and hold labour contracts"),
        validators=[InputRequired(), NumberRange(0, 100000)],
    )


class CommentForm(Form):
    comment = TextAreaField(
        _l("Comments"), validators=[Optional(), Length(max=4000)], render_kw={"rows": 3}
    )


class DatedStepForm(Form):
    on = DayField(_l("Date"), validators=[InputRequired()])
    reference = StringField(
        _l("Reference"), validators=[Optional(), Length(max=60)], filters=[optional_text]
    )


class DeclineForm(Form):
    on = DayField(_l("Date of the bank's decision"), validators=[InputRequired()])
    comment = TextAreaField(
        _l("The bank's reason"), validators=[Optional(), Length(max=4000)], render_kw={"rows": 2}
    )


class ApprovalForm(Form):
    on = DayField(_l("Date of the bank's decision"), validators=[InputRequired()])
    amount = MoneyField(_l("Amount approved (đồng)"), validators=[InputRequired()])
    term_months = IntegerField(
        _l("Term approved (months)"), validators=[InputRequired(), NumberRange(1, 600)]
    )
    rate = DecimalCommaField(_l("Interest rate (% a year)"), validators=[Optional()])
    rate_reason = TextAreaField(
        _l("Why another rate than the rules' (the bank's reason)"),
        validators=[Optional(), Length(max=1000)],
        render_kw={"rows": 2},
    )
    reference = StringField(
        _l("The bank's reference"), validators=[Optional(), Length(max=60)],
        filters=[optional_text],
    )  # fmt: skip


class PaymentForm(Form):
    instalment_id = SelectField(_l("Instalment"), coerce=int)
    amount = MoneyField(_l("Amount paid (đồng)"), validators=[InputRequired()])
    paid_on = DayField(_l("Paid on"), validators=[InputRequired()])
    book_reference = StringField(
        _l("Entry in the group's book"), validators=[Optional(), Length(max=100)],
        filters=[optional_text],
    )  # fmt: skip


class UploadForm(Form):
    kind = SelectField(
        _l("Kind of document"),
        choices=lambda: options(DocumentKind.choices()),
        validators=[DataRequired()],
    )
    file = FileField(_l("File (PDF, PNG or JPEG)"), validators=[FileRequired()])


class RuleForm(Form):
    key = SelectField(
        _l("Rule"), choices=lambda: options(RuleKey.choices()), validators=[DataRequired()]
    )
    value = DecimalCommaField(_l("Value"), validators=[InputRequired()])
    effective_from = DayField(_l("In force from"), validators=[InputRequired()])
    legal_basis = StringField(
        _l("Legal basis"), validators=[DataRequired(), Length(max=200)], filters=[optional_text]
    )


class ListFilterForm(Form):
    """A GET form: filtering changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    status = SelectField(
        _l("Status"),
        choices=lambda: options([("", _l("All")), *LoanStatus.choices()]),
        validators=[Optional()],
    )
