"""Report snapshots as the API shows them: aggregates only, with the small cells hidden
for committee viewers exactly as on the report page (``reports.services.presentation``)."""

import marshmallow as ma
from marshmallow import fields

from reintegration.api.schemas.casework import enum_field
from reintegration.api.schemas.common import (
    PageArgsSchema,
    Str,
    UserRefSchema,
    page_of,
)
from reintegration.reports.models import AreaLevel, SnapshotStatus
from reintegration.reports.periods import PeriodKind


class PeriodSchema(ma.Schema):
    kind = enum_field(PeriodKind, required=True)
    start = fields.Date(required=True)
    end = fields.Date(required=True, metadata={"description": "Inclusive."})
    label = fields.String(required=True, metadata={"description": "In the user's language."})


class AreaSchema(ma.Schema):
    level = enum_field(AreaLevel, required=True)
    code = fields.Integer(required=True, metadata={"description": "Province code; 0: nation."})
    name = fields.String(required=True)


class SnapshotItemSchema(ma.Schema):
    id = fields.Integer(required=True)
    period = fields.Nested(PeriodSchema, required=True)
    area = fields.Nested(AreaSchema, required=True)
    version = fields.Integer(required=True, metadata={"description": "1, then corrections."})
    status = enum_field(SnapshotStatus, required=True)
    built_at = fields.DateTime(required=True)
    as_of = fields.Date(required=True, metadata={"description": "The day it was built on."})
    data_version = fields.String(required=True, metadata={"description": "SHA-256 of values."})
    approved_by = fields.Nested(UserRefSchema, required=True, allow_none=True)
    approved_at = fields.DateTime(required=True, allow_none=True)
    supersedes_id = fields.Integer(required=True, allow_none=True)
    correction_reason = fields.String(required=True, allow_none=True)


SnapshotPageSchema = page_of(SnapshotItemSchema, "SnapshotPageSchema")


class CellSchema(ma.Schema):
    value = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "null when hidden (fewer than 5 people, for committees)."},
    )
    text = fields.String(
        required=True,
        metadata={"description": 'As the page writes it: "1.234", "100.000.000 ₫", "< 5".'},
    )
    hidden = fields.Boolean(required=True)


class UnitCellSchema(CellSchema):
    unit_code = fields.Integer(required=True, metadata={"description": "Commune or province."})


class FigureSchema(ma.Schema):
    key = fields.String(required=True)
    label = fields.String(required=True)
    group = fields.String(required=True)
    money = fields.Boolean(required=True, metadata={"description": "A sum of đồng."})
    headline = fields.Boolean(required=True, metadata={"description": "Charted on the dashboard."})
    total = fields.Nested(CellSchema, required=True)
    units = fields.List(
        fields.Nested(UnitCellSchema),
        required=True,
        metadata={"description": "One cell per row of `units`, in the same order."},
    )


class UnitSchema(ma.Schema):
    code = fields.Integer(required=True)
    name = fields.String(required=True)


class VersionSchema(ma.Schema):
    id = fields.Integer(required=True)
    version = fields.Integer(required=True)
    status = enum_field(SnapshotStatus, required=True)
    built_at = fields.DateTime(required=True)
    correction_reason = fields.String(required=True, allow_none=True)


class SnapshotSchema(SnapshotItemSchema):
    suppressed = fields.Boolean(
        required=True,
        metadata={"description": "Counts of 1 to 4 (and their sums) are hidden for you."},
    )
    unit_level = enum_field(AreaLevel, required=True)
    units = fields.List(fields.Nested(UnitSchema), required=True)
    figures = fields.List(fields.Nested(FigureSchema), required=True)
    versions = fields.List(
        fields.Nested(VersionSchema),
        required=True,
        metadata={"description": "Every version of this period and area, newest first."},
    )


class SnapshotListArgsSchema(PageArgsSchema):
    kind = Str(
        load_default=None,
        validate=ma.validate.OneOf([k.value for k in PeriodKind], error="choice"),
        metadata={"description": "month, quarter, year or custom."},
    )
