"""Finding people: one search box (name without diacritics, ID number, or a fragment of
either), filters, given-name order, always within the user's scope.

Each case carries its person's folded names and sort key and its release's type (copied by
database triggers), and one index on cases holds the commune, status, classification,
release type, sort key and names. A page is therefore one scan of the user's communes in
that index: the scope, the filters, the LIKE '%…%' search and the order are all answered
there, without reading a row, then the page's 25 cases are loaded. Matches are counted up
to COUNT_CAP only ("more than 1,000"): nobody pages that far.

(Searching people first, then looking for their cases in scope, cost 161 ms for a given
name at a million people on PostgreSQL, where the trigram index matched the whole
country, and a scan of every person on SQLite.)
"""

from dataclasses import dataclass
from math import ceil

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import joinedload

from reintegration.accounts.models import User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.casework.models.transfer import incoming_case_ids
from reintegration.core import audit
from reintegration.core.database import count_up_to
from reintegration.core.text import fold
from reintegration.extensions import db
from reintegration.people.models import (
    Case,
    CaseStatus,
    Classification,
    ReleaseType,
)

OPEN = "open"
COUNT_CAP = 1000


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


MAX_QUERY_WORDS = 8


def search_condition(query: str) -> ColumnElement[bool]:
    """Cases whose person's names hold every word of the query, in any order, each as the
    start of a word, as people say names ("trinh khai", "khai trinh", "ng v an" all find
    Trịnh Văn Khải or Nguyễn Văn An), ignoring diacritics and case. Digits are looked for
    anywhere in the ID numbers (grouped with spaces as people write them: joined)."""
    folded = fold(query)
    if folded.replace(" ", "").isdigit():
        return Case.search_text.contains(folded.replace(" ", ""), autoescape=True)
    words = list(dict.fromkeys(folded.split()))[:MAX_QUERY_WORDS]
    return and_(*(_word_condition(word) for word in words))


def _word_condition(word: str) -> ColumnElement[bool]:
    """A word starting ``word`` in the folded names ("nguyen van an | ba an | 0010…");
    a number anywhere in the ID numbers."""
    if word.isdigit():
        return Case.search_text.contains(word, autoescape=True)
    return or_(
        Case.search_text.startswith(word, autoescape=True),
        Case.search_text.contains(" " + word, autoescape=True),
    )


def case_conditions(user: User, filters: CaseFilters) -> list[ColumnElement[bool]]:
    """Scope, filters and search. (Merged-away people keep no cases, so no condition on
    the person is needed here.)"""
    scope = commune_scope_clause(user, Case.commune_code)
    # Cases waiting to be transferred into the user's communes show too: a few ids, read
    # first, so that without any the query (and its plan) stays as it was.
    incoming = db.session.scalars(incoming_case_ids(user)).all()
    conditions = [or_(scope, Case.id.in_(incoming)) if incoming else scope]
    query = filters.query.strip()
    if query:
        conditions.append(search_condition(query))
    if filters.commune_code:
        conditions.append(Case.commune_code == filters.commune_code)
    if filters.status == OPEN:
        conditions.append(Case.status != CaseStatus.CLOSED)
    elif filters.status in {s.value for s in CaseStatus}:
        conditions.append(Case.status == CaseStatus(filters.status))
    if filters.classification:
        conditions.append(Case.classification == filters.classification)
    if filters.release_type:
        conditions.append(Case.release_type == filters.release_type)
    if filters.caseworker_id:
        conditions.append(Case.caseworker_id == filters.caseworker_id)
    return conditions


def find_cases(user: User, filters: CaseFilters, page: int = 1, per_page: int = 25) -> CasePage:
    """The cases ``user`` may see that match ``filters``, in given-name order."""
    page = max(1, min(page, ceil(COUNT_CAP / per_page)))
    matching = select(Case.id).where(*case_conditions(user, filters))
    start = (page - 1) * per_page
    # The first matches up to the cap, counted and the page taken of them, in one
    # statement: when they are all the matches (a name searched, a caseworker's communes),
    # that is the count and the page. A search scanned a city's 50,000 cases twice at a
    # million people (55 ms each on PostgreSQL), once to count, once for the page.
    first = matching.add_columns(Case.sort_key).limit(COUNT_CAP + 1).subquery()
    rows = db.session.execute(
        select(first.c.id, func.count().over().label("total"))
        .order_by(first.c.sort_key, first.c.id)
        .offset(start)
        .limit(per_page)
    ).all()
    total = rows[0].total if rows else count_up_to(matching, COUNT_CAP + 1)
    if total <= COUNT_CAP:
        page_ids = [row.id for row in rows]
    else:  # more than the cap: the page in the order of all of them
        page_ids = db.session.scalars(
            matching.order_by(Case.sort_key, Case.id).offset(start).limit(per_page)
        ).all()
    cases = db.session.scalars(
        select(Case)
        .where(Case.id.in_(page_ids))
        .options(joinedload(Case.person), joinedload(Case.commune), joinedload(Case.caseworker))
        .order_by(Case.sort_key, Case.id)
    ).unique()
    return CasePage(list(cases), page, per_page, total)


def record_search(user: User, filters: CaseFilters, found: CasePage, channel: str) -> None:
    """A search with words (a name, an ID number or a part of one) is audited: who looked
    for whom, and how many files it found. Browsing by filters alone is not a search."""
    query = (filters.query or "").strip()
    if not query:
        return
    audit.record(
        "people_searched",
        object_type="Person",
        user=user,
        detail={"query": query[:200], "found": found.total, "channel": channel},
    )
