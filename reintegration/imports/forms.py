"""Import forms: the upload (with what every row shares), the column matching, the
decisions on rows, and the plain confirm/cancel buttons."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField
from wtforms.validators import DataRequired, Optional

from reintegration.core.forms import DayField, Form, options
from reintegration.people.models import ReleaseType


class UploadForm(Form):
    file = FileField(_l("Release list (.xlsx, .xls, .ods or .csv)"), validators=[FileRequired()])
    release_type = SelectField(
        _l("Release type of the people on the list"),
        choices=lambda: options(ReleaseType.choices()),
        default=ReleaseType.AMNESTY.value,
        validators=[DataRequired()],
    )
    amnesty_decision_id = SelectField(
        _l("Amnesty decision"), coerce=lambda v: int(v) if v else None, validators=[Optional()]
    )
    release_date = DayField(_l("Release date (when the list gives none)"), [Optional()])
    notified_on = DayField(_l("Notice of arrival received on"), [DataRequired()])


class ButtonForm(Form):
    """A POST that carries only its CSRF token (confirm, cancel, decisions)."""
