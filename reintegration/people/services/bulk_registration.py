"""Registering a whole list at once (an imported release list): the same checks as one
registration (``registration.check_request``), then every row written in bulk without ORM
objects, ids reserved up front, the first revisions, audit events and follow-up schedules
included. Memory stays flat and a list of 20,000 is written in seconds."""

from dataclasses import dataclass, fields
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import Table, func, insert, select

from reintegration.accounts.models import User
from reintegration.casework.services import bulk_schedule
from reintegration.core import audit
from reintegration.core.clock import now_utc
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import (
    Case,
    CaseNeed,
    Need,
    Person,
    Release,
    Revision,
)
from reintegration.people.models.person import name_match_key, name_sort_key, search_text
from reintegration.people.services import expungement
from reintegration.people.services.data import PersonData
from reintegration.people.services.registration import (
    DuplicateIdNumber,
    Lookups,
    RegistrationRequest,
    arrival_deadline,
    check_request,
    minor_on_release,
    registered_id_numbers,
)
from reintegration.people.services.revisions import CASE_FIELDS, PERSON_FIELDS, plain_value


@dataclass(frozen=True)
class Registered:
    """A person registered in bulk: the ids of the rows written (none is loaded)."""

    person_id: int
    release_id: int
    case_id: int


def register_people(
    requests: list[RegistrationRequest],
    *,
    actor: User,
    audit_detail: dict | None = None,
    lookups: Lookups | None = None,
) -> list[Registered]:
    """Register a list (an imported release list) in the caller's transaction: each request
    passes ``register_person``'s checks (similar names excepted: the caller has had them
    confirmed), then the people, releases, cases, their first revisions and audit events
    (with ``audit_detail``, the import they came from) are inserted in bulk, and their
    follow-up schedules started. ``lookups`` as for ``check_request``."""
    if not requests:
        return []
    lookups = {} if lookups is None else lookups
    caseworkers = [check_request(request, actor, lookups) for request in requests]
    numbers = [r.person.id_number for r in requests if r.person.id_number]
    taken = registered_id_numbers(numbers)
    if taken or len(set(numbers)) != len(numbers):
        number = next(iter(taken)) if taken else _first_repeat(numbers)
        raise DuplicateIdNumber(
            _("The ID number %(number)s is already registered.", number=number), None
        )
    deadlines = {
        day: arrival_deadline(day) for day in {r.intake.notified_on for r in requests} if day
    }
    periods = expungement.PeriodTable.load()
    count = len(requests)
    person_ids = _new_ids(Person.__table__, count)
    release_ids = _new_ids(Release.__table__, count)
    case_ids = _new_ids(Case.__table__, count)
    now = now_utc()
    stamps = {"version": 1, "created_at": now, "updated_at": now}
    people, releases, cases, needs = [], [], [], []
    for index, request in enumerate(requests):
        person_id, release_id, case_id = person_ids[index], release_ids[index], case_ids[index]
        intake = request.intake
        expected = expungement.compute(request.release, periods)
        people.append({"id": person_id, **_person_values(request.person), **stamps})
        releases.append({
            "id": release_id, "person_id": person_id, **_values_of(request.release),
            "created_at": now, "updated_at": now,
        })  # fmt: skip
        cases.append({
            "id": case_id, "person_id": person_id, "release_id": release_id,
            "commune_code": intake.commune_code,
            "caseworker_id": caseworkers[index].id if caseworkers[index] else None,
            "status": intake.status, "close_reason": None,
            "notified_on": intake.notified_on, "received_on": intake.received_on,
            "arrival_deadline": deadlines.get(intake.notified_on),
            "classification": intake.classification,
            "extremely_difficult": intake.extremely_difficult,
            "intake_notes": intake.intake_notes,
            "expungement_on": expected.day, "expungement_by_court": expected.by_court,
            "residence_checked_on": None, "residence_check": None, "hcd03_sent_on": None,
            "held_at": None,
            "minor_on_release": minor_on_release(
                request.person.birth_date, request.person.birth_year,
                request.release.release_date,
            ),
            **stamps,
        })  # fmt: skip
        needs += [{"case_id": case_id, "need": need} for need in sorted(intake.needs)]
    db.session.execute(insert(Person.__table__), people)
    db.session.execute(insert(Release.__table__), releases)
    db.session.execute(insert(Case.__table__), cases)
    if needs:
        db.session.execute(insert(CaseNeed.__table__), needs)
    _record_first_revisions(people, cases, needs, actor, now)
    audit.record_many(
        "person_registered",
        (
            (person_id, {"case_id": case_id, **(audit_detail or {})})
            for person_id, case_id in zip(person_ids, case_ids, strict=True)
        ),
        user=actor,
        object_type="Person",
    )
    bulk_schedule.start_schedules(_scheduled(cases, releases), actor=actor)
    return [
        Registered(person_id, release_id, case_id)
        for person_id, release_id, case_id in zip(person_ids, release_ids, case_ids, strict=True)
    ]


def _values_of(data) -> dict:
    """A data class's fields as they are (``asdict`` would deep-copy every value)."""
    return {f.name: getattr(data, f.name) for f in fields(data)}


def _person_values(data: PersonData) -> dict:
    """The person's columns, with the normalised names and the search fields the model's
    validator sets on each change (these rows are inserted without the model)."""
    values = _values_of(data)
    values["full_name"] = nfc(data.full_name)
    values["other_names"] = nfc(data.other_names) if data.other_names else None
    values["search_text"] = search_text(
        values["full_name"], values["other_names"], data.id_number, data.old_id_number
    )
    values["sort_key"] = name_sort_key(values["full_name"])
    values["match_key"] = name_match_key(values["full_name"])
    return values


def _record_first_revisions(
    people: list[dict], cases: list[dict], needs: list[dict], actor: User, now: datetime
) -> None:
    """Version 1 of each person and case, as ``record_revision`` snapshots it."""
    needs_of: dict[int, set[Need]] = {}
    for row in needs:
        needs_of.setdefault(row["case_id"], set()).add(row["need"])
    common = {"version": 1, "changed_by_id": actor.id if actor else None, "changed_at": now}
    rows = [
        {**common, "object_type": "Person", "object_id": row["id"],
         "data": {name: plain_value(row[name]) for name in PERSON_FIELDS}}
        for row in people
    ]  # fmt: skip
    for row in cases:
        data = {name: plain_value(row[name]) for name in CASE_FIELDS if name != "needs"}
        data["needs"] = plain_value(needs_of.get(row["id"], set()))
        rows.append({**common, "object_type": "Case", "object_id": row["id"], "data": data})
    db.session.execute(insert(Revision.__table__), rows)


def _scheduled(cases: list[dict], releases: list[dict]) -> list[bulk_schedule.NewCase]:
    codes = {row["commune_code"] for row in cases}
    stmt = select(Commune.code, Commune.province_code).where(Commune.code.in_(codes))
    province_of = dict(db.session.execute(stmt).all())
    return [
        bulk_schedule.NewCase(
            id=case["id"],
            province_code=province_of[case["commune_code"]],
            classification=case["classification"],
            status=case["status"],
            received_on=case["received_on"],
            release_date=release["release_date"],
            expungement_on=case["expungement_on"],
        )
        for case, release in zip(cases, releases, strict=True)
    ]


def _new_ids(table: Table, count: int) -> list[int]:
    """Primary keys for ``count`` rows about to be inserted in this transaction: drawn from
    the table's sequence on PostgreSQL; past the largest on SQLite, where a colliding
    writer would make the insert fail (and the transaction roll back), never mix rows."""
    if db.session.get_bind().dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, "id")
        stmt = select(func.nextval(sequence)).select_from(func.generate_series(1, count))
        return list(db.session.scalars(stmt))
    largest = db.session.scalar(select(func.max(table.c.id))) or 0
    return list(range(largest + 1, largest + 1 + count))


def _first_repeat(values: list[str]) -> str:
    seen = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return ""
