"""The preview (dry run): every row read, converted and checked by the registration rules,
sorted into new, already known, needing a decision, or invalid, and kept as import rows.
Nothing is registered here. Each problem names the row, the column and the reason."""

import gc
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select

from reintegration.accounts.models import Role, User
from reintegration.core.database import insert_many
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import N_
from reintegration.core.links import path_for
from reintegration.core.text import fold, name_case
from reintegration.extensions import db
from reintegration.geo.models import Commune, LegacyProvince
from reintegration.geo.services import ConversionStatus
from reintegration.imports.models import (
    ELSEWHERE,
    WARNED,
    BatchStatus,
    DecisionKind,
    ImportBatch,
    ImportRow,
    Phase,
    RowStatus,
    Tag,
)
from reintegration.imports.services import values as v
from reintegration.imports.services.addresses import AddressResolver, Placement
from reintegration.imports.services.columns import (
    BY_KEY,
    IGNORE,
    auto_mapping,
    count_known,
    mapping_problems,
)
from reintegration.imports.services.offences import classify
from reintegration.imports.services.payload import to_json
from reintegration.imports.services.reading import Table, read_table
from reintegration.notifications.models import Subject
from reintegration.notifications.recipients import province_officers
from reintegration.notifications.services import notify
from reintegration.people.countries import nationality_code
from reintegration.people.models import (
    AmnestyDecision,
    CaseStatus,
    Person,
    Release,
    ReleaseType,
    Sex,
)
from reintegration.people.services.data import IntakeData, PersonData, ReleaseData
from reintegration.people.services.registration import (
    Lookups,
    RegistrationRequest,
    check_request,
    identity_problems,
    registered_id_numbers,
    visible_case,
)
from reintegration.people.services.similar import similar_people_many, similar_within

HANDED_OVER = N_("%(count)s people from list %(name)s are waiting in your imports.")
PROGRESS_EVERY = 1000
OLD_CARD_DIGITS = 9  # the identity card (CMND) before the citizen ID card
DURATIONS = ("sentence_months", "served_months")
FULL_NAME_LIMIT = Person.__table__.c.full_name.type.length
# The optional texts of a row and the most their columns hold.
TEXT_LIMITS = {
    key: table.c[key].type.length
    for table, keys in (
        (Person.__table__, ("other_names", "nationality", "ethnicity", "phone",
                            "residence_address")),
        (Release.__table__, ("certificate_number", "detention_facility", "offence")),
    )
    for key in keys
}  # fmt: skip
INSERT_CHUNK = 2000
BIRTH_BY_SEX = (("birth_male", Sex.MALE), ("birth_female", Sex.FEMALE))
SEX_MARKS = (("sex_male", Sex.MALE), ("sex_female", Sex.FEMALE))
# Where a service's refusal (DomainError.field) is shown: the list's column.
FIELD_COLUMNS = {
    "id_number": "id_number",
    "old_id_number": "old_id_number",
    "birth_year": "birth_date",
    "commune_code": "commune",
    "caseworker_id": "commune",
    "amnesty_decision_id": "amnesty_decision",
    "served_months": "served_months",
    "received_on": "received_on",
    "release_date": "release_date",
    "full_name": "full_name",
}
DECISIONS = {
    ConversionStatus.SPLIT: DecisionKind.SPLIT,
    ConversionStatus.AMBIGUOUS: DecisionKind.AMBIGUOUS,
    ConversionStatus.NOT_FOUND: DecisionKind.NOT_FOUND,
}


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    problems: list[dict[str, str]] = field(default_factory=list)
    # Optional values that could not be read (left empty): shown, never a refusal.
    warnings: list[dict[str, Any]] = field(default_factory=list)
    request: RegistrationRequest | None = None
    decision: DecisionKind | None = None
    candidates: list[int] = field(default_factory=list)
    status: RowStatus = RowStatus.NEW
    # The province the row is handed to: it lives outside the importer's area.
    province: int | None = None
    tags: list[str] = field(default_factory=list)


class RowReader:
    """Turns the cells of one row into a registration request and its problems."""

    def __init__(self, batch: ImportBatch, actor: User):
        self.batch = batch
        self.actor = actor
        self.headers = batch.headers or []
        self.mapping = batch.mapping or []
        self.reference = Reference(actor)
        self.resolver = AddressResolver(self.reference.area, batch.province_code)
        self.decisions = {fold(d.number): d.id for d in db.session.scalars(select(AmnestyDecision))}
        self.units = {key: v.unit_of(self.heading(key)) for key in DURATIONS}
        self._stand_ins: dict[int, tuple[User, Lookups]] = {}
        self.defaults = {
            "release_type": batch.release_type,
            "release_date": batch.release_date,
            "amnesty_decision_id": batch.amnesty_decision_id,
            "notified_on": batch.notified_on,
        }

    @staticmethod
    def _birth_by_sex(raw: dict[str, Any], parse: Callable, problem: Callable):
        """ "Năm sinh" over a column for men and one for women: (the sex of the column the
        birth is written in, (date, year)); (None, (None, None)) when neither is."""
        written = [(key, sex) for key, sex in BIRTH_BY_SEX if raw.get(key) not in (None, "")]
        if not written:
            return None, (None, None)
        if len(written) > 1:
            problem("birth_male", _("A birth is written both in the men's and the women's column."))
            return None, (None, None)
        key, sex = written[0]
        return sex, parse(key, v.birth) or (None, None)

    def heading(self, key: str) -> str:
        """The file's own heading of a column, else the field's name."""
        for index, mapped in enumerate(self.mapping):
            if mapped == key and index < len(self.headers) and self.headers[index]:
                return self.headers[index]
        return str(BY_KEY[key].label) if key in BY_KEY else key

    def read(self, number: int, cells: list) -> ParsedRow:
        raw: dict[str, Any] = {}
        shown: dict[str, Any] = {}
        written: dict[str, str | None] = {}  # the mapped cells as text, each read once
        for index, key in enumerate(self.mapping):
            cell = cells[index] if index < len(cells) else None
            heading = self.headers[index] if index < len(self.headers) else ""
            as_text = v.text(cell)
            if cell is not None:
                shown[heading or f"#{index + 1}"] = as_text
            if key not in (None, IGNORE):
                raw[key] = cell
                written[key] = as_text
        row = ParsedRow(number, shown)
        row.tags = _repairs(raw)

        def problem(key: str, message: str) -> None:
            row.problems.append({"column": self.heading(key), "message": message})

        def parse(key: str, convert: Callable, *args, **kwargs):
            try:
                return convert(raw.get(key), *args, **kwargs)
            except v.BadValue as error:
                problem(key, str(error))
                return None

        def optional(key: str, convert: Callable, *args, **kwargs):
            """An optional value: one that cannot be read is left empty, with a warning."""
            try:
                return convert(raw.get(key), *args, **kwargs)
            except v.BadValue as error:
                row.warnings.append({"column": self.heading(key), "message": str(error)})
                return None

        full_name = written.get("full_name")
        if full_name and (as_name := name_case(full_name)) != full_name:
            full_name = as_name
            row.tags.append(Tag.NAME_CASE.value)
        if not full_name:
            problem("full_name", _("The full name is missing."))
        elif len(full_name) > FULL_NAME_LIMIT:
            problem("full_name", _("Longer than %(count)d characters.", count=FULL_NAME_LIMIT))
        birth_date, birth_year = parse("birth_date", v.birth) or (None, None)
        # A "Năm sinh" column often holds whole dates: a date there is the date of birth.
        date_given, year_given = parse("birth_year", v.birth) or (None, None)
        birth_date = birth_date or date_given
        birth_year = year_given or birth_year
        sex_of_birth, (date_by_sex, year_by_sex) = self._birth_by_sex(raw, parse, problem)
        birth_date = birth_date or date_by_sex
        birth_year = birth_year or year_by_sex
        if birth_year is None and not row.problems:
            problem("birth_date", _("The date or year of birth is missing."))
        sex = parse("sex", v.sex)
        marked = [s for key, s in SEX_MARKS if raw.get(key) not in (None, "")]
        if len(marked) > 1:
            problem("sex_male", _("Both the men's and the women's column are marked."))
        sex_of_birth = sex_of_birth or (marked[0] if len(marked) == 1 else None)
        if sex is not None and sex_of_birth not in (None, sex):
            problem("sex", _("The birth or the mark is in the other sex's column."))
        sex = sex or sex_of_birth
        if sex is None and raw.get("sex") in (None, ""):
            problem("sex", _("The sex is missing."))
        release_type = parse("release_type", v.release_type) or self.defaults["release_type"]
        release_date = parse("release_date", v.day) or self.defaults["release_date"]
        if release_date is None and raw.get("release_date") in (None, ""):
            problem("release_date", _("The release date is missing."))
        decision_id = self._amnesty_decision(raw.get("amnesty_decision"), problem)
        received_on = optional("received_on", v.day)
        term = optional("sentence_months", v.sentence, self.units["sentence_months"])
        term = term or v.Sentence()
        served = optional(
            "served_months", v.sentence, self.units["served_months"], whole_terms=False
        )
        served_months = served.months if served else None
        if term.months is not None and served_months is not None and served_months > term.months:
            row.warnings.append({
                "column": self.heading("served_months"),
                "message": _("The time served is longer than the sentence: it is left empty."),
            })  # fmt: skip
            served_months = None
        id_number = v.id_number(raw.get("id_number"), 12)
        old_id_number = v.id_number(raw.get("old_id_number"), 9)
        if old_id_number is None and _old_card(id_number):
            # One column for both ("Số CCCD/CMND"): nine digits are the old card's.
            id_number, old_id_number = None, id_number
        texts = {key: written.get(key) for key in (
            "other_names", "nationality", "ethnicity", "phone", "residence_address",
            "certificate_number", "detention_facility", "family_contact", "intake_notes",
            "province", "district", "commune", "offence", "residence",
        )}  # fmt: skip
        for key, limit in TEXT_LIMITS.items():
            if texts[key] and len(texts[key]) > limit:
                row.warnings.append({
                    "column": self.heading(key),
                    "message": _("Longer than %(count)d characters: it is left empty.",
                                 count=limit),
                })  # fmt: skip
                texts[key] = None
        offence_group, against_child = classify(texts["offence"])
        placement = self._place(texts, problem)
        if placement.converted and placement.status == ConversionStatus.CONVERTED:
            row.tags.append(Tag.OLD_ADDRESS.value)
        row.province = self._elsewhere(placement)
        if row.problems:
            return self._invalid(row)

        commune_code = placement.commune_code
        if row.province is not None and placement.status == ConversionStatus.CONVERTED:
            commune_code = placement.candidates[0]
        person = PersonData(
            full_name=full_name, birth_year=birth_year, sex=sex, birth_date=birth_date,
            other_names=texts["other_names"], id_number=id_number, old_id_number=old_id_number,
            nationality=nationality_code(texts["nationality"]), ethnicity=texts["ethnicity"],
            phone=texts["phone"], residence_commune_code=commune_code,
            residence_address=texts["residence_address"] or _fitting(placement.street),
            residence_as_written=", ".join(
                t for t in (texts["residence_address"], texts["residence"], texts["commune"],
                            texts["district"], texts["province"]) if t
            ),
            family_contact=texts["family_contact"],
        )  # fmt: skip
        release = ReleaseData(
            release_type=release_type, release_date=release_date,
            amnesty_decision_id=decision_id if release_type == ReleaseType.AMNESTY else None,
            certificate_number=texts["certificate_number"],
            detention_facility=texts["detention_facility"],
            offence=texts["offence"], offence_group=offence_group,
            offence_against_children=against_child,
            sentence_months=term.months, sentence_kind=term.kind, served_months=served_months,
        )  # fmt: skip
        intake = IntakeData(
            commune_code=commune_code,
            status=CaseStatus.RECEIVED if received_on else CaseStatus.NOTIFIED,
            notified_on=self.defaults["notified_on"], received_on=received_on,
            intake_notes=texts["intake_notes"],
        )  # fmt: skip
        row.request = RegistrationRequest(person, release, intake)
        # A CCCD at odds with the birth year or sex is saved with a flag, not refused.
        for error in identity_problems(person, accept_mismatch=True):
            problem(FIELD_COLUMNS.get(error.field, "full_name"), error.message)
        if placement.status != ConversionStatus.CONVERTED:
            row.decision = DECISIONS[placement.status]
            row.candidates = placement.candidates
            row.status = RowStatus.DECISION
        elif not row.problems:
            actor, lookups = self.actor, self.reference.lookups
            if row.province is not None:
                actor, lookups = self._province_officer(row.province)
            try:
                check_request(row.request, actor, lookups, identity_checked=True)
            except DomainError as error:
                problem(FIELD_COLUMNS.get(error.field, "full_name"), error.message)
        return self._invalid(row) if row.problems else row

    @staticmethod
    def _invalid(row: ParsedRow) -> ParsedRow:
        row.status = RowStatus.INVALID
        row.decision = None
        row.candidates = []
        return row

    def _amnesty_decision(self, cell, problem) -> int | None:
        if cell is None or cell == "":
            return self.defaults["amnesty_decision_id"]
        wanted = fold(str(cell))
        for number, decision_id in self.decisions.items():
            if number == wanted or number.startswith(wanted + "/"):
                return decision_id
        problem(
            "amnesty_decision",
            _("“%(value)s” is not a known amnesty decision.", value=cell),
        )
        return None

    def _place(self, texts: dict, problem) -> Placement:
        """The row's commune: from the commune columns when filled, else from the residence
        written in one cell (whose street part is kept either way)."""
        residence = texts["residence"]
        street = None
        if residence:
            street = self.resolver.place_written(
                residence, texts["province"], texts["district"]
            ).street
        if texts["commune"]:
            key, name = "commune", texts["commune"]
            placement = self.resolver.place(texts["province"], texts["district"], name)
        elif residence:
            key, name = "residence", residence
            placement = self.resolver.place_written(residence, texts["province"], texts["district"])
        else:
            column = "commune" if "commune" in self.mapping else "residence"
            problem(column, _("The commune is missing."))
            return Placement(ConversionStatus.NOT_FOUND)
        if placement.street != street:
            placement = replace(placement, street=street)
        if placement.outside_area and self._elsewhere(placement) is None:
            problem(key, _("The commune “%(name)s” is outside your area.", name=name))
        elif placement.status != ConversionStatus.CONVERTED and not placement.candidates:
            problem(key, placement.problem or _("No commune is named “%(name)s”.", name=name))
        return placement

    def _elsewhere(self, placement: Placement) -> int | None:
        """The one other province a row found outside the importer's area lives in (a
        name that fits communes of several provinces, or none, is not handed on)."""
        if not placement.outside_area or placement.status == ConversionStatus.NOT_FOUND:
            return None
        provinces = {self.reference.province_of.get(code) for code in placement.candidates}
        if len(provinces) != 1 or None in provinces:
            return None
        return provinces.pop()

    def _province_officer(self, province_code: int) -> tuple[User, Lookups]:
        """Whom a row handed to a province is checked for: any of its officers (its scope
        is the whole province), standing in until one of them decides and saves it. Never
        added to the session."""
        if province_code not in self._stand_ins:
            officer = User(role=Role.PROVINCE_OFFICER, province_code=province_code)
            self._stand_ins[province_code] = (officer, {})
        return self._stand_ins[province_code]


def _fitting(street: str | None) -> str | None:
    """A street part read off a residence cell, if the field holds it (the whole cell is
    kept as written either way)."""
    return street if street and len(street) <= TEXT_LIMITS["residence_address"] else None


DATE_KEYS = ("birth_date", "release_date", "received_on")


def _repairs(raw: dict[str, Any]) -> list[str]:
    """What reading the row's cells repairs, beyond what they say: ID numbers stored as
    numbers (their leading zeros lost), dates stored as serial numbers, decomposed text."""
    tags = []
    for key, length in (("id_number", 12), ("old_id_number", 9)):
        cell = raw.get(key)
        if (_number(cell) and len(str(int(cell))) < length) or (
            isinstance(cell, str) and v.zeros_dropped(v.id_digits(cell), length)
        ):
            tags.append(Tag.ID_ZERO.value)
            break
    for key in DATE_KEYS:
        cell = raw.get(key)
        if (_number(cell) and int(cell) in v.EXCEL_SERIALS and len(str(int(cell))) != 4) or (
            isinstance(cell, str) and len(cell.strip()) == 5 and cell.strip().isdigit()
        ):
            tags.append(Tag.SERIAL_DATE.value)
            break
    if any(isinstance(c, str) and not unicodedata.is_normalized("NFC", c) for c in raw.values()):
        tags.append(Tag.DECOMPOSED.value)
    return tags


def _old_card(number: str | None) -> bool:
    return number is not None and len(number) == OLD_CARD_DIGITS and number.isdigit()


def _number(cell) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool)


def analyse(batch: ImportBatch, actor: User, progress: Callable[[int, int, Phase], None]) -> None:
    """Read and check the batch's file; keep its rows, counted, for the preview. A file
    whose columns are not all recognised waits for the user to match them."""
    progress(0, 0, Phase.READING)
    table = read_table(batch.content, count_known)
    batch.headers = table.headers
    mapping = batch.mapping
    if not mapping or len(mapping) != len(table.headers):
        mapping = auto_mapping(table.headers)
    batch.mapping = mapping
    if mapping_problems(mapping, release_date_default=batch.release_date is not None):
        batch.status = BatchStatus.NEEDS_MAPPING
        return
    db.session.execute(delete(ImportRow).where(ImportRow.batch_id == batch.id))
    reader = RowReader(batch, actor)
    with _collector_paused():
        _check_and_keep(batch, table, reader, progress)


@contextmanager
def _collector_paused():
    """The cyclic garbage collector paused while a list's rows are checked and written:
    they make no cycles to collect, but its passes would go over everything the process
    holds (the address book, the reference rows, the rows read so far) again and again
    as they accumulate, a sixth of the preview's CPU (8 full passes for 20,000 rows). Peak
    memory is the same; reference counting still frees what the rows drop."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _check_and_keep(
    batch: ImportBatch, table: Table, reader: RowReader, progress: Callable[[int, int, Phase], None]
) -> None:
    cells = []  # read once (a workbook is parsed as it streams)
    for found in table.rows():
        cells.append(found)
        if len(cells) % PROGRESS_EVERY == 0:
            progress(len(cells), 0, Phase.READING)
    progress(0, len(cells), Phase.CHECKING)
    rows: list[ParsedRow] = []
    for number, row_cells in cells:
        rows.append(reader.read(number, row_cells))
        if len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows), len(cells), Phase.CHECKING)
    del cells
    # Complete once read; lines left out are said only when there were some.
    batch.repairs = [repair.to_json() for repair in table.repairs if repair]
    batch.total_rows = len(rows)
    _mark_repeated_ids(rows, reader)
    _mark_known(rows, reader)
    _mark_similar(rows)
    _mark_repeated_people(rows)
    own = [row for row in rows if row.province is None]
    _write(batch, own)
    batch.counts = count_rows(own)
    batch.counts[ELSEWHERE] = len(rows) - len(own)
    _hand_over(batch, [row for row in rows if row.province is not None])
    batch.status = BatchStatus.READY
    progress(len(rows), len(rows), Phase.CHECKING)


def _hand_over(batch: ImportBatch, rows: list[ParsedRow]) -> None:
    """The rows of other provinces, each province's as a list of its own waiting for its
    officers' preview and decisions (as if they had uploaded them), who are told."""
    by_province: dict[int, list[ParsedRow]] = {}
    for row in rows:
        by_province.setdefault(row.province, []).append(row)
    for province_code, its_rows in sorted(by_province.items()):
        handed = ImportBatch(
            created_by_id=batch.created_by_id, province_code=province_code, parent_id=batch.id,
            filename=batch.filename, status=BatchStatus.READY, release_type=batch.release_type,
            amnesty_decision_id=batch.amnesty_decision_id, release_date=batch.release_date,
            notified_on=batch.notified_on, headers=batch.headers, mapping=batch.mapping,
            total_rows=len(its_rows), counts=count_rows(its_rows), repairs=[],
        )  # fmt: skip
        db.session.add(handed)
        db.session.flush()
        _write(handed, its_rows)
        notify(
            province_officers(province_code),
            "import_handed_over",
            HANDED_OVER,
            subject=Subject.of(handed),
            params={"count": len(its_rows), "name": batch.filename},
            link=path_for("imports.batch", batch_id=handed.id),
        )


def _mark_repeated_ids(rows: list[ParsedRow], reader: RowReader) -> None:
    first_row: dict[str, int] = {}
    for row in rows:
        number = row.request.person.id_number if row.request else None
        if not number:
            continue
        if number in first_row:
            row.problems.append({
                "column": reader.heading("id_number"),
                "message": _("The ID number %(number)s is also in row %(row)d.",
                             number=number, row=first_row[number]),
            })  # fmt: skip
            row.tags.append(Tag.REPEATED.value)
            RowReader._invalid(row)
        else:
            first_row[number] = row.number


def _mark_known(rows: list[ParsedRow], reader: RowReader) -> None:
    open_rows = [r for r in rows if r.status in (RowStatus.NEW, RowStatus.DECISION)]
    numbers = [r.request.person.id_number for r in open_rows if r.request.person.id_number]
    known = registered_id_numbers(numbers)
    for row in open_rows:
        person = known.get(row.request.person.id_number or "")
        if person is None:
            continue
        if visible_case(person, reader.actor) is not None:
            message = _("Already registered: %(name)s.", name=person.full_name)
        else:
            message = _("Already registered in another area.")
        row.problems.append({"column": reader.heading("id_number"), "message": message})
        row.status, row.decision, row.candidates = RowStatus.KNOWN, None, []


def _mark_similar(rows: list[ParsedRow]) -> None:
    new_rows = [r for r in rows if r.status == RowStatus.NEW]
    for row, matches in zip(
        new_rows, similar_people_many([r.request.person for r in new_rows]), strict=True
    ):
        if matches:
            row.status = RowStatus.DECISION
            row.decision = DecisionKind.SIMILAR
            row.candidates = matches


def _mark_repeated_people(rows: list[ParsedRow]) -> None:
    """A new row naming someone an earlier row of the list may name too (no ID number
    telling them apart) waits for a person to say whether it is the same one: the
    candidates are the earlier rows' numbers. A row already waiting for another decision
    (its commune, a similar person on file) carries it as a note beside that decision."""
    open_rows = [r for r in rows if r.status in (RowStatus.NEW, RowStatus.DECISION)]
    for row, earlier in zip(
        open_rows, similar_within([r.request.person for r in open_rows]), strict=True
    ):
        if not earlier:
            continue
        numbers = [open_rows[position].number for position in earlier]
        row.tags.append(Tag.REPEATED.value)
        if row.status == RowStatus.NEW:
            row.status, row.decision, row.candidates = (
                RowStatus.DECISION, DecisionKind.REPEATED, numbers,
            )  # fmt: skip
        else:
            row.problems.append({
                "column": "",
                "message": _("Row %(rows)s of this list may name the same person.",
                             rows=", ".join(str(n) for n in numbers)),
            })  # fmt: skip


def _write(batch: ImportBatch, rows: list[ParsedRow]) -> None:
    """Every row in bulk, by the table: the same columns for all, so no row breaks a batch."""
    for start in range(0, len(rows), INSERT_CHUNK):
        insert_many(
            ImportRow.__table__,
            [
                {
                    "batch_id": batch.id,
                    "row_number": row.number,
                    "status": row.status,
                    "values": row.values,
                    "data": to_json(row.request) if row.request else None,
                    "problems": row.problems,
                    "warnings": row.warnings,
                    "tags": row.tags,
                    "reason": _reason(row),
                    "decision": row.decision,
                    "candidates": row.candidates,
                    "choice": None,
                    "person_id": None,
                }
                for row in rows[start : start + INSERT_CHUNK]
            ],
        )


def _reason(row: ParsedRow) -> str | None:
    """The column at fault of an invalid row (its first problem's)."""
    if row.status != RowStatus.INVALID or not row.problems:
        return None
    return (row.problems[0]["column"] or "")[:200] or None


def count_rows(rows) -> dict[str, int]:
    counts = {status.value: 0 for status in RowStatus}
    counts[WARNED] = 0
    for row in rows:
        counts[row.status.value] += 1
        counts[WARNED] += bool(row.warnings)
    return counts


class Reference:
    """What the checks of every row of a list look up, read once: the rows (provinces of
    ID numbers, the actor's communes, decisions), held because the session forgets rows
    nothing refers to, and what ``check_request`` found, shared between the rows."""

    def __init__(self, actor: User):
        self.area = actor.commune_codes()
        self.rows = [
            *db.session.scalars(select(LegacyProvince)),
            # Every commune (3,321): a national list's rows are checked in their provinces.
            *db.session.scalars(select(Commune)),
            *db.session.scalars(select(AmnestyDecision)),
        ]
        self.lookups: Lookups = {}
        self.province_of: dict[int, int] = dict(
            db.session.execute(select(Commune.code, Commune.province_code)).all()
        )
