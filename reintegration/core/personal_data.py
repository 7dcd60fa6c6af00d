"""Personal data, declared once per table next to the models that hold it.

Each domain says, for every table whose rows belong to a person's file: how a row is
reached from the person (the column that ties it to its parent row: a case, a loan
application, a contact…), what the data-access report shows of it, and what anonymisation
clears when the retention period ends. The privacy domain reads these declarations for the
report (``privacy/services/holdings.py``) and for anonymisation
(``privacy/services/retention.py``); ``tests/privacy/test_declarations.py`` walks the
database schema and fails for a table tied to a person, or a text column of one, that no
declaration covers.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, ColumnElement, Enum, MetaData, String, Table, Text, select

from reintegration.extensions import db


@dataclass(frozen=True)
class Field:
    """A field the report's PDF shows: an attribute path ("author.full_name"), its label."""

    path: str
    label: Any
    money: bool = False
    # For stored codes: code → what the reader sees.
    shown_as: Callable[[Any], Any] | None = None


class Reach:
    """The ids of one person's rows, table by table (by model name: "Case", "Contact"…),
    found from the person's own records through the declared links."""

    def __init__(self, people_ids: list[int]):
        self.ids: dict[str, list[int]] = {"Person": list(people_ids)}

    def of(self, model_name: str) -> list[int]:
        return self.ids.get(model_name, [])

    @property
    def people_ids(self) -> list[int]:
        return self.of("Person")


@dataclass(frozen=True)
class PersonalData:
    """One table's part of a person's file.

    ``link`` names the column tying a row to its ``parent`` (a model name whose ids the
    reach holds; "Person" for the person's own). A table reached otherwise (a stored
    object type and id, as the audit log and notifications keep them) gives ``rows`` and,
    when it holds anything to clear, ``anonymise`` instead.
    """

    key: str  # the report's section, e.g. "contacts"
    title: Any  # the section's heading
    model: type
    fields: tuple[Field, ...]  # what the PDF shows (the JSON holds every stored column)
    order: int  # the section's place in the report
    link: str | None = None
    parent: str | None = None
    order_by: tuple[str, ...] = ("id",)
    # Anonymisation: column → the value it gets (or an SQL expression), in one UPDATE of
    # the person's rows. With ``anonymise`` it names the columns that function clears.
    erase: Mapping[str, Any] = field(default_factory=dict)
    # The key of the count in the anonymisation's record (default: the section's key).
    erase_key: str | None = None
    # Text columns anonymisation leaves, and why (codes, references, kept for the figures):
    # the completeness check asks every text column to be erased or kept with a reason.
    kept: Mapping[str, str] = field(default_factory=dict)
    # Tables whose rows come with this one's (an association table, a list of codes): tied
    # to the person through it and covered by it.
    covers: tuple[str, ...] = ()
    rows: Callable[[Reach], list[Any]] | None = None
    # Anonymises the person's rows itself: (reach, the name that replaces theirs, files to
    # delete after the commit) → how many rows changed.
    anonymise: Callable[[Reach, str, list], int] | None = None

    @property
    def table_names(self) -> set[str]:
        return {self.model.__table__.name, *self.covers}

    @property
    def decided_columns(self) -> set[str]:
        """The columns whose fate on anonymisation is said: erased, or kept and why."""
        return set(self.erase) | set(self.kept)

    def clause(self, reach: Reach) -> ColumnElement[bool]:
        """The person's rows of this table."""
        return getattr(self.model, self.link).in_(reach.of(self.parent))

    def find(self, reach: Reach) -> list[Any]:
        if self.rows is not None:
            return self.rows(reach)
        order = [getattr(self.model, name) for name in self.order_by]
        return list(
            db.session.scalars(select(self.model).where(self.clause(reach)).order_by(*order))
        )


_DECLARED: dict[str, PersonalData] = {}


def declare(*declarations: PersonalData) -> None:
    """Called by each domain's personal_data module, imported with its models."""
    for declaration in declarations:
        _DECLARED[declaration.key] = declaration


def declarations() -> list[PersonalData]:
    """In the report's order."""
    return sorted(_DECLARED.values(), key=lambda d: d.order)


def reach_from(people_ids: Iterable[int]) -> Reach:
    """The person's rows' ids, parents before children, for every declared link."""
    reach = Reach(list(people_ids))
    pending = [d for d in declarations() if d.link is not None]
    while pending:
        ready = [d for d in pending if d.parent in reach.ids]
        if not ready:
            raise LookupError(f"no way from a person to {[d.key for d in pending]}")
        for declaration in ready:
            model = declaration.model
            if model.__name__ not in reach.ids and "id" in model.__table__.c:
                reach.ids[model.__name__] = list(
                    db.session.scalars(
                        select(model.id).where(declaration.clause(reach)).order_by(model.id)
                    )
                )
            pending.remove(declaration)
    return reach


# --- completeness -----------------------------------------------------------------------------
# Columns that say which record a row is about, without a foreign key (the audit log, the
# notifications, the saved versions): such a table can hold a person's rows too.
POLYMORPHIC_LINKS = ({"object_type", "object_id"}, {"subject_type", "subject_id"})
PEOPLE_TABLE = "people"


def person_tables(metadata: MetaData) -> dict[str, Table]:
    """The tables whose rows can belong to a person: a foreign key to the people, or to a
    table that has one (however far), or a stored record type and id."""
    tables = metadata.tables
    found = {PEOPLE_TABLE}
    while True:
        more = {
            name
            for name, table in tables.items()
            if name not in found
            and (
                any(key.column.table.name in found for key in table.foreign_keys)
                or any(link <= set(table.c.keys()) for link in POLYMORPHIC_LINKS)
            )
        }
        if not more:
            return {name: tables[name] for name in sorted(found) if name in tables}
        found |= more


def is_free_text(column) -> bool:
    """Text a person could write (a name, an address, a note), as opposed to a code from a
    list (an enumeration) or a reference to another row (a foreign key)."""
    return (
        isinstance(column.type, String | Text | JSON)
        and not isinstance(column.type, Enum)
        and not column.foreign_keys
        and not column.primary_key
    )


def uncovered(metadata: MetaData, declared: list[PersonalData] | None = None) -> list[str]:
    """What no declaration covers: "table" for a table tied to a person that none names,
    "table.column" for a text column of a declared table that its declarations neither
    erase nor keep with a reason (what the report shows of it is a separate choice, made
    in ``fields``). Empty when every piece of personal data is declared."""
    declared = declarations() if declared is None else declared
    covering: dict[str, set[str]] = {}
    for declaration in declared:
        own = declaration.model.__table__.name
        covering.setdefault(own, set()).update(declaration.decided_columns)
        for table in declaration.covers:
            covering.setdefault(table, set())
    missing = []
    for name, table in person_tables(metadata).items():
        if name not in covering:
            missing.append(name)
            continue
        if not any(name == d.model.__table__.name for d in declared):
            continue  # covered by another table's declaration (a list of codes)
        missing += [
            f"{name}.{column.name}"
            for column in table.c
            if is_free_text(column) and column.name not in covering[name]
        ]
    return missing
