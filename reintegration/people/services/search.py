"""Finding people: one search box (name without diacritics, ID number, or a fragment of
either), filters, given-name order, always within the user's scope."""

from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import contains_eager

from reintegration.accounts.models import User
from reintegration.core.scope import in_scope
from reintegration.core.text import fold
from reintegration.people.models import (
    Case,
    CaseStatus,
    Classification,
    Person,
    Release,
    ReleaseType,
)

OPEN = "open"


@dataclass
class CaseFilters:
    query: str = ""
    commune_code: int | None = None
    status: str = OPEN  # a CaseStatus value, "open" (not closed) or "" (all)
    classification: Classification | None = None
    release_type: ReleaseType | None = None
    caseworker_id: int | None = None


def search_condition(query: str):
    digits = "".join(ch for ch in query if ch.isdigit())
    if digits and len(digits) == len(query.replace(" ", "")):
        return or_(
            Person.id_number.contains(digits, autoescape=True),
            Person.old_id_number.contains(digits, autoescape=True),
        )
    return Person.search_text.contains(fold(query), autoescape=True)


def case_list_query(user: User, filters: CaseFilters) -> Select:
    """Cases (with their person) that ``user`` may see, filtered, in given-name order."""
    stmt = (
        select(Case)
        .join(Case.person)
        .options(contains_eager(Case.person))
        .where(Person.merged_into_id.is_(None))
    )
    stmt = in_scope(stmt, user, Case.commune_code)
    if filters.query.strip():
        stmt = stmt.where(search_condition(filters.query.strip()))
    if filters.commune_code:
        stmt = stmt.where(Case.commune_code == filters.commune_code)
    if filters.status == OPEN:
        stmt = stmt.where(Case.status != CaseStatus.CLOSED)
    elif filters.status in {s.value for s in CaseStatus}:
        stmt = stmt.where(Case.status == CaseStatus(filters.status))
    if filters.classification:
        stmt = stmt.where(Case.classification == filters.classification)
    if filters.release_type:
        stmt = stmt.where(
            Case.release_id.in_(
                select(Release.id).where(Release.release_type == filters.release_type)
            )
        )
    if filters.caseworker_id:
        stmt = stmt.where(Case.caseworker_id == filters.caseworker_id)
    return stmt.order_by(Person.sort_key, Person.id, Case.id)
