"""Who am I: the account the request acts as, with its role and area."""

import marshmallow as ma
from flask import g
from flask_login import current_user
from marshmallow import fields

from reintegration.accounts.models import Organisation, Role
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.schemas.common import CommuneRefSchema

blp = ApiBlueprint(
    "api_account",
    __name__,
    path="/me",
    tag="Account",
    description="The account the request acts as.",
)


class ProvinceRefSchema(ma.Schema):
    code = fields.Integer(required=True)
    name = fields.String(required=True)


class MeSchema(ma.Schema):
    id = fields.Integer(required=True)
    username = fields.String(required=True)
    full_name = fields.String(required=True)
    role = fields.Enum(Role, by_value=True, required=True)
    locale = fields.String(required=True)
    province = fields.Nested(ProvinceRefSchema, required=True, allow_none=True)
    organisation = fields.Enum(Organisation, by_value=True, required=True, allow_none=True)
    communes = fields.List(
        fields.Nested(CommuneRefSchema),
        required=True,
        metadata={"description": "A caseworker's communes (empty for other roles)."},
    )
    authenticated_by = fields.String(
        required=True, metadata={"description": "`token` or `session`."}
    )


@blp.route("", methods=["GET"])
@blp.response(200, MeSchema)
def me():
    """The account, its role and its area"""
    user = current_user
    return {
        "id": user.id,
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "locale": user.locale,
        "province": user.province,
        "organisation": user.organisation,
        "communes": list(user.communes),
        "authenticated_by": g.api_auth,
    }
