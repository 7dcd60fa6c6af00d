"""Report snapshots as the API shows them: aggregates only, with the small cells hidden
for committee viewers exactly as on the report page (``reports.services.presentation``)."""

from operator import itemgetter

import marshmallow as ma
from marshmallow import fields

from reintegration.api.schemas.casework import enum_field
from reintegration.api.schemas.common import (
    PageArgsSchema,
    Str,
    UserRefSchema,
    computed,
    page_of,
)
from reintegration.reports.models import TOTAL, AreaLevel, ReportSnapshot, SnapshotStatus
from reintegration.reports.periods import PeriodKind
from reintegration.reports.services import presentation, snapshots
from reintegration.reports.services.presentation import Report


def _snapshot(dumped) -> ReportSnapshot:
    """The snapshot a schema dumps: itself, or a ``Report``'s (a snapshot as one reader
    sees it)."""
    return dumped.snapshot if isinstance(dumped, Report) else dumped


class PeriodSchema(ma.Schema):
    """Dumps a ``reports.periods.Period``."""

    kind = enum_field(PeriodKind, required=True)
    start = fields.Date(required=True)
    end = fields.Date(required=True, metadata={"description": "Inclusive."})
    label = computed(
        fields.String,
        presentation.period_label,
        required=True,
        metadata={"description": "In the user's language."},
    )


class AreaSchema(ma.Schema):
    """Dumps a ``ReportSnapshot``'s area."""

    level = enum_field(AreaLevel, required=True, attribute="area_level")
    code = fields.Integer(
        required=True, attribute="area_code", metadata={"description": "Province code; 0: nation."}
    )
    name = computed(fields.String, presentation.area_name, required=True)


class SnapshotItemSchema(ma.Schema):
    """Dumps a ``ReportSnapshot``, or a ``Report`` (see ``SnapshotSchema``)."""

    id = fields.Integer(required=True)
    period = computed(
        fields.Nested, lambda dumped: snapshots.period_of(_snapshot(dumped)), PeriodSchema,
        required=True,
    )  # fmt: skip
    area = computed(fields.Nested, _snapshot, AreaSchema, required=True)
    version = fields.Integer(required=True, metadata={"description": "1, then corrections."})
    status = enum_field(SnapshotStatus, required=True)
    built_at = fields.DateTime(required=True)
    as_of = fields.Date(required=True, metadata={"description": "The day it was built on."})
    data_version = fields.String(required=True, metadata={"description": "SHA-256 of values."})
    approved_by = fields.Nested(UserRefSchema, required=True, allow_none=True)
    approved_at = fields.DateTime(required=True, allow_none=True)
    supersedes_id = fields.Integer(required=True, allow_none=True)
    correction_reason = fields.String(required=True, allow_none=True)

    def get_attribute(self, obj, attr, default):
        return super().get_attribute(_snapshot(obj), attr, default)


SnapshotPageSchema = page_of(SnapshotItemSchema, "SnapshotPageSchema")


class CellSchema(ma.Schema):
    """Dumps a ``presentation.Cell``: a figure's cell as the reader may see it."""

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
    """Dumps a (unit code, ``Cell``) pair."""

    unit_code = computed(
        fields.Integer, itemgetter(0), required=True,
        metadata={"description": "Commune or province."},
    )  # fmt: skip

    def get_attribute(self, obj, attr, default):
        return super().get_attribute(obj[1], attr, default)


class FigureSchema(ma.Schema):
    """Dumps a (``Report``, ``Figure``) pair: the figure and its cells in that report."""

    key = computed(fields.String, lambda pair: pair[1].key, required=True)
    label = computed(fields.String, lambda pair: str(pair[1].label), required=True)
    group = computed(fields.String, lambda pair: pair[1].group, required=True)
    money = computed(
        fields.Boolean, lambda pair: pair[1].is_money, required=True,
        metadata={"description": "A sum of đồng."},
    )  # fmt: skip
    headline = computed(
        fields.Boolean, lambda pair: pair[1].headline, required=True,
        metadata={"description": "Charted on the dashboard."},
    )  # fmt: skip
    total = computed(
        fields.Nested, lambda pair: pair[0].cell(pair[1], TOTAL), CellSchema, required=True
    )
    units = computed(
        fields.List,
        lambda pair: [(code, pair[0].cell(pair[1], code)) for code, _name in pair[0].units],
        fields.Nested(UnitCellSchema),
        required=True,
        metadata={"description": "One cell per row of `units`, in the same order."},
    )


class UnitSchema(ma.Schema):
    """Dumps a (code, name) pair."""

    code = computed(fields.Integer, itemgetter(0), required=True)
    name = computed(fields.String, itemgetter(1), required=True)


class VersionSchema(ma.Schema):
    """Dumps a ``ReportSnapshot``: one version of a period and area."""

    id = fields.Integer(required=True)
    version = fields.Integer(required=True)
    status = enum_field(SnapshotStatus, required=True)
    built_at = fields.DateTime(required=True)
    correction_reason = fields.String(required=True, allow_none=True)


class SnapshotSchema(SnapshotItemSchema):
    """Dumps a ``Report`` (``presentation.present``): the snapshot's own fields, then its
    figures as the reader may see them."""

    suppressed = computed(
        fields.Boolean,
        lambda report: report.suppress,
        required=True,
        metadata={"description": "Counts of 1 to 4 (and their sums) are hidden for you."},
    )
    unit_level = computed(
        fields.Enum, lambda report: report.unit_level, AreaLevel, by_value=True, required=True
    )
    units = computed(
        fields.List, lambda report: report.units, fields.Nested(UnitSchema), required=True
    )
    figures = computed(
        fields.List,
        lambda report: [(report, figure) for figure in report.figures],
        fields.Nested(FigureSchema),
        required=True,
    )
    versions = computed(
        fields.List,
        lambda report: snapshots.versions_of(report.snapshot),
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
