"""An imported release list (a batch) and its rows, kept after the import as its record.

A batch goes QUEUED → ANALYSING → READY (the preview; or NEEDS_MAPPING when a column is
not recognised) → COMMIT_QUEUED → COMMITTING → COMMITTED; FAILED or CANCELLED end it
otherwise. The background worker (``imports.tasks``) does the analysing and committing;
the pages only queue work and read the batch's progress.
"""

from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from reintegration.accounts.models import Role, User
from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.i18n import format_number
from reintegration.core.models import TimestampMixin, UTCDateTime
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.people.models import ReleaseType


class BatchStatus(LabelledEnum):
    QUEUED = "queued"
    ANALYSING = "analysing"
    NEEDS_MAPPING = "needs_mapping"
    READY = "ready"
    COMMIT_QUEUED = "commit_queued"
    COMMITTING = "committing"
    COMMITTED = "committed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls):
        return {
            cls.QUEUED: _l("Waiting to be read"),
            cls.ANALYSING: _l("Being read and checked"),
            cls.NEEDS_MAPPING: _l("Columns to match"),
            cls.READY: _l("Preview: waiting for confirmation"),
            cls.COMMIT_QUEUED: _l("Waiting to be saved"),
            cls.COMMITTING: _l("Being saved"),
            cls.COMMITTED: _l("Imported"),
            cls.FAILED: _l("Failed"),
            cls.CANCELLED: _l("Cancelled"),
        }

    @property
    def working(self) -> bool:
        """The background worker has (or will have) something to do: the page polls."""
        return self in (self.QUEUED, self.ANALYSING, self.COMMIT_QUEUED, self.COMMITTING)


class Phase(LabelledEnum):
    """The step of the worker's work the progress bar counts."""

    READING = "reading"  # the file's rows, as they are read
    CHECKING = "checking"  # each row read and checked
    SAVING = "saving"  # the rows registered so far

    @classmethod
    def _labels(cls):
        return {
            cls.READING: _l("Reading the file"),
            cls.CHECKING: _l("Checking the rows"),
            cls.SAVING: _l("Saving the rows"),
        }


class RowStatus(LabelledEnum):
    NEW = "new"  # will be registered
    KNOWN = "known"  # the ID number is registered already: not imported again
    DECISION = "decision"  # a person must choose (commune, similar person)
    INVALID = "invalid"
    SKIPPED = "skipped"  # a person decided not to import it
    IMPORTED = "imported"

    @classmethod
    def _labels(cls):
        return {
            cls.NEW: _l("New"),
            cls.KNOWN: _l("Already known"),
            cls.DECISION: _l("Needs a decision"),
            cls.INVALID: _l("Invalid"),
            cls.SKIPPED: _l("Not imported (decided)"),
            cls.IMPORTED: _l("Imported"),
        }


class DecisionKind(LabelledEnum):
    SPLIT = "split"  # the old commune was split among several new ones
    AMBIGUOUS = "ambiguous"  # the name fits several communes
    NOT_FOUND = "not_found"  # the name fits none; close names offered
    SIMILAR = "similar"  # a person with a similar name and the same birth is on file
    REPEATED = "repeated"  # an earlier row of the same list names a similar person

    @classmethod
    def _labels(cls):
        return {
            cls.SPLIT: _l("The old commune was split: choose the new one"),
            cls.AMBIGUOUS: _l("The commune name fits several communes: choose one"),
            cls.NOT_FOUND: _l(
                "Not found as written (the commune, or its old district): choose one offered"
            ),
            cls.SIMILAR: _l("A similar person is on file: same person or someone else?"),
            cls.REPEATED: _l("An earlier row names a similar person: same person or someone else?"),
        }

    @property
    def chooses_commune(self) -> bool:
        """Answered with one of the candidate communes; the others with a person's answer
        (someone else, or the same one: not imported)."""
        return self not in (DecisionKind.SIMILAR, DecisionKind.REPEATED)


# Counts beside the statuses' in ImportBatch.counts: rows with a value left empty, and
# rows handed to the provinces they live in (a national list).
WARNED = "warned"
ELSEWHERE = "elsewhere"


class Tag(LabelledEnum):
    """What was repaired in a row as it was read, or why it is told apart."""

    ID_ZERO = "id_zero"  # an ID number whose leading zeros a spreadsheet dropped
    SERIAL_DATE = "serial_date"  # a date stored as a spreadsheet serial number
    DECOMPOSED = "decomposed"  # text in decomposed Unicode (NFD)
    OLD_ADDRESS = "old_address"  # the address in the pre-July-2025 units, converted
    REPEATED = "repeated"  # its ID number or its person is in an earlier row
    NAME_CASE = "name_case"  # a name written all in capitals, written as names are

    @classmethod
    def _labels(cls):
        return {
            cls.ID_ZERO: _l("ID numbers whose leading zero the spreadsheet dropped"),
            cls.SERIAL_DATE: _l("Dates stored as spreadsheet serial numbers"),
            cls.DECOMPOSED: _l("Names in decomposed Unicode"),
            cls.OLD_ADDRESS: _l("Old addresses converted to today's communes"),
            cls.REPEATED: _l("Repeated within the list"),
            cls.NAME_CASE: _l("Names written in capitals, written as names"),
        }

    @property
    def repair(self) -> bool:
        return self != Tag.REPEATED


# The choices of a SIMILAR or REPEATED decision (SKIP also answers the others).
CHOICE_NEW_PERSON = "new"
CHOICE_SKIP = "skip"


class ImportBatch(TimestampMixin, db.Model):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    province_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"), index=True)
    # A national list's rows of another province are handed to it as a batch of their
    # own, for its officers only: ``parent`` is the list they came from.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    # The uploaded file, kept in the database so the worker may run on another host;
    # emptied once the import ends (the rows keep what the result needs).
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    status: Mapped[BatchStatus] = mapped_column(
        enum_column(BatchStatus), default=BatchStatus.QUEUED, index=True
    )

    # Defaults for the rows (a column of the file overrides them).
    release_type: Mapped[ReleaseType] = mapped_column(enum_column(ReleaseType))
    amnesty_decision_id: Mapped[int | None] = mapped_column(ForeignKey("amnesty_decisions.id"))
    release_date: Mapped[date | None] = mapped_column()
    notified_on: Mapped[date] = mapped_column()

    # The file's header, and which field each column holds (None: ignored).
    headers: Mapped[list[str] | None] = mapped_column(JSON)
    mapping: Mapped[list[str | None] | None] = mapped_column(JSON)

    total_rows: Mapped[int] = mapped_column(default=0)  # the list's rows below its header
    # The progress of the step under way (reading the rows, then saving them).
    progress_done: Mapped[int] = mapped_column(default=0)
    progress_total: Mapped[int] = mapped_column(default=0)
    progress_phase: Mapped[Phase | None] = mapped_column(enum_column(Phase))
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    imported_count: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)

    # What was changed in the cells as they were read (old fonts converted): JSON notes of
    # reading.Repair, shown with the preview.
    repairs: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default="[]")

    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # How many times the worker started reading the list; a reading cut short twice (the
    # process died) is not tried again (imports.tasks.MAX_ATTEMPTS).
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    committed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    committed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    parent: Mapped["ImportBatch | None"] = relationship(remote_side=[id])
    committed_by: Mapped[User | None] = relationship(foreign_keys=[committed_by_id])
    province: Mapped[Province] = relationship()

    @property
    def title(self) -> str:
        """The file's name; a hand-over says whose list it is part of."""
        if self.parent_id is None:
            return self.filename
        return _(
            "%(count)s people from list %(name)s",
            count=format_number(self.total_rows),
            name=self.filename,
        )

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def progress_text(self) -> str:
        """Where the work stands, in words: the phase and its rows (saved rows are counted
        as they are written, never ahead)."""
        done, total = format_number(self.progress_done), format_number(self.progress_total)
        if self.status in (BatchStatus.QUEUED, BatchStatus.COMMIT_QUEUED):
            return _("Waiting for the background worker (a few seconds)…")
        if self.progress_phase == Phase.READING:
            return _("Reading the file: %(done)s rows read", done=done)
        if self.progress_phase == Phase.CHECKING:
            return _("Checking the rows: %(done)s of %(total)s", done=done, total=total)
        if self.progress_phase == Phase.SAVING and self.progress_total:
            return _("Saving: %(done)s of %(total)s rows saved", done=done, total=total)
        if self.status == BatchStatus.COMMITTING:
            return _("Saving the rows (all at once: the count shows when they are saved)…")
        return self.status.label

    @property
    def repair_notes(self) -> list[str]:
        """The repairs made while reading, in the reader's language."""
        return [message for note in self.repairs or [] if (message := _repair_message(note))]

    def count(self, status: RowStatus) -> int:
        return int((self.counts or {}).get(status.value, 0))

    # Permission questions
    def can_view(self, user: User) -> bool:
        """The officers of its province, and the caseworker who uploaded it (not the rows
        handed to another province)."""
        if user.role == Role.PROVINCE_OFFICER:
            return user.province_code == self.province_code
        return (
            user.role == Role.CASEWORKER
            and user.id == self.created_by_id
            and self.parent_id is None
        )

    def can_change(self, user: User) -> bool:
        return self.can_view(user)

    def __repr__(self) -> str:
        return f"<ImportBatch {self.id} {self.status}>"


def _repair_message(note: dict[str, Any]) -> str:
    if note.get("kind") == "left_out":
        return _left_out_message(note)
    if note.get("kind") == "sheets":
        return _sheets_message(note)
    if note.get("column") is None:
        return _(
            "The headings were typed with an old Vietnamese font (%(encoding)s) and were"
            " converted to Unicode.",
            encoding=note["encoding"],
        )
    return _(
        "Column “%(column)s” was typed with an old Vietnamese font (%(encoding)s):"
        " %(count)s cells converted to Unicode.",
        column=note["column"],
        encoding=note["encoding"],
        count=format_number(note["cells"]),
    )


class ImportRow(db.Model):
    """One line of the file: what it said, what was made of it, and what is wrong."""

    __tablename__ = "import_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"))
    row_number: Mapped[int] = mapped_column()  # as the spreadsheet numbers it (header is 1)
    status: Mapped[RowStatus] = mapped_column(enum_column(RowStatus))
    # The cells as read, by column heading.
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # What the service registers: the person, release and intake fields, as plain JSON.
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # [{"column": heading, "message": reason}], in Vietnamese when they were written.
    problems: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # Optional values that could not be read and were left empty, in the same form.
    warnings: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list, server_default="[]")
    # What the preview's counts tell of the row (Tag values), and for an invalid row the
    # heading of the column at fault: the counts are grouped by them and open their rows.
    tags: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    reason: Mapped[str | None] = mapped_column(String(200))
    decision: Mapped[DecisionKind | None] = mapped_column(enum_column(DecisionKind))
    # Commune codes (commune decisions) or person ids (SIMILAR) to choose among.
    candidates: Mapped[list[int]] = mapped_column(JSON, default=list)
    choice: Mapped[str | None] = mapped_column(String(20))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    __table_args__ = (
        Index("ix_import_rows_batch_status", "batch_id", "status"),
        Index("ix_import_rows_batch_row", "batch_id", "row_number"),
    )


def _sheets_message(note: dict[str, Any]) -> str:
    def names(sheets: list[str]) -> str:
        return ", ".join(f"“{name}”" for name in sheets)

    parts = [_("Sheet “%(sheet)s” was read.", sheet=note["read"])]
    if note.get("lists"):
        parts.append(
            _("Sheets %(sheets)s also hold lists and were not read: upload each as its own"
              " list.", sheets=names(note["lists"]))
        )  # fmt: skip
    if note.get("others"):
        parts.append(
            _("Sheets %(sheets)s name none of the list's columns: left out.",
              sheets=names(note["others"]))
        )  # fmt: skip
    return " ".join(parts)


def _left_out_message(note: dict[str, Any]) -> str:
    parts = []
    if note.get("numbering"):
        parts.append(
            _("Row %(row)s numbers the columns (1, 2, 3 …): it was left out.",
              row=note["numbering"])
        )  # fmt: skip
    if note.get("count"):
        rows = ", ".join(str(number) for number in note["rows"])
        if note["count"] > len(note["rows"]):
            rows += " …"
        examples = "; ".join(f"“{text}”" for text in note.get("examples", []))
        parts.append(
            _(
                "%(count)s lines are not people (a heading, a number alone, a total, the place"
                " and date, a signature) and were left out: rows %(rows)s (%(examples)s).",
                count=note["count"], rows=rows, examples=examples,
            )
        )  # fmt: skip
    return " ".join(parts)
