"""The base form every page uses, and the forms shared by every page."""

from flask import flash
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, Optional
from wtforms.widgets import TextInput

DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


class _CatalogueTranslations:
    """WTForms' own messages ("This field is required.") through the project's catalogue:
    WTForms ships no Vietnamese, so they are translated with everything else."""

    def gettext(self, string: str) -> str:
        return gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return ngettext(singular, plural, n)


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _CatalogueTranslations()


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms wants select options; a None value is the empty
    option (value ""), which is what browsers, scripts and `:not([value=''])` expect."""
    return [SelectChoice("" if value is None else value, label) for value, label in pairs]


class DayField(DateField):
    """A date typed as Vietnamese write it (dd/mm/yyyy), shown back the same way.

    A text box rather than the browser's date picker, whose format follows the browser's
    language and not the page's."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        render_kw.update(kwargs.pop("render_kw", None) or {})
        super().__init__(label, validators, format=DAY_FORMATS, render_kw=render_kw, **kwargs)


class LanguageForm(Form):
    locale = HiddenField(validators=[AnyOf(["vi", "en"])])
    next = HiddenField()


class AuditSearchForm(Form):
    """A GET form: searching the log changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    username = StringField(_l("Username"), validators=[Optional()])
    action = StringField(_l("Action"), validators=[Optional()])
    object_type = SelectField(_l("Object type"), validators=[Optional()], choices=[])
    object_id = StringField(_l("Object ID"), validators=[Optional()])
    date_from = DayField(_l("From"), validators=[Optional()])
    date_to = DayField(_l("To"), validators=[Optional()])


def attach_error(form: Form, error) -> None:
    """Show a service's refusal (a DomainError) next to its field, or above the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "danger")
