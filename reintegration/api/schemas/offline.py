"""Offline work: the pack a phone keeps, and the entries it sends back."""

from operator import itemgetter

import marshmallow as ma
from marshmallow import fields, validate

from reintegration.api.schemas.casework import ContactBodySchema, FollowUpDoneBodySchema
from reintegration.api.schemas.common import ApiSchema, Choice, Id, Int, Nested, Str, computed
from reintegration.offline.models import KEY_LENGTH, EntryKind

KEY = validate.Regexp(rf"^[A-Za-z0-9_-]{{16,{KEY_LENGTH}}}$", error="invalid")


class BasedOnSchema(ApiSchema):
    """The versions the phone's copy of the case had (``based_on`` of the pack)."""

    case = Int(required=True, validate=validate.Range(min=1))
    goals = Str(required=True, validate=validate.Length(max=32))
    commune = Int(required=True)


class FollowUpDoneSchema(FollowUpDoneBodySchema):
    follow_up_id = Id(required=True)


class EntryBodySchema(ApiSchema):
    """One entry made offline. ``contact`` has the fields of the contact form (and the
    follow-up it answers); ``follow_up`` those of marking a follow-up done."""

    key = Str(
        required=True,
        validate=KEY,
        metadata={"description": "Drawn on the phone, 16 to 64 of A-Z a-z 0-9 _ -."},
    )
    kind = Choice(EntryKind, required=True)
    case_id = Id(required=True)
    based_on = Nested(BasedOnSchema, required=True)
    visited_at = fields.NaiveDateTime(
        required=True,
        format="iso",
        error_messages={"invalid": "invalid:date", "required": "required"},
        metadata={"description": "The visit's day and time as typed (Vietnam time)."},
    )
    contact = Nested(ContactBodySchema, load_default=None)
    follow_up = Nested(FollowUpDoneSchema, load_default=None)

    @ma.validates_schema
    def _one_body(self, data, **_kwargs):
        wanted = "contact" if data.get("kind") == EntryKind.CONTACT else "follow_up"
        if data.get(wanted) is None:
            raise ma.ValidationError("required", field_name=wanted)


class CaseVisitSchema(ma.Schema):
    case_id = fields.Integer(required=True)
    based_on = fields.Dict(required=True)
    name = fields.String(required=True)
    address = fields.String(required=True)
    commune = fields.String(required=True)
    phone = fields.String(required=True)
    relative = fields.String(required=True)
    follow_ups = fields.List(fields.Dict(), required=True)
    contacts = fields.List(fields.Dict(), required=True)
    goals = fields.List(fields.Dict(), required=True)


class PackSchema(ma.Schema):
    user_id = fields.Integer(required=True)
    prepared_on = fields.Date(required=True)
    until = fields.Date(required=True)
    kept_days = fields.Integer(required=True)
    cases = fields.List(fields.Nested(CaseVisitSchema), required=True)


class SessionSchema(ma.Schema):
    user_id = fields.Integer(required=True)
    csrf_token = fields.String(required=True)


class EntryResultSchema(ma.Schema):
    """Dumps a (kept ``OfflineEntry``, replayed) pair: the entry as kept, and whether this
    sending repeated a key already kept (nothing added)."""

    key = fields.String(required=True)
    status = computed(fields.String, lambda sent: sent[0].status.value, required=True)
    replayed = computed(fields.Boolean, itemgetter(1), required=True)
    case_id = fields.Integer(required=True)
    contact_id = fields.Integer(required=True, allow_none=True)
    follow_up_id = fields.Integer(required=True, allow_none=True)
    received_at = fields.DateTime(required=True)

    def get_attribute(self, obj, attr, default):
        return super().get_attribute(obj[0], attr, default)
