"""Contacts and follow-ups as the API shows and records them (the casework domain)."""

import marshmallow as ma
from marshmallow import fields

from reintegration.api.schemas.common import (
    ApiSchema,
    Choice,
    Day,
    Id,
    Str,
    UserRefSchema,
    computed,
    max_length,
    page_of,
)
from reintegration.casework.models import ContactKind, FollowUpKind, FollowUpStatus
from reintegration.casework.services.contacts import MAX_TEXT
from reintegration.core.clock import today_local


def enum_field(enum, **kwargs):
    return fields.Enum(enum, by_value=True, **kwargs)


class ContactCorrectionSchema(ma.Schema):
    note = fields.String(required=True)
    author = fields.Nested(UserRefSchema, required=True, allow_none=True)
    created_at = fields.DateTime(required=True)


class ContactSchema(ma.Schema):
    id = fields.Integer(required=True)
    kind = enum_field(ContactKind, required=True)
    contact_on = fields.Date(required=True)
    participants = fields.String(required=True)
    what_happened = fields.String(required=True)
    next_steps = fields.String(required=True, allow_none=True)
    author = fields.Nested(UserRefSchema, required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    edited_at = fields.DateTime(required=True, allow_none=True)
    corrections = fields.List(fields.Nested(ContactCorrectionSchema), required=True)


ContactPageSchema = page_of(ContactSchema, "ContactPageSchema")


class FollowUpSchema(ma.Schema):
    id = fields.Integer(required=True)
    due_on = fields.Date(required=True)
    kind = enum_field(FollowUpKind, required=True)
    status = enum_field(FollowUpStatus, required=True)
    overdue = computed(
        fields.Boolean,
        lambda follow_up: follow_up.is_overdue(today_local()),
        required=True,
        metadata={"description": "Due, and past its day."},
    )
    generated = fields.Boolean(
        required=True, metadata={"description": "Made by the schedule rules."}
    )
    outcome = fields.String(required=True, allow_none=True)
    done_on = fields.Date(required=True, allow_none=True)
    done_by = fields.Nested(UserRefSchema, required=True, allow_none=True)
    contact_id = fields.Integer(required=True, allow_none=True)
    note = fields.String(required=True, allow_none=True)


class ScheduleSchema(ma.Schema):
    """The case file's Follow-ups tab."""

    today = fields.Date(required=True)
    open = fields.List(
        fields.Nested(FollowUpSchema),
        required=True,
        metadata={"description": "Due (overdue first), oldest first."},
    )
    past = fields.List(
        fields.Nested(FollowUpSchema),
        required=True,
        metadata={"description": "Done, missed or cancelled, newest first."},
    )


class ContactBodySchema(ApiSchema):
    """The contact form's fields."""

    kind = Choice(ContactKind, required=True)
    contact_on = Day(required=True)
    participants = Str(required=True, validate=max_length(MAX_TEXT))
    what_happened = Str(required=True, validate=max_length(MAX_TEXT))
    next_steps = Str(load_default=None, allow_none=True, validate=max_length(MAX_TEXT))
    follow_up_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "The open follow-up this contact answers (it is then done)."},
    )


class FollowUpDoneBodySchema(ApiSchema):
    done_on = Day(required=True)
    outcome = Str(required=True, validate=max_length(MAX_TEXT))
