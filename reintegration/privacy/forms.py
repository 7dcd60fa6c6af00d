"""The privacy forms: a person's data-access report, and a personal-data breach. Validation
only."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import TextInput

from reintegration.core.forms import DayField, Form, MultiCheckboxField, optional_text, options
from reintegration.privacy.models import BreachDataCategory
from reintegration.privacy.services.access_report import JSON, PDF


class AccessReportForm(Form):
    reason = TextAreaField(
        _l("Why is the report needed?"),
        validators=[DataRequired()],
        render_kw={"rows": 3},
    )
    format = SelectField(
        _l("Format"),
        choices=lambda: options([(PDF, _l("PDF (to print or hand over)")), (JSON, _l("JSON"))]),
        default=PDF,
        validators=[DataRequired()],
    )


class ClockTimeField(TimeField):
    """A time of day typed as 14:30 (a text box: the browser's picker follows its own
    language, not the page's)."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"placeholder": "hh:mm", "inputmode": "numeric", "autocomplete": "off"}
        render_kw.update(kwargs.pop("render_kw", None) or {})
        super().__init__(label, validators, format=["%H:%M", "%H.%M", "%Hh%M"], render_kw=render_kw,
                         **kwargs)  # fmt: skip


class BreachForm(Form):
    """A personal-data breach: what the authority's notice asks, and nothing about anyone
    beyond counts, categories and case numbers."""

    version = HiddenField()
    discovered_on = DayField(_l("Found on"), validators=[InputRequired()])
    discovered_time = ClockTimeField(_l("At (time)"), validators=[InputRequired()])
    description = TextAreaField(
        _l("What happened"),
        validators=[DataRequired(), Length(max=4000)],
        render_kw={"rows": 3},
    )
    data_categories = MultiCheckboxField(
        _l("What data"), choices=lambda: options(BreachDataCategory.choices())
    )
    people_affected = IntegerField(
        _l("People affected (as far as known)"),
        validators=[Optional(), NumberRange(0, 100_000_000)],
    )
    case_numbers = StringField(
        _l("Case numbers concerned"),
        validators=[Optional(), Length(max=10_000)],
        filters=[optional_text],
    )
    actions_taken = TextAreaField(
        _l("What was done"),
        validators=[DataRequired(), Length(max=4000)],
        render_kw={"rows": 3},
    )
    notified_on = DayField(_l("Authority notified on"), validators=[Optional()])
    notified_time = ClockTimeField(_l("At (time)"), validators=[Optional()])
    authority_reference = StringField(
        _l("Reference of the notice"),
        validators=[Optional(), Length(max=100)],
        filters=[optional_text],
    )
    late_reason = TextAreaField(
        _l("Why the notice is late"),
        validators=[Optional(), Length(max=4000)],
        render_kw={"rows": 2},
    )

    def validate_notified_on(self, field) -> None:
        if field.data is not None and self.notified_time.data is None:
            raise ValidationError(_l("Give the time of the notice too."))
