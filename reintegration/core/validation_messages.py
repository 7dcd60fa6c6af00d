"""WTForms' built-in messages, named here so the extractor copies them into the catalogue.

Forms get them translated through ``reintegration.core.forms.Form``. Nothing imports this
module; it exists for ``make extract-messages``.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

WTFORMS_MESSAGES = (
    _l("This field is required."),
    _l("Invalid input."),
    _l("Invalid email address."),
    _l("Not a valid choice."),
    _l("Not a valid date value."),
    _l("Not a valid datetime value."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Field must be equal to %(other_name)s."),
    _l("Invalid value, must be one of: %(values)s."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _l("Date must be at least %(min)s."),
    _l("Date must be at most %(max)s."),
    _l("Invalid Choice: could not coerce."),
    _l("'%(value)s' is not a valid choice for this field."),
)


def _plural_messages() -> None:
    """Never called: WTForms asks for these with ngettext, so they are plural entries."""
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    )
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    )
    ngettext(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
        1,
    )
