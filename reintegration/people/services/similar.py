"""People already on file who may be the one being registered: the same birth (day, or
year where a day is missing) and a name that reads the same without diacritics, or nearly
so. One person at a time for the registration form, a whole list at once for an import."""

import difflib
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import ARRAY, Row, and_, bindparam, func, or_, select

from reintegration.core.text import fold
from reintegration.extensions import db
from reintegration.people.models import Person
from reintegration.people.models.person import name_match_key
from reintegration.people.services.data import PersonData

SIMILAR_NAME_RATIO = 0.85


def similar_people(data: PersonData, *, except_id=None) -> list[Person]:
    """Same birth (date, or year when a date is missing) and a name that reads the same
    without diacritics, or nearly so (a middle name left out, a typo)."""
    stmt = _similar_candidates([data.birth_year], name_match_key(data.full_name).split(" ")[0])
    if data.birth_date:
        stmt = stmt.where(or_(Person.birth_date == data.birth_date, Person.birth_date.is_(None)))
    if except_id is not None:
        stmt = stmt.where(Person.id != except_id)
    return [c for c in db.session.scalars(stmt) if is_similar(c, data)]


def similar_people_many(items: list[PersonData]) -> list[list[int]]:
    """The ids of ``similar_people`` for each of a whole list (an import), in the order of
    ``items``. The people looked at are those of a row's birth day and given name (by the
    index on both), those of its year and given name with no day on file, and for a row
    without a day, all of its year and given name: about a dozen a row, where one query per
    given name read everyone sharing it (a million rows at a million people)."""
    given_names = [name_match_key(data.full_name).split(" ")[0] for data in items]
    rows = list(zip(items, given_names, strict=True))
    on_day = {(data.birth_date, given) for data, given in rows if data.birth_date}
    any_day = {(data.birth_year, given) for data, given in rows if not data.birth_date}
    no_day = {(data.birth_year, given) for data, given in rows} - any_day
    found_people = {
        **{row.id: row for row in _candidates(on_day, Person.birth_date)},
        **{row.id: row for row in _candidates(any_day, Person.birth_year)},
        **{
            row.id: row
            for row in _candidates(no_day, Person.birth_year, Person.birth_date.is_(None))
        },
    }
    candidates: dict[tuple[int, str], list[tuple[int, str, date | None]]] = {}
    for person_id, match_key, birth_year, birth_date in found_people.values():
        # The match key is the folded name given name first: turned back, no folding.
        given, *rest = match_key.split(" ")
        name = " ".join([*rest, given])
        candidates.setdefault((birth_year, given), []).append((person_id, name, birth_date))
    found: list[list[int]] = []
    for data, given_name in rows:
        wanted = " ".join(fold(data.full_name).split())
        found.append([
            person_id
            for person_id, name, birth_date in candidates.get((data.birth_year, given_name), ())
            if (data.birth_date is None or birth_date in (None, data.birth_date))
            and names_similar(name, wanted)
        ])  # fmt: skip
    return found


def similar_within(items: list[PersonData]) -> list[list[int]]:
    """For each of a list's people, the positions of the earlier ones who may be the same
    person by ``similar_people``'s rules (a compatible birth, a name nearly the same) and
    of the same sex, unless both carry ID numbers, which then tell them apart. A row is
    compared with the earlier rows of its birth year and given name born the same day or
    on an unknown one (all of them, for a row without a day)."""
    found: list[list[int]] = [[] for _ in items]
    if all(data.id_number for data in items):
        return found
    groups: dict[tuple[int, str], dict[date | None, list[tuple[int, str, PersonData]]]] = {}
    for index, data in enumerate(items):
        words = fold(data.full_name).split()
        wanted = " ".join(words)
        by_day = groups.setdefault((data.birth_year, words[-1] if words else ""), {})
        if data.birth_date is None:
            earlier = [entry for entries in by_day.values() for entry in entries]
        else:
            earlier = [*by_day.get(data.birth_date, ()), *by_day.get(None, ())]
        found[index] = sorted(
            position
            for position, name, other in earlier
            if other.sex == data.sex
            and not (data.id_number and other.id_number)
            and names_similar(name, wanted)
        )
        by_day.setdefault(data.birth_date, []).append((index, wanted, data))
    return found


CANDIDATE_CHUNK = 250


def _candidates(pairs: set[tuple[Any, str]], on, *conditions) -> Iterator[Row]:
    """(id, match_key, birth_year, birth_date) of the people not merged away whose ``on``
    is one of ``pairs``' keys and whose given name is that pair's. One statement of up to
    CANDIDATE_CHUNK pairs, each a condition the index answers (both databases turn the OR
    into one index lookup per pair), built once and run per chunk; the last chunk repeats
    its last pair to fill the slots."""
    ordered = sorted(pairs)
    if not ordered:
        return
    if db.engine.dialect.name == "postgresql":
        yield from _candidates_joined(ordered, on, *conditions)
        return
    size = min(CANDIDATE_CHUNK, len(ordered))
    slots = range(size)
    statement = select(Person.id, Person.match_key, Person.birth_year, Person.birth_date).where(
        or_(
            *(
                and_(
                    on == bindparam(f"key_{i}"),
                    Person.match_key.like(bindparam(f"pattern_{i}"), escape="/"),
                )
                for i in slots
            )
        ),
        Person.merged_into_id.is_(None),
        *conditions,
    )
    for start in range(0, len(ordered), size):
        chunk = ordered[start : start + size]
        chunk += chunk[-1:] * (size - len(chunk))
        params = {}
        for i, (key, given_name) in zip(slots, chunk, strict=True):
            params[f"key_{i}"] = key
            params[f"pattern_{i}"] = _given_name_pattern(given_name)
        yield from db.session.execute(statement, params)


def _candidates_joined(ordered: list[tuple[Any, str]], on, *conditions) -> Iterator[Row]:
    """``_candidates`` on PostgreSQL: the pairs sent as two arrays and joined, one statement
    for the whole list, its plan left to the planner (250 ORed conditions a statement took
    PostgreSQL 30 ms to plan and run, 80 times for a national list of 20,000 rows: 7 s in
    all against 1.5 s joined, side by side). A person's match key begins with one given
    name, so no person is found twice."""
    keys, patterns = zip(*((key, _given_name_pattern(name)) for key, name in ordered), strict=True)
    wanted = (
        func.unnest(
            bindparam("keys", list(keys), type_=ARRAY(on.type)),
            bindparam("patterns", list(patterns), type_=ARRAY(Person.match_key.type)),
        )
        .table_valued("key", "pattern")
        .render_derived(name="wanted")
    )
    statement = (
        select(Person.id, Person.match_key, Person.birth_year, Person.birth_date)
        .join(wanted, and_(on == wanted.c.key, Person.match_key.like(wanted.c.pattern, escape="/")))
        .where(Person.merged_into_id.is_(None), *conditions)
    )
    yield from db.session.execute(statement)


def _given_name_pattern(given_name: str) -> str:
    """LIKE pattern of the match keys that start with ``given_name`` as a whole word."""
    literal = given_name.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"{literal} %"


def _similar_candidates(birth_years: list[int], given_name: str):
    return select(Person).where(
        Person.birth_year.in_(birth_years),
        Person.merged_into_id.is_(None),
        Person.match_key.startswith(given_name + " ", autoescape=True),
    )


def is_similar(candidate: Person, data: PersonData) -> bool:
    """The names read the same without diacritics, share the family and given name, or
    differ by little (the birth is compared by the caller's query)."""
    return names_similar(fold(candidate.full_name), fold(data.full_name))


def names_similar(name: str, wanted: str) -> bool:
    """``is_similar`` on names already folded."""
    words, wanted_words = name.split(), wanted.split()
    if name == wanted or words[:1] + words[-1:] == wanted_words[:1] + wanted_words[-1:]:
        return True
    matcher = difflib.SequenceMatcher(None, name, wanted)
    # The quick ratios are upper bounds of ratio(), far cheaper: most names fail them.
    return (
        matcher.real_quick_ratio() >= SIMILAR_NAME_RATIO
        and matcher.quick_ratio() >= SIMILAR_NAME_RATIO
        and matcher.ratio() >= SIMILAR_NAME_RATIO
    )
