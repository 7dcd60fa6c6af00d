"""The base form every page uses, the field types and filters the domains share (days typed
dd/mm/yyyy, amounts in đồng, decimal commas, check-box lists, the version an edit started
from), and the forms shared by every page."""

import re
from decimal import Decimal, InvalidOperation

from flask import flash, g, request
from flask_babel import get_translations, gettext
from flask_wtf import FlaskForm
from markupsafe import escape
from wtforms import DateField, HiddenField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import AnyOf, Length, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget, Select, TextInput

from reintegration.core.i18n import format_number
from reintegration.core.text import text_problem

DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
# Whole đồng, as Vietnamese write them: 100.000.000 (dots between thousands) or 100000000,
# with or without the currency after. Anything else ("1.5", "1,5") is refused rather than
# read as some other number.
WHOLE_DONG = re.compile(r"([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)")
CURRENCY_SUFFIX = re.compile(r"\s*(?:₫|đồng|đ|vnd)$", re.IGNORECASE)
MAX_AMOUNT = 10**12  # a thousand billion đồng: anything above is a typing error
# The longest text a field takes when it sets no limit of its own (a notes box): a family
# contact or a note is a few lines, never a megabyte.
MAX_TEXT_LENGTH = 10_000
VERSION = re.compile(r"[0-9]{1,9}")


class _CatalogueTranslations:
    """WTForms' own messages ("This field is required.") through the project's catalogue:
    WTForms ships no Vietnamese, so they are translated with everything else."""

    def gettext(self, string: str) -> str:
        return get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        # The catalogue's plural form, unformatted: WTForms fills in its own placeholders
        # (flask_babel.ngettext would format it with ``num`` only, and fail on %(value)s).
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
    """Every form of the app. Besides each field's own rules, no text sent may hold control
    characters (NUL among them) or the invisible characters that reverse how text reads,
    nor be longer than MAX_TEXT_LENGTH where the field sets no limit; a form refused on a
    page that was sent answers 422 (see ``answer_refused_forms``)."""

    class Meta:
        def get_translations(self, form):
            return _CatalogueTranslations()

        def render_field(self, field, render_kw):
            if type(field.widget) is Select:
                field.widget = QuickSelect(multiple=field.widget.multiple)
            return super().render_field(field, render_kw)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            problems = _text_problems(field)
            if problems:
                field.errors = [*field.errors, *problems]
                valid = False
        if not valid:
            mark_refused()
        return valid


def _text_problems(field) -> list[str]:
    texts = [value for value in getattr(field, "raw_data", None) or () if isinstance(value, str)]
    problems = [problem for text in texts if (problem := text_problem(text))]
    limited = any(isinstance(v, Length) and v.max >= 0 for v in field.validators)
    if not limited and any(len(text) > MAX_TEXT_LENGTH for text in texts):
        problems.append(
            gettext("Keep this under %(n)s characters.", n=format_number(MAX_TEXT_LENGTH))
        )
    return problems[:1]


def mark_refused() -> None:
    """This request's form was refused: its page answers 422 (Unprocessable Content)."""
    g.form_refused = True


def answer_refused_forms(response):
    """after_request: a page drawn again because what was sent was refused (a field's rule
    or a service's) says so with 422 rather than 200, as a browser, a script or a proxy
    log can tell; the form on it keeps what was typed."""
    if (
        g.get("form_refused")
        and request.method == "POST"
        and response.status_code == 200
        and response.mimetype == "text/html"
    ):
        response.status_code = 422
    return response


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
    """A whole number of đồng, written 100.000.000 or 100000000 ("₫" may follow)."""

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"inputmode": "numeric", "autocomplete": "off"}
        render_kw.update(kwargs.pop("render_kw", None) or {})
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        text = CURRENCY_SUFFIX.sub("", valuelist[0].strip())
        if not WHOLE_DONG.fullmatch(text) or int(text.replace(".", "")) > MAX_AMOUNT:
            raise ValueError(
                self.gettext(
                    "Type the amount in whole đồng, e.g. 100.000.000 or 100000000 (no decimals)."
                )
            )
        self.data = int(text.replace(".", ""))

    def _value(self):
        """Shown the way it is read back, with dots in every language: an English page
        grouping with commas would offer "80,000,000", which the field refuses."""
        if self.raw_data:
            return self.raw_data[0]
        return f"{self.data:,}".replace(",", ".") if self.data is not None else ""


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


class VersionField(HiddenField):
    """The version an edit form was opened at. When the form is sent, taken only from what
    was sent: a form sent without it must not fall back on the record's current version
    (that would skip the conflict check and save over a newer change)."""

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        self.sent = formdata is not None and self.name in formdata

    def pre_validate(self, form):
        if not self.sent or not VERSION.fullmatch(str(self.data or "").strip()):
            raise StopValidation(
                gettext(
                    "This form did not say which version of the record it was opened at, so "
                    "nothing was saved. Reload the page and make your changes again."
                )
            )


class VersionedForm(Form):
    """An edit form carrying the version the record had when the form opened (optimistic
    locking: the service refuses the save if someone saved in between). A missing or
    malformed version is refused like a stale one, with a message above the form."""

    version = VersionField()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for message in self.version.errors:
            flash(message, "warning")
        return valid

    @property
    def expected_version(self) -> int:
        return int(str(self.version.data).strip())


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
    mark_refused()
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "danger")
