"""When a criminal record is expected to be expunged (xóa án tích), and so when follow-up
ends (Penal Code 2015, amended 2017, Arts. 70 and 71).

Decisions, in one place:
- **From.** The period counts from the day the main sentence was served: the day recorded
  on the release (``sentence_ended_on``) when there is one; else the release day for an
  amnesty (it counts as served that day) or a completed sentence; else, for a conditional
  early release, the end of the remaining term (release day + sentence − time served,
  in months). Otherwise the day is unknown and the case file says what is missing.
- **Band.** The sentence's kind (warning, fine, non-custodial reform, suspended sentence:
  the shortest band; life or a commuted death sentence: the longest), else a prison term
  by its months: up to 60, over 60 to 180, over 180.
- **Periods** are data (``ExpungementPeriod``), the rows in force on the day the sentence
  was served (the earliest rows for a sentence served before any row took effect).
- **Additional penalty.** An additional penalty (probation, residence ban, deprivation of
  civic rights) that ends later than the period moves the day to its end (Art. 70(3)).
- **Court.** Offences against national security and war crimes (``OffenceGroup.
  expunged_by_court``) take the court's periods (Art. 71): the day is the earliest a court
  may expunge the record, and the case says so.
- The software proposes; a person confirms (new offences and civil obligations are not
  always known to it): on the day the case file offers to close the case as "record
  expunged", and no follow-up is generated from that day on.
"""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from flask_babel import gettext as _
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.casework.services import schedule
from reintegration.core import audit
from reintegration.core.clock import add_months
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import format_day
from reintegration.core.text import nfc
from reintegration.extensions import db
from reintegration.people.models import (
    Case,
    CaseStatus,
    ExpungementBand,
    ExpungementPeriod,
    OffenceGroup,
    ReleaseType,
    SentenceKind,
)

# A period longer than this is a typing error (the court's longest is 7 years).
MAX_PERIOD_MONTHS = 240
# Prison terms, in months, that end a band (Art. 70(2)(b) and (c)).
UP_TO_5_YEARS = 60
UP_TO_15_YEARS = 180

NON_CUSTODIAL_KINDS = {
    SentenceKind.WARNING,
    SentenceKind.FINE,
    SentenceKind.NON_CUSTODIAL_REFORM,
    SentenceKind.SUSPENDED,
}


class ReleaseFacts(Protocol):
    """What the computation reads: a ``Release`` or a ``ReleaseData`` alike."""

    release_type: ReleaseType
    release_date: date
    offence_group: OffenceGroup | None
    sentence_kind: SentenceKind | None
    sentence_months: int | None
    served_months: int | None
    sentence_ended_on: date | None
    additional_penalty_until: date | None


@dataclass(frozen=True)
class Expungement:
    """The expected day and how it was found (the case file shows both)."""

    day: date | None
    by_court: bool
    band: ExpungementBand | None = None
    months: int | None = None
    legal_basis: str | None = None
    served_on: date | None = None  # the day the main sentence counts as served
    period_end: date | None = None  # served_on + the period
    additional_penalty_until: date | None = None  # when it ends later than the period
    missing: str | None = None  # "sentence" or "served_on": what stops a day being found


@dataclass(frozen=True)
class PeriodTable:
    """Every period row, read once (a list of thousands is computed against one read)."""

    rows: tuple[ExpungementPeriod, ...]

    @classmethod
    def load(cls) -> "PeriodTable":
        stmt = select(ExpungementPeriod).order_by(ExpungementPeriod.effective_from)
        return cls(tuple(db.session.scalars(stmt)))

    def period_for(
        self, band: ExpungementBand, by_court: bool, on: date
    ) -> ExpungementPeriod | None:
        mine = [row for row in self.rows if row.band == band and row.by_court == by_court]
        in_force = [row for row in mine if row.effective_from <= on]
        if in_force:
            return in_force[-1]
        return mine[0] if mine else None


def band_of(facts: ReleaseFacts) -> ExpungementBand | None:
    kind = facts.sentence_kind
    if kind is None and facts.sentence_months is not None:
        kind = SentenceKind.PRISON
    if kind in NON_CUSTODIAL_KINDS:
        return ExpungementBand.NON_CUSTODIAL
    if kind in (SentenceKind.LIFE, SentenceKind.DEATH_COMMUTED):
        return ExpungementBand.PRISON_OVER_15
    if kind != SentenceKind.PRISON or facts.sentence_months is None:
        return None
    if facts.sentence_months <= UP_TO_5_YEARS:
        return ExpungementBand.PRISON_UP_TO_5
    if facts.sentence_months <= UP_TO_15_YEARS:
        return ExpungementBand.PRISON_5_TO_15
    return ExpungementBand.PRISON_OVER_15


def served_on(facts: ReleaseFacts) -> date | None:
    """The day the main sentence counts as served (see the module's decisions)."""
    if facts.sentence_ended_on is not None:
        return facts.sentence_ended_on
    if facts.release_type in (ReleaseType.AMNESTY, ReleaseType.SENTENCE_COMPLETED):
        return facts.release_date
    if facts.sentence_months is not None and facts.served_months is not None:
        return add_months(facts.release_date, facts.sentence_months - facts.served_months)
    return None


def compute(facts: ReleaseFacts | None, table: PeriodTable | None = None) -> Expungement:
    by_court = bool(facts and facts.offence_group and facts.offence_group.expunged_by_court)
    if facts is None:
        return Expungement(None, by_court, missing="sentence")
    band = band_of(facts)
    served = served_on(facts)
    if band is None:
        return Expungement(None, by_court, served_on=served, missing="sentence")
    if served is None:
        return Expungement(None, by_court, band=band, missing="served_on")
    period = (table or PeriodTable.load()).period_for(band, by_court, served)
    if period is None:
        return Expungement(None, by_court, band=band, served_on=served, missing="period")
    period_end = add_months(served, period.months)
    later = facts.additional_penalty_until
    later = later if later is not None and later > period_end else None
    return Expungement(
        day=later or period_end,
        by_court=by_court,
        band=band,
        months=period.months,
        legal_basis=period.legal_basis,
        served_on=served,
        period_end=period_end,
        additional_penalty_until=later,
    )


def for_case(case: Case, table: PeriodTable | None = None) -> Expungement:
    return compute(case.release, table)


def refresh(
    case: Case, *, actor: User | None = None, table: PeriodTable | None = None
) -> Expungement:
    """Recompute the case's day from its release (after registration or a correction).
    When it moves, the schedule follows: generated follow-ups due on or after the new day
    are cancelled; a later day lets the schedule run on (topped up at once)."""
    result = for_case(case, table)
    before = (case.expungement_on, case.expungement_by_court)
    case.expungement_on, case.expungement_by_court = result.day, result.by_court
    if before == (result.day, result.by_court):
        return result
    db.session.flush()
    audit.record(
        "expungement_computed",
        case,
        user=actor,
        detail={
            "day": result.day.isoformat() if result.day else None,
            "before": before[0].isoformat() if before[0] else None,
            "by_court": result.by_court,
        },
    )
    if case.is_open and schedule.has_schedule(case):
        if result.day is not None:
            schedule.cancel_generated_from(case, result.day, actor=actor)
        schedule.generate_follow_ups(case, actor=actor)
    return result


def all_periods() -> list[ExpungementPeriod]:
    """Every row, the automatic periods first, each band's newest first."""
    stmt = select(ExpungementPeriod).order_by(
        ExpungementPeriod.by_court,
        ExpungementPeriod.band,
        ExpungementPeriod.effective_from.desc(),
    )
    return list(db.session.scalars(stmt))


def in_force_ids(periods: list[ExpungementPeriod], on: date) -> set[int]:
    """The rows in force on ``on``, one a band and kind."""
    table = PeriodTable(tuple(sorted(periods, key=lambda row: row.effective_from)))
    found = (
        table.period_for(band, by_court, on)
        for band in ExpungementBand
        for by_court in (False, True)
    )
    return {row.id for row in found if row is not None}


def add_period(
    band: ExpungementBand,
    by_court: bool,
    months: int,
    effective_from: date,
    legal_basis: str,
    actor: User,
) -> tuple[ExpungementPeriod, int]:
    """A new period for one band from ``effective_from`` on (a new law): rows are only
    added, so a sentence served earlier keeps the period then in force. The open cases
    whose sentence may have been served since then are computed again, their schedules
    following. Returns the row and how many cases' days moved."""
    legal_basis = nfc(legal_basis or "").strip()
    if not legal_basis:
        raise DomainError(_("Name the law that sets this period."), field="legal_basis")
    if not 1 <= months <= MAX_PERIOD_MONTHS:
        raise DomainError(
            _("A period is 1 to %(most)s months.", most=MAX_PERIOD_MONTHS), field="months"
        )
    same_day = select(ExpungementPeriod.id).where(
        ExpungementPeriod.band == band,
        ExpungementPeriod.by_court.is_(by_court),
        ExpungementPeriod.effective_from == effective_from,
    )
    if db.session.scalar(same_day):
        raise DomainError(
            _("This band already has a period from %(day)s.", day=format_day(effective_from)),
            field="effective_from",
        )
    period = ExpungementPeriod(
        band=band,
        by_court=by_court,
        months=months,
        effective_from=effective_from,
        legal_basis=legal_basis,
        created_by_id=actor.id,
    )
    db.session.add(period)
    db.session.flush()
    audit.record(
        "expungement_period_added",
        period,
        user=actor,
        detail={
            "band": band.value,
            "by_court": by_court,
            "months": months,
            "effective_from": effective_from.isoformat(),
        },
    )
    # A sentence served on or after the new day ends its period after that day.
    affected = select(Case).where(
        Case.status != CaseStatus.CLOSED, Case.expungement_on >= effective_from
    )
    table = PeriodTable.load()
    moved = 0
    for case in db.session.scalars(affected).all():
        before = case.expungement_on
        if refresh(case, actor=actor, table=table).day != before:
            moved += 1
    return period, moved
