"""Transfers between communes as the API shows and requests them (the casework domain)."""

import marshmallow as ma
from flask_login import current_user
from marshmallow import fields

from reintegration.api.schemas.casework import enum_field
from reintegration.api.schemas.common import (
    ApiSchema,
    CommuneRefSchema,
    Id,
    PageArgsSchema,
    Str,
    UserRefSchema,
    actions_field,
    computed,
    max_length,
    page_of,
)
from reintegration.casework.models import TransferStatus
from reintegration.casework.services.contacts import MAX_TEXT

PENDING = "pending"
DECIDED = "decided"


class TransferPersonSchema(ma.Schema):
    """Who moves: what the receiving commune needs to decide, and no more."""

    id = fields.Integer(required=True)
    full_name = fields.String(required=True)
    birth_year = fields.Integer(required=True)


class TransferSchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    person = fields.Nested(TransferPersonSchema, required=True, attribute="case.person")
    from_commune = fields.Nested(CommuneRefSchema, required=True)
    to_commune = fields.Nested(CommuneRefSchema, required=True)
    status = enum_field(TransferStatus, required=True)
    reason = fields.String(required=True)
    requested_by = fields.Nested(UserRefSchema, required=True, allow_none=True)
    requested_at = fields.DateTime(required=True)
    decided_by = fields.Nested(UserRefSchema, required=True, allow_none=True)
    decided_at = fields.DateTime(required=True, allow_none=True)
    decision_note = fields.String(
        required=True, allow_none=True, metadata={"description": "Why it was refused."}
    )
    direction = computed(
        fields.String,
        lambda transfer: transfer.direction_for(current_user),
        required=True,
        metadata={
            "description": "`incoming` when it comes into one of your communes, else `outgoing`."
        },
    )
    available_actions = actions_field(
        lambda transfer, user: transfer.available_actions(user),
        "What you may do now: accept, refuse (receiving), cancel.",
    )


TransferPageSchema = page_of(TransferSchema, "TransferPageSchema")


class TransferListArgsSchema(PageArgsSchema):
    state = Str(
        load_default=PENDING,
        validate=ma.validate.OneOf([PENDING, DECIDED], error="choice"),
        metadata={
            "description": f"`{PENDING}` (waiting, the default) or `{DECIDED}` (in the last "
            "30 days), as on the Transfers page."
        },
    )


class TransferRequestBodySchema(ApiSchema):
    """The transfer form's fields."""

    to_commune_code = Id(required=True, metadata={"description": "The receiving commune."})
    reason = Str(required=True, validate=max_length(MAX_TEXT))


class AcceptBodySchema(ApiSchema):
    caseworker_id = Id(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "The receiving commune's caseworker who takes the case over "
            "(a caseworker accepting takes it over themself)."
        },
    )


class RefuseBodySchema(ApiSchema):
    note = Str(required=True, validate=max_length(MAX_TEXT))
