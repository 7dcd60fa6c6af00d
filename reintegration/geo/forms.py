"""Forms of the geo pages: both are GET forms that change nothing, so they carry no CSRF token."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional


class CommuneSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search communes"), validators=[Optional(), Length(max=100)])


class ConvertForm(FlaskForm):
    """An address written before July 2025: old province, district and commune."""

    class Meta:
        csrf = False

    province = StringField(_l("Old province"), validators=[Optional(), Length(max=100)])
    district = StringField(_l("Old district"), validators=[Optional(), Length(max=100)])
    commune = StringField(
        _l("Old commune, ward or township"),
        validators=[
            DataRequired(message=_l("Enter the old commune's name or code.")),
            Length(max=100),
        ],
    )
