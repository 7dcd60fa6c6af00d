"""Reading an address written as one text, as the registration page's "Read the address"
does: an integrator pastes a release paper's residence and gets today's commune (or the
communes to choose among, or why none), with the street part, before registering.

Read-only: no person is read or changed, so nothing is audited. The units are public; what
the answer says of the caller's area is whether each commune is in it.
"""

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from marshmallow import fields
from sqlalchemy import select

from reintegration.api.account import ProvinceRefSchema
from reintegration.api.auth import CASEWORK_ROLES, roles_allowed
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.errors import ApiError
from reintegration.api.schemas.common import ApiSchema, Int, Str, between, max_length, not_blank
from reintegration.extensions import db
from reintegration.geo.addresses import MAX_LENGTH, ConversionStatus, problem_message
from reintegration.geo.models import Commune, Province
from reintegration.geo.services import read_address

blp = ApiBlueprint(
    "api_addresses",
    __name__,
    path="/addresses",
    tag="Addresses",
    description="Addresses written as one text, read into today's units.",
)


class AddressTextSchema(ApiSchema):
    text = Str(
        required=True,
        validate=[max_length(MAX_LENGTH), not_blank],
        metadata={"description": "The residence as the papers write it, old units or new."},
    )
    province = Int(
        load_default=None,
        allow_none=True,
        validate=between(1, 99),
        metadata={
            "description": "Today's province where a text that names none is looked for"
            " first (default: yours)."
        },
    )


class ReadCommuneSchema(ma.Schema):
    code = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"description": "With its province."})
    in_your_area = fields.Boolean(required=True)


class AddressReadingSchema(ma.Schema):
    written = fields.String(required=True, metadata={"description": "The text as sent."})
    status = fields.Enum(
        ConversionStatus,
        by_value=True,
        required=True,
        metadata={
            "description": "`converted`: one commune of today; `split`: the old commune went"
            " into several, a person chooses; `ambiguous`: the name fits several;"
            " `not_found`: see `problem`."
        },
    )
    commune = fields.Nested(ReadCommuneSchema, required=True, allow_none=True)
    candidates = fields.List(fields.Nested(ReadCommuneSchema), required=True)
    street = fields.String(
        required=True, allow_none=True, metadata={"description": "House, street, hamlet."}
    )
    province = fields.Nested(ProvinceRefSchema, required=True, allow_none=True)
    legacy = fields.Boolean(
        required=True, metadata={"description": "Written in the units before July 2025."}
    )
    problem = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Why no commune is found (when none is to choose)."},
    )


@blp.route("/read", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(AddressTextSchema)
@blp.response(200, AddressReadingSchema)
def read(body: dict):
    """Read an address written as one text

    Old units (commune, district, province) through the official conversion table, or new
    ones (commune, province); prefixes written out, abbreviated or left out; with or without
    diacritics (a name written without them may fit several communes: `ambiguous`). Nothing
    is saved: send the commune chosen as `residence_commune_code` when registering, and the
    text as `residence_as_written`.
    """
    hint = body["province"]
    if hint is not None and db.session.get(Province, hint) is None:
        raise ApiError(422, "invalid_choice", _l("Not a valid choice."), field="province")
    address = read_address(body["text"], province_hint=hint or current_user.province_code)
    codes = [address.commune_code] if address.found else list(address.candidates)
    communes = {
        c.code: c for c in db.session.scalars(select(Commune).where(Commune.code.in_(codes)))
    }
    mine = current_user.commune_codes()

    def ref(code: int) -> dict:
        return {"code": code, "name": communes[code].full_name, "in_your_area": code in mine}

    province = db.session.get(Province, address.province_code) if address.province_code else None
    return {
        "written": address.written,
        "status": address.status,
        "commune": ref(address.commune_code) if address.found else None,
        "candidates": [ref(code) for code in address.candidates if code in communes],
        "street": address.street,
        "province": {"code": province.code, "name": province.name} if province else None,
        "legacy": address.legacy,
        "problem": problem_message(address)
        if address.status == ConversionStatus.NOT_FOUND
        else None,
    }
