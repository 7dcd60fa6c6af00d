"""The administrators' forms for the holidays: a day off added, a holiday by law removed."""

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


class RemovalForm(Form):
    day = DateField(_l("Holiday that is worked"), validators=[InputRequired()])
    reason = StringField(
        _l("Why (the notice that moves it)"),
        validators=[DataRequired(), Length(max=NAME_MAX_LENGTH)],
    )
