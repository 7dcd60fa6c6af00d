"""The forms of the API token pages. Validation only; no writes."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from reintegration.accounts.tokens import LIFETIME_CHOICES, MAX_NAME_LENGTH
from reintegration.core.forms import Form, options


def lifetime_choices():
    return options(
        (days, ngettext("%(num)d day", "%(num)d days", days)) for days in LIFETIME_CHOICES
    )


class TokenForm(Form):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=MAX_NAME_LENGTH)],
        render_kw={"placeholder": _l("e.g. phone app, bank import"), "autocomplete": "off"},
    )
    lifetime_days = SelectField(_l("Valid for"), coerce=int, choices=lifetime_choices, default=90)


class RevokeForm(Form):
    """Only its CSRF token."""
