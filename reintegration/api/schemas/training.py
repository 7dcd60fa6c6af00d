"""Courses and training placements as the API shows and records them."""

import marshmallow as ma
from flask import g
from marshmallow import fields

from reintegration.api.schemas.casework import enum_field
from reintegration.api.schemas.common import (
    ApiSchema,
    CommuneRefSchema,
    Day,
    Id,
    PageArgsSchema,
    Str,
    UserRefSchema,
    actions_field,
    computed,
    max_length,
    page_of,
)
from reintegration.training.models import CourseLevel, FeeSupport, PlacementStatus, ProviderKind
from reintegration.training.services import catalogue, placements
from reintegration.training.services.trades import trade_names

MAX_REASON = 2000


def trade_ref(code: str) -> dict:
    """A trade as the API names it: its code, and its name in the reader's language (the
    names are read once per request)."""
    if "trade_names" not in g:
        g.trade_names = trade_names()
    return {"code": code, "name": g.trade_names.get(code, code)}


class TradeRefSchema(ma.Schema):
    code = fields.String(required=True)
    name = fields.String(required=True, metadata={"description": "In the user's language."})


def trade_field() -> fields.Field:
    """The record's trade (its ``trade_code``), named."""
    return computed(fields.Nested, lambda r: trade_ref(r.trade_code), TradeRefSchema, required=True)


class ProviderRefSchema(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    kind = enum_field(ProviderKind, required=True)


class CourseBriefSchema(ma.Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    trade = trade_field()
    level = enum_field(CourseLevel, required=True)
    provider = fields.Nested(ProviderRefSchema, required=True)
    commune = fields.Nested(CommuneRefSchema, required=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)


class CourseSchema(CourseBriefSchema):
    seats = fields.Integer(required=True)
    seats_left = computed(
        fields.Integer,
        catalogue.seats_left,
        required=True,
        metadata={"description": "Seats not held by a placement."},
    )
    cost = fields.Integer(required=True, metadata={"description": "đồng, the whole course"})
    fee_support = enum_field(FeeSupport, required=True)
    meals_support = fields.Boolean(required=True)
    travel_support = fields.Boolean(required=True)


CoursePageSchema = page_of(CourseSchema, "CoursePageSchema")


class SupportSchema(ma.Schema):
    """đồng a trainee gets, at the province's levels in force when the course starts; null
    where the province has not set the level."""

    fee = fields.Integer(required=True, allow_none=True)
    meals = fields.Integer(required=True, allow_none=True)
    travel = fields.Integer(required=True, allow_none=True)
    total = fields.Integer(required=True)


class CourseDetailSchema(CourseSchema):
    support = computed(fields.Nested, catalogue.support_for, SupportSchema, required=True)


class PlacementSchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(
        required=True, metadata={"description": "The case it was made on (the person's)."}
    )
    course = fields.Nested(CourseBriefSchema, required=True)
    status = enum_field(PlacementStatus, required=True)
    referred_on = fields.Date(required=True)
    enrolled_on = fields.Date(required=True, allow_none=True)
    completed_on = fields.Date(required=True, allow_none=True)
    certificate_number = fields.String(required=True, allow_none=True)
    dropped_on = fields.Date(required=True, allow_none=True)
    drop_reason = fields.String(required=True, allow_none=True)
    created_by = fields.Nested(UserRefSchema, required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    available_actions = actions_field(placements.available_actions)


PlacementPageSchema = page_of(PlacementSchema, "PlacementPageSchema")


class CourseListArgsSchema(PageArgsSchema):
    trade = Str(
        load_default=None, validate=max_length(32), metadata={"description": "A trade code."}
    )


class ReferToCourseBodySchema(ApiSchema):
    course_id = Id(required=True, metadata={"description": "A course of your province."})


class EnrolBodySchema(ApiSchema):
    on = Day(required=True, metadata={"description": "The day the person enrolled."})


class CompleteBodySchema(ApiSchema):
    on = Day(required=True, metadata={"description": "The day the course was completed."})
    certificate_number = Str(required=True, validate=max_length(60))


class DropBodySchema(ApiSchema):
    on = Day(required=True, metadata={"description": "The day the person left the course."})
    reason = Str(required=True, validate=max_length(MAX_REASON))
