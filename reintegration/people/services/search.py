"""Finding people: one search box (name without diacritics, ID number, or a fragment of
either), filters, given-name order, always within the user's scope.

Speed at 200,000 people comes from four choices:
- names and ID numbers are folded into one column, searched with LIKE '%…%': a trigram
  index answers it on PostgreSQL; on SQLite a scan of that one short column is fast
  enough (measured faster than an FTS5 trigram index for common fragments);
- a search first collects the matching people who have a case in scope (up to
  MATCH_CAP), and their cases are then ordered directly;
- the matching cases are collected up to COUNT_CAP only ("more than 1,000"): nobody
  pages that far, and counting a whole province exactly would cost more than the page;
- up to SORT_CAP, the matching cases are sorted and paged directly (planners guess
  badly how many rows a mix of filters leaves, so the ids are handed over as a list);
  past it, matches are dense enough that walking people in name order along the index,
  keeping those with a matching case, finds a page without sorting a whole province.
  (Walking for sparse matches was the slow case: with a million people on file, a
  filtered province list that matched 1,800 cases walked for 2.8 s on PostgreSQL.)
"""

from dataclasses import dataclass
from math import ceil

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from reintegration.accounts.models import User
from reintegration.casework.models.transfer import incoming_case_ids
from reintegration.core.database import id_in
from reintegration.core.scope import commune_scope_clause
from reintegration.core.text import fold
from reintegration.extensions import db
from reintegration.people.models import (
    Case,
    CaseStatus,
    Classification,
    Person,
    Release,
    ReleaseType,
)

OPEN = "open"
COUNT_CAP = 1000
MATCH_CAP = 10_000
SORT_CAP = 10_000


@dataclass
class CaseFilters:
    query: str = ""
    commune_code: int | None = None
    status: str = OPEN  # a CaseStatus value, "open" (not closed) or "" (all)
    classification: Classification | None = None
    release_type: ReleaseType | None = None
    caseworker_id: int | None = None


@dataclass
class CasePage:
    """One page of cases; ``total`` stops at COUNT_CAP + 1 (then ``total_capped``)."""

    items: list[Case]
    page: int
    per_page: int
    total: int

    @property
    def total_capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def pages(self) -> int:
        return max(1, ceil(min(self.total, COUNT_CAP) / self.per_page))

    def iter_pages(self, edge: int = 2, around: int = 2):
        for number in range(1, self.pages + 1):
            if number <= edge or number > self.pages - edge or abs(number - self.page) <= around:
                yield number
            elif number in (edge + 1, self.pages - edge):
                yield None


def search_condition(query: str) -> ColumnElement[bool]:
    """People whose folded names or ID numbers contain the folded query (digits typed
    with spaces, as ID numbers are often grouped, are joined)."""
    folded = fold(query)
    if folded.replace(" ", "").isdigit():
        folded = folded.replace(" ", "")
    return Person.search_text.contains(folded, autoescape=True)


def case_conditions(user: User, filters: CaseFilters) -> list[ColumnElement[bool]]:
    """Scope and filters on the case itself. (Merged-away people keep no cases, so no
    condition on the person is needed here.)"""
    scope = commune_scope_clause(user, Case.commune_code)
    # Cases waiting to be transferred into the user's communes show too: a few ids, read
    # first, so that without any the query (and its plan) stays as it was.
    incoming = db.session.scalars(incoming_case_ids(user)).all()
    conditions = [or_(scope, Case.id.in_(incoming)) if incoming else scope]
    if filters.commune_code:
        conditions.append(Case.commune_code == filters.commune_code)
    if filters.status == OPEN:
        conditions.append(Case.status != CaseStatus.CLOSED)
    elif filters.status in {s.value for s in CaseStatus}:
        conditions.append(Case.status == CaseStatus(filters.status))
    if filters.classification:
        conditions.append(Case.classification == filters.classification)
    if filters.release_type:
        conditions.append(Case.release.has(Release.release_type == filters.release_type))
    if filters.caseworker_id:
        conditions.append(Case.caseworker_id == filters.caseworker_id)
    return conditions


def find_cases(user: User, filters: CaseFilters, page: int = 1, per_page: int = 25) -> CasePage:
    """The cases ``user`` may see that match ``filters``, in given-name order."""
    page = max(1, min(page, ceil(COUNT_CAP / per_page)))
    offset = (page - 1) * per_page
    connection = db.session.connection()
    on_case = case_conditions(user, filters)
    on_person: list[ColumnElement[bool]] = []
    few_people = False  # a search matched at most MATCH_CAP people: sort their cases
    query = filters.query.strip()
    if query:
        matches = connection.scalars(
            select(Person.id)
            .where(
                search_condition(query),
                # IN rather than EXISTS: the cases in scope are read once, not per person.
                Person.id.in_(select(Case.person_id).where(*on_case)),
            )
            .limit(MATCH_CAP + 1)
        ).all()
        few_people = len(matches) <= MATCH_CAP
        if few_people:
            on_case.append(id_in(Case.person_id, matches))
        else:  # a common name: matches are dense, so the walk below meets them soon
            on_person.append(search_condition(query))

    candidates = select(Case.id).where(*on_case)
    if on_person:
        candidates = candidates.join(Case.person).where(*on_person)
    case_ids = connection.scalars(candidates.limit(SORT_CAP + 1)).all()
    if len(case_ids) <= SORT_CAP:
        stmt = _ordered().where(id_in(Case.id, case_ids)).offset(offset).limit(per_page)
    elif few_people:
        stmt = _ordered().where(*on_case).offset(offset).limit(per_page)
    else:
        person_ids = (
            select(Person.id)
            .where(*on_person, exists().where(Case.person_id == Person.id, *on_case))
            .order_by(Person.sort_key, Person.id)
            .offset(offset)
            .limit(per_page)
        )
        stmt = _ordered().where(Case.person_id.in_(person_ids.scalar_subquery()), *on_case)
    total = min(len(case_ids), COUNT_CAP + 1)
    return CasePage(list(db.session.scalars(stmt).unique()), page, per_page, total)


def _ordered():
    return (
        select(Case)
        .join(Case.person)
        .options(
            contains_eager(Case.person),
            joinedload(Case.commune),
            joinedload(Case.caseworker),
        )
        .order_by(Person.sort_key, Person.id, Case.id)
    )
