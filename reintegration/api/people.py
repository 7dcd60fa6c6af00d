"""People: search (the people list), read one person, register a released person.

The search is the list page's (``find_cases``, scope in the query); a person is visible
through a case in scope (``person_visible``), and each read is audited as on the pages.
Registration is the registration page's service, with the same field names.
"""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reintegration.api.auth import CASEWORK_ROLES, roles_allowed
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.errors import ApiError
from reintegration.api.http import ETAG_HEADER, not_found, paged, versioned
from reintegration.api.schemas.common import MAX_ID
from reintegration.api.schemas.people import (
    ALL,
    CasePageSchema,
    CaseSchema,
    CaseSearchArgsSchema,
    PersonSchema,
    RegistrationSchema,
)
from reintegration.core.database import commit_keeping_loaded
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.geo.services import read_address
from reintegration.people.countries import code_for
from reintegration.people.models import CaseStatus, Person
from reintegration.people.services.case_file import record_person_view
from reintegration.people.services.data import IntakeData, PersonData, ReleaseData
from reintegration.people.services.merging import person_visible
from reintegration.people.services.registration import (
    number_registered_meanwhile_refused,
    register_person,
)
from reintegration.people.services.search import (
    COUNT_CAP,
    CaseFilters,
    find_cases,
    record_search,
)

blp = ApiBlueprint(
    "api_people",
    __name__,
    path="/people",
    tag="People",
    description="People: search, read, register.",
)


def country_code(value: str) -> str:
    code = code_for(value)
    if code is None:
        raise DomainError(
            _("Unknown country: give its ISO 3166 code (VN) or its name."), field="nationality"
        )
    return code


@blp.route("", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(CaseSearchArgsSchema, location="query")
@blp.response(200, CasePageSchema)
def search(args: dict):
    """Search people (the people list)

    One row per case in your area, in given-name order; `q` finds names without diacritics
    and ID numbers, or parts of them.
    """
    filters = CaseFilters(
        query=args["q"],
        commune_code=args["commune"],
        status="" if args["status"] == ALL else args["status"],
        classification=args["classification"],
        release_type=args["release_type"],
        caseworker_id=args["caseworker"],
    )
    found = find_cases(current_user, filters, page=args["page"], per_page=args["per_page"])
    record_search(current_user, filters, found, "api")
    commit_keeping_loaded()
    return paged(
        found.items,
        page=found.page,
        per_page=found.per_page,
        total=found.total,
        capped=found.total_capped,
        cap=COUNT_CAP,
    )


@blp.route(f"/<int(min=1, max={MAX_ID}):person_id>", methods=["GET"])
@roles_allowed(*CASEWORK_ROLES)
@blp.response(200, PersonSchema, headers=ETAG_HEADER)
def read_person(person_id: int):
    """Read a person

    Visible through any of their cases in your area (a record merged into another stays
    readable, read-only). The read is audited.
    """
    person = db.session.get(Person, person_id)
    if person is None or not person_visible(person, current_user):
        raise not_found()
    record_person_view(person, current_user)
    commit_keeping_loaded()
    return versioned(person, person.version)


def text(value: str | None) -> str | None:
    """As the forms do: spaces around are dropped, and an empty text is no text."""
    if value is None:
        return None
    return value.strip() or None


@blp.route("", methods=["POST"])
@roles_allowed(*CASEWORK_ROLES)
@blp.arguments(RegistrationSchema)
@blp.response(201, CaseSchema, headers=ETAG_HEADER)
def register(body: dict):
    """Register a released person, with their release and a new case

    The checks of the registration page: the ID number against the birth and sex, an ID
    number already on file (409 `duplicate`), people with a similar name and the same birth
    (409 `similar`: check, then send again with `confirm_not_duplicate`).

    An address sent only as written on the papers (`residence_as_written`, no
    `residence_commune_code`) is read as `/addresses/read` reads it: the commune it names,
    when found and in your area, becomes the residence, and its street part the street
    address when none is sent. An address that fits several communes, or none of yours,
    leaves the residence empty: read it first and send the commune chosen.
    """
    residence = body["residence_commune_code"]
    residence_address = text(body["residence_address"])
    as_written = text(body["residence_as_written"])
    if residence is None and as_written:
        address = read_address(as_written, province_hint=current_user.province_code)
        if address.found and current_user.can_see_commune(address.commune_code):
            residence = address.commune_code
            residence_address = residence_address or (address.street or "")[:300] or None
    if residence is not None and not current_user.can_see_commune(residence):
        raise ApiError(
            422,
            "invalid_choice",
            _l("Not a valid choice."),
            field="residence_commune_code",
        )
    person = PersonData(
        full_name=body["full_name"].strip(),
        other_names=text(body["other_names"]),
        birth_date=body["birth_date"],
        birth_year=body["birth_year"],
        sex=body["sex"],
        id_number=text(body["id_number"]),
        old_id_number=text(body["old_id_number"]),
        nationality=country_code(body["nationality"]),
        passport_number=text(body["passport_number"]),
        ethnicity=text(body["ethnicity"]),
        phone=text(body["phone"]),
        residence_commune_code=residence,
        residence_address=residence_address,
        residence_as_written=as_written,
        current_address=text(body["current_address"]),
        family_contact=text(body["family_contact"]),
    )
    release = ReleaseData(
        release_type=body["release_type"],
        release_date=body["release_date"],
        amnesty_decision_id=body["amnesty_decision_id"],
        certificate_number=text(body["certificate_number"]),
        detention_facility=text(body["detention_facility"]),
        offence_group=body["offence_group"],
        offence_against_children=body["offence_against_children"],
        sentence_months=body["sentence_months"],
        served_months=body["served_months"],
    )
    intake = IntakeData(
        commune_code=body["commune_code"],
        status=CaseStatus(body["status"]),
        notified_on=body["notified_on"],
        received_on=body["received_on"],
        caseworker_id=body["caseworker_id"],
        classification=body["classification"],
        extremely_difficult=body["extremely_difficult"],
        needs=set(body["needs"]),
        intake_notes=text(body["intake_notes"]),
    )
    with number_registered_meanwhile_refused(person, current_user):
        registration = register_person(
            person,
            release,
            intake,
            actor=current_user,
            confirmed_not_duplicate=body["confirm_not_duplicate"],
        )
        commit_keeping_loaded()  # inside the guard, which catches the database's refusal
    case = registration.case
    body, status, headers = versioned(case, case.version, 201)
    headers["Location"] = url_for("api_cases.read_case", case_id=case.id)
    return body, status, headers
