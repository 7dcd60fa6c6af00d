"""The preview's counts, told as a story: new, already on file, repeated within the list,
to decide (by what), for other provinces, invalid (by the column at fault), repaired on
the way (by repair), values left empty. Each count but the other provinces' opens its rows
(``rows_for``), in the uploader's province only."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import Select, Text, cast, func, select

from reintegration.extensions import db
from reintegration.imports.models import (
    ELSEWHERE,
    DecisionKind,
    ImportBatch,
    ImportRow,
    RowStatus,
    Tag,
)


@dataclass(frozen=True)
class Count:
    show: str  # what ``rows_for`` opens ("" for none)
    label: str
    count: int
    reason: str | None = None
    indent: bool = False


def story(batch: ImportBatch) -> list[Count]:
    by_status: dict[RowStatus, int] = {}
    by_decision: dict[DecisionKind, int] = {}
    for status, decision, count in db.session.execute(
        select(ImportRow.status, ImportRow.decision, func.count())
        .where(ImportRow.batch_id == batch.id)
        .group_by(ImportRow.status, ImportRow.decision)
    ):
        by_status[status] = by_status.get(status, 0) + count
        if status == RowStatus.DECISION and decision is not None:
            by_decision[decision] = count
    counts = [
        Count("status:new", _("New: will be registered"), by_status.get(RowStatus.NEW, 0)),
        Count("status:known", _("Already on file"), by_status.get(RowStatus.KNOWN, 0)),
        Count("tag:repeated", _("Repeated within the list"), _tagged(batch, Tag.REPEATED)),
        Count("status:decision", _("To decide"), by_status.get(RowStatus.DECISION, 0)),
        *[
            Count(f"decision:{kind.value}", kind.label, by_decision[kind], indent=True)
            for kind in DecisionKind
            if by_decision.get(kind)
        ],
    ]
    if batch.counts.get(ELSEWHERE):
        counts.append(Count("", _("For other provinces"), batch.counts[ELSEWHERE]))
    counts.append(Count("status:invalid", _("Invalid"), by_status.get(RowStatus.INVALID, 0)))
    for reason, count in db.session.execute(
        select(ImportRow.reason, func.count())
        .where(ImportRow.batch_id == batch.id, ImportRow.status == RowStatus.INVALID)
        .group_by(ImportRow.reason)
        .order_by(func.count().desc())
    ):
        label = _("Column “%(column)s”", column=reason) if reason else _("Other reasons")
        counts.append(Count("invalid", label, count, reason=reason or "", indent=True))
    repairs = [(tag, _tagged(batch, tag)) for tag in Tag if tag.repair]
    font_cells = sum(note.get("cells", 0) for note in batch.repairs or [])
    if font_cells or any(count for _tag, count in repairs):
        counts.append(Count("", _("Repaired on the way"), sum(c for _t, c in repairs)))
        counts += [
            Count(f"tag:{tag.value}", tag.label, count, indent=True)
            for tag, count in repairs
            if count
        ]
        if font_cells:  # by column, in "Repaired while reading" below
            counts.append(Count("", _("Cells typed with an old font, converted"), font_cells,
                                indent=True))  # fmt: skip
    warned = db.session.scalar(select(func.count()).select_from(ImportRow).where(*_warned(batch)))
    if warned:
        counts.append(Count("warned", _("With a value left empty"), warned))
    for status in (RowStatus.SKIPPED, RowStatus.IMPORTED):
        if by_status.get(status):
            counts.append(Count(f"status:{status.value}", status.label, by_status[status]))
    return counts


def _tagged(batch: ImportBatch, tag: Tag) -> int:
    return db.session.scalar(select(func.count()).select_from(ImportRow).where(*_tag(batch, tag)))


def _tag(batch: ImportBatch, tag: Tag) -> tuple:
    # Tags are ASCII codes kept as a JSON list: found in its text, alike on both databases.
    return ImportRow.batch_id == batch.id, cast(ImportRow.tags, Text).like(f'%"{tag.value}"%')


def _warned(batch: ImportBatch) -> tuple:
    return ImportRow.batch_id == batch.id, cast(ImportRow.warnings, Text) != "[]"


def rows_for(batch: ImportBatch, show: str, reason: str | None = None) -> Select | None:
    """The rows a count opens, in the list's order; None for a ``show`` not known."""
    stmt = select(ImportRow).order_by(ImportRow.row_number)
    kind, _sep, value = show.partition(":")
    if kind == "status" and value in {s.value for s in RowStatus}:
        return stmt.where(ImportRow.batch_id == batch.id, ImportRow.status == RowStatus(value))
    if kind == "decision" and value in {d.value for d in DecisionKind}:
        return stmt.where(
            ImportRow.batch_id == batch.id,
            ImportRow.status == RowStatus.DECISION,
            ImportRow.decision == DecisionKind(value),
        )
    if kind == "tag" and value in {t.value for t in Tag}:
        return stmt.where(*_tag(batch, Tag(value)))
    if kind == "warned":
        return stmt.where(*_warned(batch))
    if kind == "invalid" and reason is not None:
        at_fault = ImportRow.reason == reason if reason else ImportRow.reason.is_(None)
        return stmt.where(
            ImportRow.batch_id == batch.id, ImportRow.status == RowStatus.INVALID, at_fault
        )
    return None


def label_of(show: str, reason: str | None) -> str:
    """What the rows page is headed with."""
    for count in story_labels():
        if count[0] == show:
            return count[1]
    if show == "invalid":
        return _("Invalid: column “%(column)s”", column=reason) if reason else _("Invalid")
    return show


def story_labels() -> list[tuple[str, str]]:
    return [
        *[(f"status:{s.value}", s.label) for s in RowStatus],
        *[(f"decision:{d.value}", d.label) for d in DecisionKind],
        *[(f"tag:{t.value}", t.label) for t in Tag],
        ("warned", _("With a value left empty")),
    ]
