"""Login, password and user-management forms."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from reintegration.accounts.models import Organisation, Role
from reintegration.core.forms import Form, options


class LoginForm(Form):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])


class PasswordChangeForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=256)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


def optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class UserForm(Form):
    """Shared by create and edit; the scope fields that apply depend on the role."""

    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(),
            Length(min=3, max=64),
            Regexp(
                r"^[A-Za-z0-9._-]+$",
                message=_l("Use letters without diacritics, digits, dots, dashes or underscores."),
            ),
        ],
    )
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Length(max=254)])
    role = SelectField(_l("Role"), validators=[DataRequired()])
    province_code = SelectField(_l("Province"), coerce=optional_int, validators=[Optional()])
    organisation = SelectField(_l("Organisation"), validators=[Optional()])
    commune_codes = SelectMultipleField(_l("Communes"), coerce=int, validate_choice=False)
    password = PasswordField(_l("Password"), validators=[Optional(), Length(max=256)])
    active = BooleanField(_l("Account active"), default=True)

    def __init__(self, *args, provinces=(), communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = options(Role.choices())
        self.organisation.choices = options([("", "—"), *Organisation.choices()])
        self.province_code.choices = options([(None, "—")] + [(p.code, p.name) for p in provinces])
        self.commune_codes.choices = options((c.code, c.name) for c in communes)
