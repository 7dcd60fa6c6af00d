"""The base form every page uses, the field types and filters the domains share (days typed
dd/mm/yyyy, amounts in đồng, decimal commas, check-box lists, the version an edit started
from), and the forms shared by every page."""

import re
from decimal import Decimal, InvalidOperation

from flask import flash
from flask_babel import get_translations
from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import DateField, HiddenField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired
from wtforms.widgets import CheckboxInput, ListWidget, Select, TextInput

from reintegration.core.i18n import format_number

DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
MONEY_NOISE = re.compile(r"[\s.,₫]|đồng|đ|vnd", re.IGNORECASE)
MAX_AMOUNT = 10**12  # a thousand billion đồng: anything above is a typing error


class _CatalogueTranslations:
    """WTForms' own messages ("This field is required.") through the project's catalogue:
    WTForms ships no Vietnamese, so they are translated with everything else."""

    def gettext(self, string: str) -> str:
        return get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        # Unformatted: WTForms fills in its own %(value)s ("'x' is not a valid choice").
        return get_translations().ngettext(singular, plural, n)


class QuickSelect(Select):
    """WTForms' select with plain options written directly: a province officer's list page
    draws 168 communes and the caseworkers of all of them on every request, and building
    each option through ``html_params`` was a tenth of the page's time. Same markup."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or isinstance(choice.value, bool):
            return super().render_option(choice, **kwargs)
        selected = "selected " if choice.selected else ""
        label = escape(choice.label or choice.value)
        return f'<option {selected}value="{escape(choice.value)}">{label}</option>'


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _CatalogueTranslations()

        def render_field(self, field, render_kw):
            if type(field.widget) is Select:
                field.widget = QuickSelect(multiple=field.widget.multiple)
            return super().render_field(field, render_kw)


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms wants select options; a None value is the empty
    option (value ""), which is what browsers, scripts and `:not([value=''])` expect."""
    return [SelectChoice("" if value is None else value, label) for value, label in pairs]


def optional_int(value):
    """A select's value as a whole number; the empty option as None."""
    return int(value) if value not in (None, "", "None") else None


def optional_text(value):
    return value.strip() or None if isinstance(value, str) else value


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class MoneyField(StringField):
    """A whole number of đồng; dots, commas, spaces and "₫" are ignored."""

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"inputmode": "numeric", "autocomplete": "off"}
        render_kw.update(kwargs.pop("render_kw", None) or {})
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        digits = MONEY_NOISE.sub("", valuelist[0])
        if not digits.isdigit() or int(digits) > MAX_AMOUNT:
            raise ValueError(self.gettext("Type the amount in đồng, e.g. 100.000.000."))
        self.data = int(digits)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_number(self.data) if self.data is not None else ""


class DecimalCommaField(StringField):
    """A decimal number typed with a comma or a point (6,6 or 6.6)."""

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        text = valuelist[0].strip().replace(" ", "").replace("%", "")
        if "," in text and "." in text:
            text = text.replace(".", "")
        try:
            self.data = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(self.gettext("Type a number, e.g. 6,6.")) from None
        if not self.data.is_finite():
            raise ValueError(self.gettext("Type a number, e.g. 6,6."))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_number(self.data) if self.data is not None else ""


class VersionedForm(Form):
    """An edit form carrying the version the record had when the form opened (optimistic
    locking: the service refuses the save if someone saved in between)."""

    version = HiddenField(validators=[DataRequired()])

    @property
    def expected_version(self) -> int:
        return int(self.version.data)


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


def attach_error(form: Form, error) -> None:
    """Show a service's refusal (a DomainError) next to its field, or above the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "danger")
