"""The reports' forms: a date range to build, a correction's reason, a plain button."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
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
