"""Forms of the follow-up schedule: marking a follow-up done, and the administrators' rule
form. Validation only, no writes."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from reintegration.casework.models import FollowUpKind, IntervalUnit
from reintegration.casework.services.schedule_rules import MAX_MONTH
from reintegration.core.forms import DayField, Form, options
from reintegration.people.models import Classification

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
