"""The audit log's search: a GET form (searching changes nothing, so no CSRF token)."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional

from reintegration.core.forms import DayField, Form


class AuditSearchForm(Form):
    class Meta:
        csrf = False

    person_id = IntegerField(_l("Person no."), validators=[Optional(), NumberRange(min=1)])
    action = SelectField(_l("Action"), validators=[Optional()], choices=[])
    username = StringField(_l("Username"), validators=[Optional()])
    object_type = SelectField(_l("Object type"), validators=[Optional()], choices=[])
    object_id = StringField(_l("Object number"), validators=[Optional()])
    date_from = DayField(_l("From"), validators=[Optional()])
    date_to = DayField(_l("To"), validators=[Optional()])
