"""Casework forms (contacts, plans, transfers, the follow-up schedule and its rules):
validation only, no writes."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from reintegration.casework.models import ContactKind, FollowUpKind, GoalStatus, IntervalUnit
from reintegration.casework.models.assessment import SCORES, score_labels
from reintegration.casework.services.schedule_rules import MAX_MONTH
from reintegration.core.forms import (
    DayField,
    Form,
    optional_int,
    optional_text,
    options,
)
from reintegration.core.once import OnceForm
from reintegration.people.models import Classification, Need

TEXT = 5000


class ContactForm(Form):
    kind = SelectField(
        _l("Kind of contact"),
        choices=lambda: options(ContactKind.choices()),
        validators=[DataRequired()],
    )
    contact_on = DayField(_l("Date of the contact"), validators=[DataRequired()])
    participants = TextAreaField(
        _l("Who took part"),
        validators=[DataRequired(), Length(max=TEXT)],
        render_kw={"rows": 2},
    )
    what_happened = TextAreaField(
        _l("What happened"),
        validators=[DataRequired(), Length(max=TEXT)],
        render_kw={"rows": 4},
    )
    next_steps = TextAreaField(
        _l("Next steps"),
        validators=[Optional(), Length(max=TEXT)],
        filters=[optional_text],
        render_kw={"rows": 2},
    )
    follow_up_id = SelectField(
        _l("This contact answers the follow-up"), coerce=optional_int, validators=[Optional()]
    )


class NewContactForm(OnceForm, ContactForm):
    """Recording a contact: sent twice (a double click), it records one."""


class ContactEditForm(ContactForm):
    follow_up_id = None


class CorrectionForm(Form):
    note = TextAreaField(
        _l("Correction"),
        validators=[DataRequired(), Length(max=TEXT)],
        render_kw={"rows": 3},
    )


def _score_field(need: Need) -> SelectField:
    return SelectField(
        Need._labels()[need],
        choices=lambda: options([("", "—"), *((s, score_labels()[s]) for s in SCORES)]),
        coerce=optional_int,
        validators=[InputRequired()],
    )


class AssessmentForm(Form):
    assessed_on = DayField(_l("Date of the assessment"), validators=[DataRequired()])
    note = TextAreaField(
        _l("Notes"),
        validators=[Optional(), Length(max=TEXT)],
        filters=[optional_text],
        render_kw={"rows": 3},
    )

    def score_fields(self):
        return [self[f"score_{need.value}"] for need in Need]


for _need in Need:
    setattr(AssessmentForm, f"score_{_need.value}", _score_field(_need))


class GoalForm(Form):
    title = StringField(_l("Goal"), validators=[DataRequired(), Length(max=200)])
    need = SelectField(
        _l("Need it answers"),
        choices=lambda: options([("", "—"), *Need.choices()]),
        validators=[Optional()],
    )
    owner_id = SelectField(_l("Carried by (a user)"), coerce=optional_int, validators=[Optional()])
    owner_text = StringField(
        _l("Or carried by (in words)"),
        validators=[Optional(), Length(max=120)],
        filters=[optional_text],
        render_kw={"list": "goal-owners"},
    )
    target_on = DayField(_l("Target date"), validators=[DataRequired()])


class ProgressForm(Form):
    note = TextAreaField(
        _l("Progress"), validators=[DataRequired(), Length(max=TEXT)], render_kw={"rows": 2}
    )
    status = SelectField(
        _l("Status of the goal"),
        choices=lambda: options(GoalStatus.choices()),
        validators=[DataRequired()],
    )


class ProvinceChoiceForm(Form):
    """Step one of a transfer (GET): the province the person moves to."""

    class Meta:
        csrf = False

    province = SelectField(_l("Province"), coerce=optional_int, validators=[Optional()])


class TransferForm(Form):
    to_commune_code = SelectField(
        _l("Commune the person moves to"), coerce=optional_int, validators=[DataRequired()]
    )
    reason = TextAreaField(
        _l("Reason for the transfer"),
        validators=[DataRequired(), Length(max=TEXT)],
        render_kw={"rows": 3},
    )


class AcceptTransferForm(Form):
    caseworker_id = SelectField(
        _l("Caseworker who takes the case"), coerce=optional_int, validators=[Optional()]
    )


class RefuseTransferForm(Form):
    note = TextAreaField(
        _l("Why the transfer is refused"),
        validators=[DataRequired(), Length(max=TEXT)],
        render_kw={"rows": 2},
    )


# --- the follow-up schedule ---------------------------------------------------------------

OUTCOME_MAX = 5000


class FollowUpDoneForm(Form):
    done_on = DayField(_l("Done on"), validators=[DataRequired()])
    outcome = TextAreaField(
        _l("What came of it"),
        validators=[DataRequired(), Length(max=OUTCOME_MAX)],
        render_kw={"rows": 4},
    )


class RuleForm(Form):
    classification = SelectField(
        _l("Classification"),
        choices=lambda: options([("", _l("Any classification")), *Classification.choices()]),
        validators=[Optional()],
    )
    from_month = IntegerField(
        _l("From month"), validators=[InputRequired(), NumberRange(0, MAX_MONTH)], default=0
    )
    until_month = IntegerField(
        _l("Until month"), validators=[Optional(), NumberRange(1, MAX_MONTH)]
    )
    every = IntegerField(_l("Every"), validators=[InputRequired(), NumberRange(1, 52)])
    unit = SelectField(
        _l("Unit"), choices=lambda: options(IntervalUnit.choices()), validators=[DataRequired()]
    )
    kind = SelectField(
        _l("Kind of follow-up"),
        choices=lambda: options(FollowUpKind.choices()),
        validators=[DataRequired()],
    )
