"""The form asking for a person's data-access report. Validation only."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired

from reintegration.core.forms import Form, options
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
