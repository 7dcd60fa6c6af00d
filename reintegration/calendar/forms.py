"""The administrators' form for adding a public holiday."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from reintegration.calendar.models import NAME_MAX_LENGTH
from reintegration.core.forms import Form


class HolidayForm(Form):
    # InputRequired, not DataRequired: a date that does not parse keeps its own message.
    day = DateField(_l("Day off"), validators=[InputRequired()])
    name = StringField(
        _l("Name of the holiday"), validators=[DataRequired(), Length(max=NAME_MAX_LENGTH)]
    )
