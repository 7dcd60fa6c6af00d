"""What the committees' reports count, in one module to read top to bottom.

A report covers a *period* (a month, a quarter, a year, or any date range asked for) and an
*area* (the nation, a province; the communes are the rows of a province's report).

Every figure is computed per commune, so a province is the sum of its communes and the
nation the sum of its provinces. The figures come from a handful of *sources*: each source
is one SQL query giving one row per thing counted (a case, a follow-up, a loan) with the
commune it belongs to, the person, and the columns the figures test. Each figure is a
condition on its source's rows and a measure (people, rows, or a sum of money); the build
runs ONE ``GROUP BY commune`` query per source, whatever the number of communes. The same
source rows, filtered by the figure's condition, are the list of people behind a number
(the drill-down a province officer may open).

Definitions (the day is always a Vietnamese calendar day):
- received: a case whose ``received_on`` lies in the period, split by release type and by
  the classification the case has now.
- arrivals due: cases whose arrival deadline (3 working days from the prison's notice,
  Circular 10/2024 Art. 8) falls in the period; contacted within the deadline: of those,
  the ones whose residence the commune police checked by that deadline
  (``residence_checked_on <= arrival_deadline``; the day the person reported is another
  fact, and a case not checked is not on time). ``CONTACTED_ON_TIME`` is shown on the report.
- under follow-up: a case received on or before the period's end and not closed before its
  start. Foreigners and people in extremely difficult circumstances are counted among them
  (foreign: a nationality code other than VN, "ZZ" unknown or stateless included; people
  in extremely difficult circumstances helped: flagged so, and with a support measure of
  Decree 49/2020 Art. 11 recorded in the period: a referral to training, a job referral, or
  a loan application submitted; ``HELPED``).
- follow-ups due: follow-ups (not cancelled) due in the period; done: of those, the ones
  done by the period's end; overdue: of those, due before the cut-off day (the day after
  the period, or today if sooner) and not done before it.
- loans: requests submitted (first submission) in the period with the amount requested;
  endorsed / rejected by the organisation (a step reached in the period); certified by the
  commune; approved by the bank with the amount approved; declined; disbursed with the
  amount disbursed; loans overdue on the period's last day (or today, if sooner) by the
  loans' one definition (``loans.services.overdue``: an instalment unpaid N days after its
  due date, N in the loan rules), with the amount unpaid.
- the bank's decision (due within the working days of the loan rules from the day the
  certified file was sent): files sent to the bank in the period; decisions (approval or
  refusal) made in the period within the deadline, or after it; files still waiting on
  the period's last day (or today, if sooner) whose deadline had passed by then.
- reoffended: cases closed in the period as "detained again".
- record expunged: cases closed in the period as "record expunged" (follow-up ended by
  Penal Code Art. 70; the day is proposed by people.services.expungement, a person confirms).
- training (the placements of ``reintegration.training``): in training: a placement
  enrolled on or before the period's end and neither completed nor dropped before its
  start; completed: completed in the period; certified: of those, the ones with a
  certificate number recorded.
- employment (the referrals of ``reintegration.employment``): employed: hired (first day of
  work) on or before the period's end and the job not ended before its start; hired: first
  day of work in the period; jobs lost: a job that ended in the period. Still employed
  after 3 (6) months: of the hires whose 3 (6) month mark (the retention check scheduled at
  the hire) falls in the period and has been reached, the ones whose job had not ended on
  or before that day ("reached 3 months" counts them all, the denominator).
- Placements and referrals belong to the commune of their case, as follow-ups do.

People are counted once per commune (``count(distinct person_id)``); a person followed by
two communes in the same period (a transfer) counts in each, and once per commune.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
)

from reintegration.casework.models.follow_up import FollowUp, FollowUpStatus
from reintegration.core.clock import local_midnight
from reintegration.employment.models import Referral, RetentionCheck
from reintegration.loans.models import LoanApplication, LoanStatus, LoanTransition
from reintegration.loans.services.overdue import overdue_instalments
from reintegration.people.countries import VIET_NAM
from reintegration.people.models import (
    Case,
    CaseStatus,
    Classification,
    CloseReason,
    Person,
    Release,
    ReleaseType,
)
from reintegration.reports.periods import Period
from reintegration.training.models import Placement

# ---------------------------------------------------------------------------------------------
# Sources: one row per thing counted, with commune_code, person_id, row_id and the columns
# the figures test. ``p`` is the period, ``today`` the day the report is built.


def _between(column, p: Period) -> ColumnElement[bool]:
    return column.between(p.start, p.end)


# Nationality is a country code (people.countries): foreign is any code but "VN".
is_foreign = Person.nationality != VIET_NAM


def received_rows(p: Period, today: date) -> Select:
    return (
        select(
            Case.commune_code.label("commune_code"),
            Case.person_id.label("person_id"),
            Case.id.label("row_id"),
            Release.release_type.label("release_type"),
            Case.classification.label("classification"),
        )
        .outerjoin(Release, Release.id == Case.release_id)
        .where(_between(Case.received_on, p))
    )


def arrival_rows(p: Period, today: date) -> Select:
    return select(
        Case.commune_code.label("commune_code"),
        Case.person_id.label("person_id"),
        Case.id.label("row_id"),
        and_(
            Case.residence_checked_on.is_not(None),
            Case.residence_checked_on <= Case.arrival_deadline,
        ).label("on_time"),
    ).where(_between(Case.arrival_deadline, p))


def _support_recorded(p: Period) -> ColumnElement[bool]:
    """A support measure recorded for the case in the period (Decree 49/2020 Art. 11)."""
    return or_(
        exists().where(Placement.case_id == Case.id, _between(Placement.referred_on, p)),
        exists().where(Referral.case_id == Case.id, _between(Referral.referred_on, p)),
        exists().where(
            LoanApplication.case_id == Case.id, _between(LoanApplication.submitted_on, p)
        ),
    )


def followed_rows(p: Period, today: date) -> Select:
    return (
        select(
            Case.commune_code.label("commune_code"),
            Case.person_id.label("person_id"),
            Case.id.label("row_id"),
            is_foreign.label("foreigner"),
            and_(Case.extremely_difficult, _support_recorded(p)).label("helped"),
        )
        .join(Person, Person.id == Case.person_id)
        .where(
            Case.received_on <= p.end,
            Case.status != CaseStatus.NOTIFIED,
            or_(Case.closed_on.is_(None), Case.closed_on >= p.start),
        )
    )


def closed_rows(p: Period, today: date) -> Select:
    return select(
        Case.commune_code.label("commune_code"),
        Case.person_id.label("person_id"),
        Case.id.label("row_id"),
        Case.close_reason.label("close_reason"),
    ).where(Case.status == CaseStatus.CLOSED, _between(Case.closed_on, p))


def follow_up_rows(p: Period, today: date) -> Select:
    cutoff = p.cutoff(today)
    done = and_(FollowUp.status == FollowUpStatus.DONE, FollowUp.done_on.is_not(None))
    return (
        select(
            Case.commune_code.label("commune_code"),
            Case.person_id.label("person_id"),
            FollowUp.id.label("row_id"),
            and_(done, FollowUp.done_on <= p.end).label("done"),
            and_(FollowUp.due_on < cutoff, ~and_(done, FollowUp.done_on < cutoff))
            .label("overdue"),
        )
        .join(Case, Case.id == FollowUp.case_id)
        .where(_between(FollowUp.due_on, p), FollowUp.status != FollowUpStatus.CANCELLED)
    )  # fmt: skip


def loan_rows(p: Period, today: date) -> Select:
    """Applications with a dated step in the period (first submission, certification, the
    bank's decision, disbursement)."""
    decided = _between(LoanApplication.bank_decided_on, p)
    return (
        select(
            LoanApplication.commune_code.label("commune_code"),
            Case.person_id.label("person_id"),
            LoanApplication.id.label("row_id"),
            _between(LoanApplication.submitted_on, p).label("submitted"),
            _between(LoanApplication.certified_on, p).label("certified"),
            and_(
                decided,
                LoanApplication.status != LoanStatus.DECLINED,
                LoanApplication.approved_amount.is_not(None),
            ).label("approved"),
            and_(decided, LoanApplication.status == LoanStatus.DECLINED).label("declined"),
            _between(LoanApplication.disbursed_on, p).label("disbursed"),
            LoanApplication.amount_requested.label("amount_requested"),
            func.coalesce(LoanApplication.approved_amount, 0).label("approved_amount"),
        )
        .outerjoin(Case, Case.id == LoanApplication.case_id)
        .where(
            or_(
                _between(LoanApplication.submitted_on, p),
                _between(LoanApplication.certified_on, p),
                decided,
                _between(LoanApplication.disbursed_on, p),
            )
        )
    )


def loan_step_rows(p: Period, today: date) -> Select:
    """The organisation's steps, from the application's history (instants → local days)."""
    return (
        select(
            LoanApplication.commune_code.label("commune_code"),
            Case.person_id.label("person_id"),
            LoanApplication.id.label("row_id"),
            LoanTransition.to_status.label("to_status"),
        )
        .join(LoanApplication, LoanApplication.id == LoanTransition.application_id)
        .outerjoin(Case, Case.id == LoanApplication.case_id)
        .where(
            LoanTransition.at >= local_midnight(p.start),
            LoanTransition.at < local_midnight(p.after),
            LoanTransition.to_status.in_((LoanStatus.ENDORSED, LoanStatus.REJECTED)),
        )
    )


def _last_day(p: Period, today: date) -> date:
    """The day a state at the period's end is judged on: its last day, or today if sooner."""
    return min(p.end, today)


def bank_rows(p: Period, today: date) -> Select:
    """Applications with a bank deadline: sent to the bank in the period, decided in it, or
    still waiting on its last day (or today) with the deadline passed."""
    day = _last_day(p, today)
    a = LoanApplication
    decided = _between(a.bank_decided_on, p)
    waiting_late = and_(
        a.sent_to_bank_on <= day,
        or_(a.bank_decided_on.is_(None), a.bank_decided_on > day),
        a.bank_due_on < day,
    )
    return (
        select(
            a.commune_code.label("commune_code"),
            Case.person_id.label("person_id"),
            a.id.label("row_id"),
            _between(a.sent_to_bank_on, p).label("sent"),
            and_(decided, a.bank_decided_on <= a.bank_due_on).label("in_time"),
            and_(decided, a.bank_decided_on > a.bank_due_on).label("late"),
            waiting_late.label("waiting_late"),
        )
        .outerjoin(Case, Case.id == a.case_id)
        .where(
            a.bank_due_on.is_not(None), or_(_between(a.sent_to_bank_on, p), decided, waiting_late)
        )
    )


def arrears_rows(p: Period, today: date) -> Select:
    """Loans with an instalment overdue on the period's last day (or today, if sooner), by
    the loans' one definition of overdue (``loans.services.overdue``), as the loan pages
    show it."""
    overdue = overdue_instalments(_last_day(p, today)).subquery()
    return (
        select(
            LoanApplication.commune_code.label("commune_code"),
            Case.person_id.label("person_id"),
            LoanApplication.id.label("row_id"),
            overdue.c.unpaid.label("unpaid"),
        )
        .select_from(overdue)
        .join(LoanApplication, LoanApplication.id == overdue.c.application_id)
        .outerjoin(Case, Case.id == LoanApplication.case_id)
    )


def training_rows(p: Period, today: date) -> Select:
    """Placements enrolled by the period's end and still running at its start, or
    completed in it."""
    enrolled = and_(
        Placement.enrolled_on.is_not(None),
        Placement.enrolled_on <= p.end,
        or_(Placement.completed_on.is_(None), Placement.completed_on >= p.start),
        or_(Placement.dropped_on.is_(None), Placement.dropped_on >= p.start),
    )
    completed = _between(Placement.completed_on, p)
    return (
        select(
            Case.commune_code.label("commune_code"),
            Placement.person_id.label("person_id"),
            Placement.id.label("row_id"),
            enrolled.label("in_training"),
            completed.label("completed"),
            and_(completed, func.coalesce(Placement.certificate_number, "") != "")
            .label("certified"),
        )
        .join(Case, Case.id == Placement.case_id)
        .where(or_(enrolled, completed))
    )  # fmt: skip


def employment_rows(p: Period, today: date) -> Select:
    """Hires in work on some day of the period (first day on or before its end, not ended
    before its start)."""
    return (
        select(
            Case.commune_code.label("commune_code"),
            Referral.person_id.label("person_id"),
            Referral.id.label("row_id"),
            _between(Referral.hired_on, p).label("hired"),
            _between(Referral.ended_on, p).label("lost"),
        )
        .join(Case, Case.id == Referral.case_id)
        .where(
            Referral.hired_on.is_not(None),
            Referral.hired_on <= p.end,
            or_(Referral.ended_on.is_(None), Referral.ended_on >= p.start),
        )
    )


RETENTION_MARKS = (3, 6)  # months after the first day of work the reports ask about


def retention_rows(p: Period, today: date) -> Select:
    """The hires' 3 and 6 month marks (their retention checks' due days) in the period, up
    to today; ``still`` when the job had not ended by the mark."""
    return (
        select(
            Case.commune_code.label("commune_code"),
            Referral.person_id.label("person_id"),
            Referral.id.label("row_id"),
            RetentionCheck.months.label("months"),
            or_(Referral.ended_on.is_(None), Referral.ended_on > FollowUp.due_on).label("still"),
        )
        .select_from(RetentionCheck)
        .join(FollowUp, FollowUp.id == RetentionCheck.follow_up_id)
        .join(Referral, Referral.id == RetentionCheck.referral_id)
        .join(Case, Case.id == Referral.case_id)
        .where(
            RetentionCheck.months.in_(RETENTION_MARKS),
            FollowUp.due_on.between(p.start, min(p.end, today)),
        )
    )


@dataclass(frozen=True)
class Source:
    key: str
    rows: Callable[[Period, date], Select]
    # Each row a different thing (its row_id never repeats): its rows are counted as they
    # are, without the DISTINCT that sorts them once more per figure.
    one_row_each: bool = False


SOURCES = {
    s.key: s
    for s in (
        Source("received", received_rows),
        Source("arrivals", arrival_rows),
        Source("followed", followed_rows),
        Source("closed", closed_rows),
        Source("follow_ups", follow_up_rows, one_row_each=True),
        Source("loans", loan_rows),
        Source("loan_steps", loan_step_rows),
        Source("bank", bank_rows),
        Source("arrears", arrears_rows),
        Source("training", training_rows),
        Source("employment", employment_rows),
        Source("retention", retention_rows),
    )
}

# ---------------------------------------------------------------------------------------------
# Figures.


class Measure(StrEnum):
    PEOPLE = "people"  # distinct people (per commune)
    ROWS = "rows"  # distinct things counted (follow-ups, loan applications)
    MONEY = "money"  # a sum of đồng


@dataclass(frozen=True)
class Figure:
    key: str
    label: object  # lazy msgid
    source: str  # a key of SOURCES
    where: Callable | None = None  # (source columns c) -> condition; None: every row
    measure: Measure = Measure.PEOPLE
    amount: str | None = None  # the column summed, for MONEY
    follows: str | None = None  # MONEY: the count it belongs to (small-cell suppression)
    group: str = "people"
    headline: bool = False  # charted on the dashboard
    drill: bool = True  # the people behind it may be listed
    definition: object | None = None  # a lazy sentence the report shows under the figure

    @property
    def is_money(self) -> bool:
        return self.measure == Measure.MONEY


ARRIVALS_DUE = _l(
    "Cases whose arrival deadline (3 working days after the prison's notice, Circular "
    "10/2024 Art. 8) falls in the period."
)
HELPED = _l(
    "People under follow-up flagged as in extremely difficult circumstances for whom a support "
    "measure was recorded in the period: a referral to training, a job referral or a loan "
    "application."
)
CONTACTED_ON_TIME = _l(
    "Of the arrivals due, those whose residence the commune police checked on or before the "
    "deadline (the day of the check, not the day the person reported)."
)


def _release(kind: ReleaseType):
    return lambda c: c.release_type == kind


def _class(value: Classification | None):
    return (lambda c: c.classification.is_(None)) if value is None else (
        lambda c: c.classification == value
    )  # fmt: skip


def _step(status: LoanStatus):
    return lambda c: c.to_status == status


def _reached(months: int):
    return lambda c: c.months == months


def _still_after(months: int):
    return lambda c: and_(c.months == months, c.still)


FIGURES: tuple[Figure, ...] = (
    # People received and how.
    Figure("received", _l("People received"), "received", headline=True),
    Figure("received_amnesty", _l("Received: released by amnesty"), "received",
           _release(ReleaseType.AMNESTY)),
    Figure("received_sentence_completed", _l("Received: sentence completed"), "received",
           _release(ReleaseType.SENTENCE_COMPLETED)),
    Figure("received_conditional_early_release", _l("Received: conditional early release"),
           "received", _release(ReleaseType.CONDITIONAL_EARLY_RELEASE)),
    Figure("received_class_a", _l("Received: classified A"), "received",
           _class(Classification.A)),
    Figure("received_class_b", _l("Received: classified B"), "received",
           _class(Classification.B)),
    Figure("received_class_c", _l("Received: classified C"), "received",
           _class(Classification.C)),
    Figure("received_class_d", _l("Received: classified D"), "received",
           _class(Classification.D)),
    Figure("received_unclassified", _l("Received: not yet classified"), "received",
           _class(None)),
    Figure("arrivals_due", _l("Arrivals due to be checked"), "arrivals",
           definition=ARRIVALS_DUE),
    Figure("contacted_on_time", _l("Contacted within the deadline"), "arrivals",
           lambda c: c.on_time, headline=True, definition=CONTACTED_ON_TIME),
    # Under follow-up.
    Figure("followed", _l("People under follow-up"), "followed", headline=True),
    Figure("foreigners", _l("Foreigners under follow-up"), "followed", lambda c: c.foreigner),
    Figure("extremely_difficult", _l("People in extremely difficult circumstances helped"),
           "followed", lambda c: c.helped, definition=HELPED),
    Figure("reoffended", _l("People who reoffended (detained again)"), "closed",
           lambda c: c.close_reason == CloseReason.DETAINED_AGAIN, headline=True),
    Figure("record_expunged", _l("Follow-up ended: criminal record expunged"), "closed",
           lambda c: c.close_reason == CloseReason.RECORD_EXPUNGED),
    # Follow-ups.
    Figure("follow_ups_due", _l("Follow-ups due"), "follow_ups", measure=Measure.ROWS,
           group="follow_ups", headline=True),
    Figure("follow_ups_done", _l("Follow-ups done"), "follow_ups", lambda c: c.done,
           measure=Measure.ROWS, group="follow_ups"),
    Figure("follow_ups_overdue", _l("Follow-ups overdue"), "follow_ups", lambda c: c.overdue,
           measure=Measure.ROWS, group="follow_ups", headline=True),
    # Loans, by stage, and the money.
    Figure("loans_submitted", _l("Loan requests submitted"), "loans", lambda c: c.submitted,
           measure=Measure.ROWS, group="loans", headline=True),
    Figure("loans_endorsed", _l("Loan requests endorsed by the organisation"), "loan_steps",
           _step(LoanStatus.ENDORSED), measure=Measure.ROWS, group="loans"),
    Figure("loans_rejected", _l("Loan requests rejected by the organisation"), "loan_steps",
           _step(LoanStatus.REJECTED), measure=Measure.ROWS, group="loans"),
    Figure("loans_certified", _l("Loan requests certified by the commune"), "loans",
           lambda c: c.certified, measure=Measure.ROWS, group="loans"),
    Figure("loans_approved", _l("Loans approved by the bank"), "loans", lambda c: c.approved,
           measure=Measure.ROWS, group="loans"),
    Figure("loans_declined", _l("Loans declined by the bank"), "loans", lambda c: c.declined,
           measure=Measure.ROWS, group="loans"),
    Figure("loans_disbursed", _l("Loans disbursed"), "loans", lambda c: c.disbursed,
           measure=Measure.ROWS, group="loans"),
    Figure("loans_sent_to_bank", _l("Loan files sent to the bank"), "bank",
           lambda c: c.sent, measure=Measure.ROWS, group="loans"),
    Figure("loans_bank_in_time", _l("Bank decisions within the deadline"), "bank",
           lambda c: c.in_time, measure=Measure.ROWS, group="loans"),
    Figure("loans_bank_late", _l("Bank decisions after the deadline"), "bank",
           lambda c: c.late, measure=Measure.ROWS, group="loans"),
    Figure("loans_bank_waiting_late", _l("Loan files waiting for the bank past the deadline"),
           "bank", lambda c: c.waiting_late, measure=Measure.ROWS, group="loans"),
    Figure("loans_overdue", _l("Loans with overdue instalments"), "arrears",
           measure=Measure.ROWS, group="loans"),
    Figure("amount_requested", _l("Amount requested"), "loans", lambda c: c.submitted,
           measure=Measure.MONEY, amount="amount_requested", follows="loans_submitted",
           group="loans", drill=False),
    Figure("amount_approved", _l("Amount approved"), "loans", lambda c: c.approved,
           measure=Measure.MONEY, amount="approved_amount", follows="loans_approved",
           group="loans", drill=False),
    Figure("amount_disbursed", _l("Amount disbursed"), "loans", lambda c: c.disbursed,
           measure=Measure.MONEY, amount="approved_amount", follows="loans_disbursed",
           group="loans", drill=False),
    Figure("amount_overdue", _l("Amount overdue"), "arrears", measure=Measure.MONEY,
           amount="unpaid", follows="loans_overdue", group="loans", drill=False),
    # Training.
    Figure("in_training", _l("People in training"), "training", lambda c: c.in_training,
           group="training", headline=True),
    Figure("training_completed", _l("Training completed"), "training", lambda c: c.completed,
           group="training"),
    Figure("training_certified", _l("Training certified"), "training", lambda c: c.certified,
           group="training"),
    # Employment.
    Figure("employed", _l("People employed"), "employment", group="employment", headline=True),
    Figure("hired", _l("People hired (started work)"), "employment", lambda c: c.hired,
           group="employment"),
    Figure("jobs_lost", _l("People who lost their job"), "employment", lambda c: c.lost,
           group="employment"),
    Figure("reached_3_months", _l("Hires reaching 3 months"), "retention", _reached(3),
           group="employment"),
    Figure("employed_3_months", _l("Still employed after 3 months"), "retention",
           _still_after(3), group="employment"),
    Figure("reached_6_months", _l("Hires reaching 6 months"), "retention", _reached(6),
           group="employment"),
    Figure("employed_6_months", _l("Still employed after 6 months"), "retention",
           _still_after(6), group="employment"),
)  # fmt: skip

FIGURE_BY_KEY = {f.key: f for f in FIGURES}
# Figures split among others: people received, by release type and by classification. The
# parts add up to the whole (a case without a release in none of the first), so a hidden
# part could be found by subtraction: secondary suppression treats each as a sum.
PARTITIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "received",
        (
            "received_amnesty",
            "received_sentence_completed",
            "received_conditional_early_release",
        ),
    ),
    (
        "received",
        (
            "received_class_a",
            "received_class_b",
            "received_class_c",
            "received_class_d",
            "received_unclassified",
        ),
    ),
)
GROUPS = {
    "people": _l("People"),
    "follow_ups": _l("Follow-ups"),
    "loans": _l("Loans"),
    "training": _l("Training"),
    "employment": _l("Employment"),
}


# ---------------------------------------------------------------------------------------------
# Computing: one GROUP BY query per source.


def _aggregate(figure: Figure, c, one_row_each: bool = False) -> ColumnElement:
    condition = figure.where(c) if figure.where is not None else None
    if figure.measure == Measure.MONEY:
        amount = c[figure.amount]
        value = amount if condition is None else case((condition, amount), else_=literal(0))
        return func.coalesce(func.sum(value), 0)
    counted = c.person_id if figure.measure == Measure.PEOPLE else c.row_id
    if condition is not None:
        counted = case((condition, counted), else_=None)
    if figure.measure == Measure.ROWS and one_row_each:
        return func.count(counted)
    return func.count(func.distinct(counted))


def compute(session, p: Period, today: date, commune_codes=None) -> dict[str, dict[int, int]]:
    """{figure key: {commune code: value}} for every computed figure (zeros left out).
    ``commune_codes`` (a subquery or list) limits the communes; None: the whole nation."""
    result: dict[str, dict[int, int]] = {f.key: {} for f in FIGURES}
    for source in SOURCES.values():
        figures = [f for f in FIGURES if f.source == source.key]
        if not figures:
            continue
        c = source.rows(p, today).subquery(source.key).c
        # For the whole nation, "+ 0" keeps SQLite from walking the rows along an index on
        # the commune to spare the sort: that reads a million cases in random order (2.6 s
        # at a million people, against 0.6 s for a scan and a sort). For some communes
        # that index is the way in, so the bare column stays.
        commune_code = (c.commune_code + 0 if commune_codes is None else c.commune_code).label(
            "commune_code"
        )
        stmt = select(
            commune_code, *(_aggregate(f, c, source.one_row_each) for f in figures)
        ).group_by(commune_code)
        if commune_codes is not None:
            stmt = stmt.where(c.commune_code.in_(commune_codes))
        for row in session.execute(stmt):
            for figure, value in zip(figures, row[1:], strict=True):
                if value:
                    result[figure.key][row[0]] = int(value)
    return result


def people_behind(figure: Figure, p: Period, today: date) -> Select:
    """The (commune_code, person_id) rows behind a figure: the drill-down list's query."""
    if not figure.drill:
        return select(literal(None).label("commune_code"), literal(None).label("person_id")).where(
            false()
        )
    sq = SOURCES[figure.source].rows(p, today).subquery(figure.source)
    stmt = select(sq.c.commune_code, sq.c.person_id).where(sq.c.person_id.is_not(None)).distinct()
    if figure.where is not None:
        stmt = stmt.where(figure.where(sq.c))
    return stmt
