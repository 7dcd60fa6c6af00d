"""Job openings and referrals as the API shows and records them."""

import marshmallow as ma
from marshmallow import fields

from reintegration.api.schemas.casework import enum_field
from reintegration.api.schemas.common import (
    ApiSchema,
    Choice,
    CommuneRefSchema,
    Day,
    Id,
    PageArgsSchema,
    Str,
    UserRefSchema,
    computed,
    max_length,
    page_of,
)
from reintegration.api.schemas.training import (
    MAX_REASON,
    TradeRefSchema,
    actions_field,
    trade_field,
    trade_ref,
)
from reintegration.casework.models import FollowUpStatus
from reintegration.employment.models import (
    JobLossReason,
    OpeningStatus,
    ReferralStatus,
    Restriction,
)
from reintegration.employment.services import referrals
from reintegration.employment.services.employers import hired_count
from reintegration.training.models import CourseLevel


class EmployerRefSchema(ma.Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    accepts_records = fields.Boolean(
        required=True, metadata={"description": "Takes people with a criminal record."}
    )
    has_agreement = fields.Boolean(
        required=True, metadata={"description": "Has signed an agreement with the committee."}
    )


class OpeningRefSchema(ma.Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    employer = fields.Nested(EmployerRefSchema, required=True)
    trade = trade_field()
    commune = fields.Nested(CommuneRefSchema, required=True)


def other_skills(opening) -> list[dict]:
    return [trade_ref(s.code) for s in opening.skills if s.code != opening.trade_code]


class OpeningSchema(OpeningRefSchema):
    skills = computed(
        fields.List,
        other_skills,
        fields.Nested(TradeRefSchema),
        required=True,
        metadata={"description": "Other skills it asks."},
    )
    level_required = enum_field(CourseLevel, required=True, allow_none=True)
    wage = fields.Integer(required=True, allow_none=True, metadata={"description": "đồng a month"})
    seats = fields.Integer(required=True)
    hired = computed(
        fields.Integer,
        lambda opening: hired_count(opening.id),
        required=True,
        metadata={"description": "Seats filled by a hire."},
    )
    starts_on = fields.Date(required=True)
    closes_on = fields.Date(
        required=True, allow_none=True, metadata={"description": "Last day to refer people."}
    )
    status = enum_field(OpeningStatus, required=True)
    restrictions = fields.List(
        enum_field(Restriction),
        required=True,
        metadata={"description": "Who it may not take; never why a person is excluded."},
    )
    description = fields.String(required=True, allow_none=True)


OpeningPageSchema = page_of(OpeningSchema, "OpeningPageSchema")


class RetentionCheckSchema(ma.Schema):
    months = fields.Integer(required=True)
    follow_up_id = fields.Integer(required=True)
    due_on = fields.Date(required=True, attribute="follow_up.due_on")
    status = enum_field(FollowUpStatus, required=True, attribute="follow_up.status")


class ReferralSchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(
        required=True, metadata={"description": "The case it was made on (the person's)."}
    )
    opening = fields.Nested(OpeningRefSchema, required=True)
    status = enum_field(ReferralStatus, required=True)
    referred_on = fields.Date(required=True)
    score = fields.Integer(
        required=True, allow_none=True, metadata={"description": "The match score, if any."}
    )
    interviewed_on = fields.Date(required=True, allow_none=True)
    hired_on = fields.Date(
        required=True, allow_none=True, metadata={"description": "The first day of work."}
    )
    not_hired_on = fields.Date(required=True, allow_none=True)
    not_hired_reason = fields.String(required=True, allow_none=True)
    ended_on = fields.Date(required=True, allow_none=True)
    end_reason = enum_field(JobLossReason, required=True, allow_none=True)
    end_note = fields.String(required=True, allow_none=True)
    retention_checks = fields.List(
        fields.Nested(RetentionCheckSchema),
        required=True,
        metadata={"description": "Still employed after 1, 3 and 6 months? (follow-ups)"},
    )
    created_by = fields.Nested(UserRefSchema, required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    available_actions = actions_field(referrals.available_actions)


ReferralPageSchema = page_of(ReferralSchema, "ReferralPageSchema")


class OpeningListArgsSchema(PageArgsSchema):
    status = Choice(OpeningStatus, load_default=None)
    trade = Str(
        load_default=None, validate=max_length(32), metadata={"description": "A trade code."}
    )


class ReferToOpeningBodySchema(ApiSchema):
    opening_id = Id(required=True, metadata={"description": "An open job opening."})


class InterviewBodySchema(ApiSchema):
    on = Day(required=True, metadata={"description": "The day of the interview."})


class HireBodySchema(ApiSchema):
    on = Day(required=True, metadata={"description": "The first day of work."})


class NotHiredBodySchema(ApiSchema):
    on = Day(required=True)
    reason = Str(required=True, validate=max_length(MAX_REASON))


class JobLostBodySchema(ApiSchema):
    on = Day(required=True, metadata={"description": "The last day of work."})
    reason = Choice(JobLossReason, required=True)
    note = Str(load_default=None, allow_none=True, validate=max_length(300))
