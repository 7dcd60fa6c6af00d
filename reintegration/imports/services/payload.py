"""A row's registration (person, release, intake) as the JSON kept between preview and
commit, and back."""

import functools
from dataclasses import fields
from datetime import date
from typing import Any

from reintegration.people.models import (
    CaseStatus,
    Classification,
    OffenceGroup,
    ReleaseType,
    SentenceKind,
    Sex,
)
from reintegration.people.services.data import IntakeData, PersonData, ReleaseData
from reintegration.people.services.registration import RegistrationRequest
from reintegration.people.services.revisions import plain_value


def to_json(request: RegistrationRequest) -> dict[str, dict[str, Any]]:
    """Each part's fields, read one by one (``asdict`` deep-copies every value); texts,
    numbers and empty values as they are, the rest through ``plain_value``."""
    return {
        part: {
            name: value if type(value) in _PLAIN else plain_value(value)
            for name in _field_names(type(data))
            for value in (getattr(data, name),)
        }
        for part, data in (
            ("person", request.person),
            ("release", request.release),
            ("intake", request.intake),
        )
    }


_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _coded(kind: type, value: str | None):
    return kind(value) if value else None


def from_json(data: dict[str, dict[str, Any]]) -> RegistrationRequest:
    person = dict(data["person"])
    person["sex"] = Sex(person["sex"])
    person["birth_date"] = _day(person["birth_date"])
    release = dict(data["release"])
    release["release_type"] = ReleaseType(release["release_type"])
    release["release_date"] = _day(release["release_date"])
    release["offence_group"] = _coded(OffenceGroup, release.get("offence_group"))
    release["sentence_kind"] = _coded(SentenceKind, release.get("sentence_kind"))
    for name in ("sentence_ended_on", "additional_penalty_until"):
        release[name] = _day(release.get(name))
    intake = dict(data["intake"])
    intake["status"] = CaseStatus(intake["status"])
    intake["notified_on"] = _day(intake["notified_on"])
    intake["received_on"] = _day(intake["received_on"])
    intake["classification"] = (
        Classification(intake["classification"]) if intake["classification"] else None
    )
    intake["needs"] = set()
    return RegistrationRequest(PersonData(**person), ReleaseData(**release), IntakeData(**intake))
