"""What the system holds about one person: every row that names them or belongs to their
file, section by section, with the fields a reader of the access report needs. The PDF
and the JSON of the data-access report (``access_report``) are both drawn from it.

The sections are the domains' declarations (each domain's ``personal_data.py``, read through
``core/personal_data.py``), so a table declared there is in the report without a word here.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from reintegration.core.personal_data import Field, declarations, reach_from
from reintegration.extensions import db
from reintegration.people.models import Person


@dataclass
class Section:
    key: str
    title: Any
    rows: list[Any]
    fields: tuple[Field, ...]


@dataclass
class Holdings:
    """The rows held about one person, gathered once for both formats."""

    person: Person
    merged: list[Person]
    people_ids: list[int]
    case_ids: list[int]
    application_ids: list[int]
    sections: list[Section]


def gather(person: Person) -> Holdings:
    merged = list(
        db.session.scalars(
            select(Person).where(Person.merged_into_id == person.id).order_by(Person.id)
        )
    )
    reach = reach_from([person.id, *(p.id for p in merged)])
    sections = [
        Section(declared.key, declared.title, declared.find(reach), declared.fields)
        for declared in declarations()
    ]
    return Holdings(
        person,
        merged,
        reach.people_ids,
        reach.of("Case"),
        reach.of("LoanApplication"),
        sections,
    )
