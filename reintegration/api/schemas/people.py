"""People and cases as the API reads and writes them.

What a case read shows is what the case file shows before "break the glass": the release
without the offence, the sentence or the facility. Those come only from the reveal
endpoint (``RevealedOffenceSchema``), which asks for a reason and audits it as the page does.
"""

import marshmallow as ma
from flask_login import current_user
from marshmallow import fields, validate

from reintegration.api.schemas.common import (
    ApiSchema,
    Bool,
    Choice,
    CommuneRefSchema,
    Day,
    Id,
    Int,
    List,
    PageArgsSchema,
    Str,
    UserRefSchema,
    between,
    computed,
    max_length,
    not_blank,
    page_of,
)
from reintegration.people.models import (
    CaseStatus,
    Classification,
    CloseReason,
    Need,
    OffenceGroup,
    ReleaseType,
    Sex,
)
from reintegration.people.services.case_file import cases_in_scope
from reintegration.people.services.search import OPEN

ALL = "all"
MAX_TEXT = 4000


def enum_field(enum, **kwargs):
    return fields.Enum(enum, by_value=True, **kwargs)


# --- reading -----------------------------------------------------------------------------


class PersonBriefSchema(ma.Schema):
    id = fields.Integer(required=True)
    full_name = fields.String(required=True)
    birth_year = fields.Integer(required=True)
    birth_date = fields.Date(required=True, allow_none=True)
    sex = enum_field(Sex, required=True)


class CaseListItemSchema(ma.Schema):
    """One row of the people list: a case and its person, as the list page shows them."""

    id = fields.Integer(required=True, metadata={"description": "The case number."})
    person = fields.Nested(PersonBriefSchema, required=True)
    commune = fields.Nested(CommuneRefSchema, required=True)
    status = enum_field(CaseStatus, required=True)
    classification = enum_field(Classification, required=True, allow_none=True)
    caseworker = fields.Nested(UserRefSchema, required=True, allow_none=True)
    arrival_deadline = fields.Date(required=True, allow_none=True)


CasePageSchema = page_of(CaseListItemSchema, "CasePageSchema")


class CaseRefSchema(ma.Schema):
    id = fields.Integer(required=True)
    commune = fields.Nested(CommuneRefSchema, required=True)
    status = enum_field(CaseStatus, required=True)


class PersonSchema(ma.Schema):
    id = fields.Integer(required=True)
    version = fields.Integer(required=True)
    full_name = fields.String(required=True)
    other_names = fields.String(required=True, allow_none=True)
    birth_date = fields.Date(required=True, allow_none=True)
    birth_year = fields.Integer(required=True)
    sex = enum_field(Sex, required=True)
    id_number = fields.String(required=True, allow_none=True)
    old_id_number = fields.String(required=True, allow_none=True)
    nationality = fields.String(required=True)
    ethnicity = fields.String(required=True, allow_none=True)
    phone = fields.String(required=True, allow_none=True)
    residence_commune = fields.Nested(CommuneRefSchema, required=True, allow_none=True)
    residence_address = fields.String(required=True, allow_none=True)
    residence_as_written = fields.String(required=True, allow_none=True)
    current_address = fields.String(required=True, allow_none=True)
    family_contact = fields.String(required=True, allow_none=True)
    merged_into_id = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "Set when this record was merged into another (read-only)."},
    )
    cases = computed(
        fields.List,
        lambda person: cases_in_scope(person, current_user),
        fields.Nested(CaseRefSchema),
        required=True,
        metadata={"description": "The person's cases that you may open."},
    )


class AmnestyDecisionSchema(ma.Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True)
    signed_on = fields.Date(required=True)
    round_label = fields.String(required=True)


class ReleaseSchema(ma.Schema):
    """The release as the case file shows it: no offence details."""

    id = fields.Integer(required=True)
    release_type = enum_field(ReleaseType, required=True)
    release_date = fields.Date(required=True)
    amnesty_decision = fields.Nested(AmnestyDecisionSchema, required=True, allow_none=True)
    certificate_number = fields.String(required=True, allow_none=True)


class ClassificationChangeSchema(ma.Schema):
    changed_at = fields.DateTime(required=True)
    old = enum_field(Classification, required=True, allow_none=True)
    new = enum_field(Classification, required=True)
    reason = fields.String(required=True)
    changed_by = fields.Nested(UserRefSchema, required=True, allow_none=True)


class CaseSchema(ma.Schema):
    id = fields.Integer(required=True)
    version = fields.Integer(
        required=True, metadata={"description": "Send it back in If-Match to change the case."}
    )
    person = fields.Nested(PersonBriefSchema, required=True)
    commune = fields.Nested(CommuneRefSchema, required=True)
    caseworker = fields.Nested(UserRefSchema, required=True, allow_none=True)
    status = enum_field(CaseStatus, required=True)
    close_reason = enum_field(CloseReason, required=True, allow_none=True)
    closed_on = fields.Date(required=True, allow_none=True)
    notified_on = fields.Date(required=True, allow_none=True)
    arrival_deadline = fields.Date(required=True, allow_none=True)
    received_on = fields.Date(required=True, allow_none=True)
    classification = enum_field(Classification, required=True, allow_none=True)
    extremely_difficult = fields.Boolean(required=True)
    needs = computed(
        fields.List, lambda case: sorted(case.need_values), enum_field(Need), required=True
    )
    intake_notes = fields.String(required=True, allow_none=True)
    release = fields.Nested(ReleaseSchema, required=True, allow_none=True)
    classification_changes = fields.List(fields.Nested(ClassificationChangeSchema), required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class RevealedOffenceSchema(ma.Schema):
    """Dumps the case: its release's offence details, after the reason is recorded."""

    case_id = fields.Integer(required=True, attribute="id")
    release_id = fields.Integer(required=True, attribute="release.id")
    detention_facility = fields.String(
        required=True, allow_none=True, attribute="release.detention_facility"
    )
    offence_group = enum_field(
        OffenceGroup, required=True, allow_none=True, attribute="release.offence_group"
    )
    offence_against_children = fields.Boolean(
        required=True, attribute="release.offence_against_children"
    )
    offence = fields.String(required=True, allow_none=True, attribute="release.offence")
    sentence_months = fields.Integer(
        required=True, allow_none=True, attribute="release.sentence_months"
    )
    served_months = fields.Integer(
        required=True, allow_none=True, attribute="release.served_months"
    )


# --- arguments ---------------------------------------------------------------------------


class CaseSearchArgsSchema(PageArgsSchema):
    q = Str(
        load_default="",
        validate=max_length(200),
        metadata={"description": "Name (diacritics optional) or ID number, or part of one."},
    )
    commune = Id(
        strict=False, load_default=None, metadata={"description": "Only this commune (its code)."}
    )
    status = Str(
        load_default=OPEN,
        validate=validate.OneOf([OPEN, ALL, *(s.value for s in CaseStatus)], error="choice"),
        metadata={"description": f"`{OPEN}` (not closed, the default), `{ALL}`, or a status."},
    )
    classification = Choice(Classification, load_default=None)
    release_type = Choice(ReleaseType, load_default=None)
    caseworker = Id(
        strict=False, load_default=None, metadata={"description": "Only this caseworker's cases."}
    )


def optional_text(n: int, **kwargs):
    return Str(load_default=None, allow_none=True, validate=max_length(n), **kwargs)


class RegistrationSchema(ApiSchema):
    """The registration form's fields, with the same names (so that a service's refusal
    names the same field)."""

    # The person
    full_name = Str(required=True, validate=[max_length(200), not_blank])
    other_names = optional_text(300)
    birth_date = Day(load_default=None, allow_none=True)
    birth_year = Int(required=True, validate=between(1900, 2100))
    sex = Choice(Sex, required=True)
    id_number = optional_text(20, metadata={"description": "12 digits (spaces, dots allowed)."})
    old_id_number = optional_text(15, metadata={"description": "An old 9-digit ID card."})
    nationality = Str(
        load_default="VN",
        validate=[max_length(100), not_blank],
        metadata={"description": "A country: its ISO 3166 code (VN) or its name (Việt Nam)."},
    )
    passport_number = optional_text(30, metadata={"description": "A foreigner's passport."})
    ethnicity = optional_text(100)
    phone = optional_text(30)
    residence_commune_code = Id(
        load_default=None, allow_none=True, metadata={"description": "One of your communes."}
    )
    residence_address = optional_text(300)
    residence_as_written = optional_text(MAX_TEXT)
    current_address = optional_text(300)
    family_contact = optional_text(MAX_TEXT)
    # The release (offence details are written here, and never read back but through the
    # reveal endpoint)
    release_type = Choice(ReleaseType, required=True)
    release_date = Day(required=True)
    amnesty_decision_id = Id(load_default=None, allow_none=True)
    certificate_number = optional_text(60)
    detention_facility = optional_text(200)
    offence_group = Choice(OffenceGroup, load_default=None, allow_none=True)
    offence_against_children = Bool(load_default=False)
    sentence_months = Int(load_default=None, allow_none=True, validate=between(0, 600))
    served_months = Int(load_default=None, allow_none=True, validate=between(0, 600))
    # The case
    commune_code = Id(required=True, metadata={"description": "The commune that receives them."})
    status = Str(
        load_default=CaseStatus.NOTIFIED.value,
        validate=validate.OneOf(
            [CaseStatus.NOTIFIED.value, CaseStatus.RECEIVED.value], error="choice"
        ),
        metadata={"description": "notified (the notice came) or received (they reported)."},
    )
    notified_on = Day(load_default=None, allow_none=True)
    received_on = Day(load_default=None, allow_none=True)
    caseworker_id = Id(load_default=None, allow_none=True)
    classification = Choice(Classification, load_default=None, allow_none=True)
    extremely_difficult = Bool(load_default=False)
    needs = List(Choice(Need), load_default=list, validate=validate.Length(max=len(Need)))
    intake_notes = optional_text(MAX_TEXT)
    confirm_not_duplicate = Bool(
        load_default=False,
        metadata={"description": "After a 409 `similar`: you checked it is someone else."},
    )


class ClassificationChangeBodySchema(ApiSchema):
    classification = Choice(Classification, required=True)
    reason = Str(required=True, validate=max_length(MAX_TEXT))
    held_at = Str(
        load_default=None,
        allow_none=True,
        validate=max_length(200),
        metadata={"description": "Class D: where the person is held (required then)."},
    )


class ReceiveBodySchema(ApiSchema):
    received_on = Day(required=True)


class CloseBodySchema(ApiSchema):
    close_reason = Choice(CloseReason, required=True)
    closed_on = Day(required=True)


class RevealBodySchema(ApiSchema):
    reason = Str(
        required=True,
        validate=max_length(MAX_TEXT),
        metadata={"description": "Why you need the offence details; kept in the audit log."},
    )
