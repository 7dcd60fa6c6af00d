"""What every API schema uses.

Input fields report problems as codes ("required", "invalid:date", "too_long:200"), not as
English sentences: ``reintegration.api.errors`` turns each code into the error's ``code`` and
a message in the user's language, through the same catalogue as the pages.

Strings refuse NUL and the other control characters, the invisible characters that reverse
the direction of text, and unpaired surrogates (PostgreSQL stores neither) and days lie between
1900 and 2100, so that a malformed value is a 422, never a database error.
"""

from datetime import date

import marshmallow as ma
from flask_login import current_user
from marshmallow import fields, validate

from reintegration.core.text import has_unusable_characters

MAX_ID = 2**31 - 1  # ids are 32-bit integers in both databases
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)


class Coded:
    """Mixin: the field's messages are codes (see the module docstring)."""

    default_error_messages = {
        "required": "required",
        "null": "null",
        "validator_failed": "invalid",
    }


class Str(Coded, fields.String):
    default_error_messages = {"invalid": "invalid:text", "invalid_utf8": "invalid:text"}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if has_unusable_characters(text):
            raise self.make_error("invalid")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise self.make_error("invalid") from None
        return text


class Int(Coded, fields.Integer):
    default_error_messages = {"invalid": "invalid:integer", "too_large": "invalid:integer"}

    def __init__(self, **kwargs):
        kwargs.setdefault("strict", True)
        super().__init__(**kwargs)


class Id(Int):
    """The id of a row: a positive 32-bit integer (``strict=False`` in a query string)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validate", between(1, MAX_ID))
        super().__init__(**kwargs)


class Bool(Coded, fields.Boolean):
    default_error_messages = {"invalid": "invalid:boolean"}


class Day(Coded, fields.Date):
    """A calendar day, ISO 8601 (YYYY-MM-DD), between 1900 and 2100."""

    default_error_messages = {"invalid": "invalid:date", "format": "invalid:date"}

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "validate",
            validate.Range(min=FIRST_DAY, max=LAST_DAY, error="invalid:date"),
        )
        super().__init__(**kwargs)


class Dec(Coded, fields.Decimal):
    default_error_messages = {
        "invalid": "invalid:decimal",
        "special": "invalid:decimal",
        "too_large": "invalid:decimal",
    }


class Choice(Coded, fields.Enum):
    """An enumeration, written as its value."""

    default_error_messages = {"unknown": "choice"}

    def __init__(self, enum, **kwargs):
        super().__init__(enum, by_value=True, **kwargs)


class List(Coded, fields.List):
    default_error_messages = {"invalid": "invalid:list"}


class Nested(Coded, fields.Nested):
    default_error_messages = {"type": "invalid:object"}


def not_blank(value: str) -> None:
    """Text that is more than spaces (a required text field)."""
    if not value.strip():
        raise ma.ValidationError("required")


def max_length(n: int) -> validate.Length:
    return validate.Length(max=n, error="too_long:{max}")


def between(low: int, high: int) -> validate.Range:
    return validate.Range(min=low, max=high, error="out_of_range:{min}:{max}")


class ApiSchema(ma.Schema):
    """Input schemas refuse fields they do not know (a typo is not silently dropped)."""

    class Meta:
        unknown = ma.RAISE

    error_messages = {"unknown": "unknown", "type": "invalid:object"}


class NoBodySchema(ApiSchema):
    """Steps that need nothing more: send {} or no body."""


# --- output ------------------------------------------------------------------------------
# Output schemas only dump; ``required=True`` documents that a key is always present.
# They dump the model objects themselves: a field named like the model's attribute reads
# it; a value the model does not hold as such (what the user may do next, a count) is
# ``computed`` from the object.


class Computed:
    """Mixin: the value is ``compute(obj)`` instead of one attribute of ``obj``. Mixed into
    the field type it is (``computed(fields.Integer, …)``), so the OpenAPI document still
    says that type, where ``fields.Function`` would leave it untyped."""

    def __init__(self, *args, compute, **kwargs):
        super().__init__(*args, **kwargs)
        self.compute = compute

    def get_value(self, obj, attr, accessor=None, default=ma.missing):
        return self.compute(obj)


_COMPUTED: dict[type, type] = {}


def computed(field_class: type[fields.Field], compute, *args, **kwargs) -> fields.Field:
    """A ``field_class`` field whose value is ``compute(obj)``."""
    if field_class not in _COMPUTED:
        _COMPUTED[field_class] = type(
            f"Computed{field_class.__name__}", (Computed, field_class), {}
        )
    return _COMPUTED[field_class](*args, compute=compute, **kwargs)


def actions_field(
    available_actions, description: str = "The steps you may take now (POST …/<action>)."
) -> fields.Field:
    """What the user may do now with the record: ``available_actions(record, user)``."""
    return computed(
        fields.List,
        lambda record: available_actions(record, current_user),
        fields.String(),
        required=True,
        metadata={"description": description},
    )


class CommuneRefSchema(ma.Schema):
    code = fields.Integer(required=True)
    name = fields.String(required=True)


class UserRefSchema(ma.Schema):
    id = fields.Integer(required=True)
    full_name = fields.String(required=True)


class ErrorItemSchema(ma.Schema):
    field = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The request field at fault (a.b.0 for nested ones), or null."},
    )
    code = fields.String(
        required=True, metadata={"description": "A stable, machine-readable code."}
    )
    message = fields.String(
        required=True, metadata={"description": "For people, in the user's language."}
    )


class FieldChangeSchema(ma.Schema):
    field = fields.String(required=True)
    label = fields.String(required=True)
    old = fields.Raw(required=True, allow_none=True)
    new = fields.Raw(required=True, allow_none=True)


class SimilarPersonSchema(ma.Schema):
    person_id = fields.Integer(required=True)
    full_name = fields.String(required=True)
    birth = fields.String(required=True, metadata={"description": "dd/mm/yyyy or the year"})
    case_id = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "A case of theirs you may open, or null (another commune)."},
    )


class ErrorSchema(ma.Schema):
    """Every error has this shape; some carry more (a refused edit its changes, a
    duplicate the file it duplicates)."""

    errors = fields.List(fields.Nested(ErrorItemSchema), required=True)
    current_version = fields.Integer(
        metadata={"description": "412: the version the record has now."}
    )
    changes = fields.List(
        fields.Nested(FieldChangeSchema),
        metadata={"description": "412: what changed since the version you sent."},
    )
    changed_by = fields.String(allow_none=True, metadata={"description": "412: who saved it."})
    case_id = fields.Integer(
        allow_none=True,
        metadata={"description": "409 duplicate: the case you may open, or null."},
    )
    similar = fields.List(
        fields.Nested(SimilarPersonSchema),
        metadata={"description": "409 similar: the people on file with a similar name."},
    )


class PageArgsSchema(ApiSchema):
    class Meta:
        unknown = ma.EXCLUDE

    page = Int(strict=False, load_default=1, validate=between(1, 10_000))
    per_page = Int(strict=False, load_default=25, validate=between(1, 100))


class PageSchema(ma.Schema):
    """The envelope of a list; ``items`` is set by ``page_of``."""

    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(
        required=True,
        metadata={"description": "Rows found; stops counting past a cap (then total_capped)."},
    )
    total_capped = fields.Boolean(required=True)
    pages = fields.Integer(required=True)
    next = fields.String(required=True, allow_none=True)
    prev = fields.String(required=True, allow_none=True)


def page_of(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """A page envelope schema holding ``item_schema`` items, named ``name`` in the doc."""
    return type(
        name,
        (PageSchema,),
        {"items": fields.List(fields.Nested(item_schema), required=True)},
    )
