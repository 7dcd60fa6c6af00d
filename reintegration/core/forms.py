"""The base form every page uses, and the forms shared by every page."""

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField
from wtforms.validators import AnyOf, Optional


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
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
