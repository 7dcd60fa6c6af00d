"""The account page's choice: which kinds of notice also come by e-mail."""

from flask_babel import lazy_gettext as _l

from reintegration.core.forms import Form, MultiCheckboxField


class EmailChoicesForm(Form):
    by_email = MultiCheckboxField(_l("Also by e-mail"), choices=[])
