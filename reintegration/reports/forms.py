"""The reports' forms: a date range to build, a correction's reason, a plain button."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length

from reintegration.core.forms import DayField, Form


class BuildForm(Form):
    start = DayField(_l("From"), validators=[DataRequired()])
    end = DayField(_l("To"), validators=[DataRequired()])


class CorrectionForm(Form):
    reason = TextAreaField(
        _l("Reason for the correction"), validators=[DataRequired(), Length(max=2000)]
    )


class ButtonForm(Form):
    """A POST with nothing but its CSRF token (approve, subscribe)."""


class ApproveForm(Form):
    """Approving locks the report: the officer confirms having read what that means."""

    confirm = BooleanField(
        _l(
            "I have checked these figures. Once approved, the report is locked: it is never "
            "built again, and any change is a corrected version with its reason."
        ),
        validators=[DataRequired(_l("Tick the box to confirm the approval."))],
    )
