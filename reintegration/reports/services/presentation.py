"""A snapshot prepared for one reader: names of the rows, and small cells hidden.

Small-cell suppression: a committee viewer sees aggregates only, and a count of 1 to 4 is
shown as "< 5" so nobody can be singled out; 0 is shown as 0 (it singles out nobody). A sum
of money follows the count it belongs to: hidden when that count is. The cells that would
give a hidden one away by subtraction are hidden too (``suppression``). Province officers
see real numbers. The stored values are never altered: this is done for the view and the
exports, per reader.
"""

from dataclasses import dataclass
from functools import cached_property

from flask_babel import gettext as _
from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.core.i18n import WholeNumbers, format_money, format_number
from reintegration.core.text import vietnamese_key
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province
from reintegration.reports import definitions as d
from reintegration.reports import periods
from reintegration.reports.models import TOTAL, AreaLevel, ReportSnapshot
from reintegration.reports.services import suppression
from reintegration.reports.services.snapshots import (
    latest_versions_of,
    period_of,
    values_of,
    values_of_each,
)
from reintegration.reports.services.suppression import is_small


def suppresses(user: User) -> bool:
    return user.role == Role.COMMITTEE_VIEWER


@dataclass(frozen=True)
class Cell:
    value: int | None  # None: hidden or not computed
    text: str
    hidden: bool = False


def visible_value(figure: d.Figure, values: dict, unit: int, suppress: bool) -> int | None:
    """The value the reader may see; None when it is hidden."""
    value = values.get((figure.key, unit), 0)
    if suppress:
        count = values.get((figure.follows, unit), 0) if figure.is_money else value
        if is_small(count):
            return None
    return value


def cell(
    figure: d.Figure, values: dict, unit: int, suppress: bool, numbers: WholeNumbers | None = None
) -> Cell:
    """``numbers``: the page's writer of whole numbers (``Report`` keeps one)."""
    value = visible_value(figure, values, unit, suppress)
    if value is None:
        small = not figure.is_money and not suppression.hides_a_larger_count(values, figure, unit)
        return Cell(None, "< 5" if small else _("hidden"), hidden=True)
    if numbers is not None and type(value) is int:
        return Cell(value, numbers.money(value) if figure.is_money else numbers.number(value))
    return Cell(value, format_money(value) if figure.is_money else format_number(value))


def units_of(snapshot: ReportSnapshot) -> list[tuple[int, str]]:
    """The rows of the report below its total: communes of a province, provinces of the nation."""
    if snapshot.area_level == AreaLevel.NATION:
        rows = db.session.execute(select(Province.code, Province.name))
    else:
        rows = db.session.execute(
            select(Commune.code, Commune.name).where(Commune.province_code == snapshot.area_code)
        )
    return sorted(((code, name) for code, name in rows), key=lambda row: vietnamese_key(row[1]))


def area_name(snapshot: ReportSnapshot) -> str:
    if snapshot.area_level == AreaLevel.NATION:
        return _("Whole country")
    province = db.session.get(Province, snapshot.area_code)
    return province.name if province else str(snapshot.area_code)


def unit_level(snapshot: ReportSnapshot) -> AreaLevel:
    return AreaLevel.PROVINCE if snapshot.area_level == AreaLevel.NATION else AreaLevel.COMMUNE


def period_label(period: periods.Period) -> str:
    if period.kind == periods.PeriodKind.MONTH:
        return _(
            "Month %(month)s/%(year)s", month=f"{period.start.month:02d}", year=period.start.year
        )
    if period.kind == periods.PeriodKind.QUARTER:
        quarter = (period.start.month - 1) // 3 + 1
        return _("Quarter %(quarter)s/%(year)s", quarter=quarter, year=period.start.year)
    if period.kind == periods.PeriodKind.YEAR:
        return _("Year %(year)s", year=period.start.year)
    return _(
        "From %(start)s to %(end)s",
        start=period.start.strftime("%d/%m/%Y"),
        end=period.end.strftime("%d/%m/%Y"),
    )


@dataclass
class Report:
    """A snapshot as one reader sees it."""

    snapshot: ReportSnapshot
    period: periods.Period
    area: str
    unit_level: AreaLevel
    units: list[tuple[int, str]]
    figures: tuple[d.Figure, ...]
    values: dict
    suppress: bool

    def __post_init__(self) -> None:
        # A dashboard shows thousands of cells, mostly the same few small numbers: each
        # (figure kind, value) is formatted once per report.
        self._cells: dict[tuple, Cell] = {}
        self._numbers = WholeNumbers()

    def cell(self, figure: d.Figure, unit: int = TOTAL) -> Cell:
        value = visible_value(figure, self.values, unit, self.suppress)
        key = (figure.is_money, value, value is None and (figure.key, unit))
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = cell(figure, self.values, unit, self.suppress, self._numbers)
        return found

    def value(self, figure: d.Figure, unit: int = TOTAL) -> int | None:
        """The visible value alone (None: hidden), for the charts."""
        return visible_value(figure, self.values, unit, self.suppress)

    @cached_property
    def title(self) -> str:
        """Translated once: a dashboard names each period some seventy times (tiles, the
        table's heads, every chart's series)."""
        return period_label(self.period)


def present(
    snapshot: ReportSnapshot,
    user: User,
    units: list[tuple[int, str]] | None = None,
    *,
    values: dict | None = None,
    area: str | None = None,
) -> Report:
    """``units`` and ``area``: those of another report of the same area (the dashboard's
    other periods), and ``values`` the snapshot's values read with theirs, so that none is
    read again."""
    if values is None:
        values = values_of(snapshot.id)
    suppress = suppresses(user)
    return Report(
        snapshot=snapshot,
        period=period_of(snapshot),
        area=area_name(snapshot) if area is None else area,
        unit_level=unit_level(snapshot),
        units=units_of(snapshot) if units is None else units,
        figures=d.FIGURES,
        # Secondary suppression first: the cells that would give a small one away are
        # hidden (None) before anything reads the figures (page, exports, API).
        values=suppression.visible_values(values) if suppress else values,
        suppress=suppress,
    )


# --- The dashboard: this period against the previous one and the same one last year ------------


@dataclass
class Comparison:
    current: Report
    previous: Report | None
    last_year: Report | None
    # The reports of this period and those just before it, oldest first, as far back as
    # they run unbroken (within the length asked of ``comparison``): the trend. Those of
    # periods only in the trend hold their totals alone for a reader who sees real
    # numbers (``Report.value(figure)``, not a unit's).
    history: list[Report]


def comparison(snapshot: ReportSnapshot, user: User, history: int = 1) -> Comparison:
    """This period's report against the previous period's and the same period's last year,
    and the reports of up to ``history`` periods ending with this one. The other periods'
    snapshots are found in one query and all values read in another."""
    period = period_of(snapshot)
    before = [period]
    for _step in range(history - 1):
        before.append(periods.previous_period(before[-1]))
    previous = periods.previous_period(period)
    last_year = periods.same_period_last_year(period)
    found = latest_versions_of(
        {previous, last_year, *before[1:]}, snapshot.area_level, snapshot.area_code
    )
    compared = {snapshot.id} | {found[p].id for p in (previous, last_year) if p in found}
    trend_only = [other.id for other in found.values() if other.id not in compared]
    # The periods only in the trend show their headline totals alone (12 months of a
    # city's reports, 3,000 values each, were read whole); a reader whose small cells are
    # hidden needs each report whole, the suppression working on all of it.
    values = values_of_each(
        [*compared, *trend_only], totals_only=[] if suppresses(user) else trend_only
    )
    current = present(snapshot, user, values=values[snapshot.id])
    reports = {
        other_period: present(
            other, user, current.units, values=values[other.id], area=current.area
        )
        for other_period, other in found.items()
    }
    reports[period] = current
    trend = []
    for each in before:
        if each not in reports:
            break
        trend.append(reports[each])
    return Comparison(current, reports.get(previous), reports.get(last_year), trend[::-1])
