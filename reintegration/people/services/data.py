"""What the forms, the importer and the API hand to the services."""

from dataclasses import dataclass, field, fields
from datetime import date

from reintegration.people.models import (
    CaseStatus,
    Classification,
    Need,
    OffenceGroup,
    ReleaseType,
    SentenceKind,
    Sex,
)


@dataclass
class PersonData:
    full_name: str
    birth_year: int
    sex: Sex
    birth_date: date | None = None
    other_names: str | None = None
    id_number: str | None = None
    old_id_number: str | None = None
    nationality: str = "VN"  # ISO 3166-1 alpha-2 (people.countries)
    passport_number: str | None = None
    # The CCCD disagrees with the birth year or sex: what is wrong, until a person resolves it.
    id_data_error: str | None = None
    ethnicity: str | None = None
    phone: str | None = None
    residence_commune_code: int | None = None
    residence_address: str | None = None
    residence_as_written: str | None = None
    current_address: str | None = None
    family_contact: str | None = None

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass
class ReleaseData:
    release_type: ReleaseType
    release_date: date
    amnesty_decision_id: int | None = None
    certificate_number: str | None = None
    detention_facility: str | None = None
    offence_group: OffenceGroup | None = None
    offence_against_children: bool = False
    offence: str | None = None
    sentence_months: int | None = None
    served_months: int | None = None
    sentence_kind: SentenceKind | None = None
    sentence_ended_on: date | None = None
    additional_penalty_until: date | None = None


@dataclass
class IntakeData:
    commune_code: int
    status: CaseStatus = CaseStatus.NOTIFIED
    notified_on: date | None = None
    received_on: date | None = None
    caseworker_id: int | None = None
    classification: Classification | None = None
    extremely_difficult: bool = False
    needs: set[Need] = field(default_factory=set)
    intake_notes: str | None = None


@dataclass
class CaseData:
    """The case fields a caseworker edits after intake."""

    caseworker_id: int | None
    extremely_difficult: bool
    needs: set[Need]
    intake_notes: str | None
    notified_on: date | None = None
    received_on: date | None = None
