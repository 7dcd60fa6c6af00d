"""The dashboard read at a glance: the period's headline figures, each against the previous
period and the same period last year with its trend, and charts of the largest units.

Everything here reads the reports as ``presentation`` prepares them for the reader, so a
committee viewer's small cells stay hidden in the tiles, the trends and the charts alike
(``suppression``). A chart's "others" bar is the total less the units shown, given only when
the total and every unit shown are visible: the reader could work it out from those anyway.
"""

from dataclasses import dataclass, replace

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from reintegration.accounts.models import User
from reintegration.core.i18n import format_money, format_number
from reintegration.reports import definitions as d
from reintegration.reports import periods
from reintegration.reports.models import TOTAL, ReportSnapshot
from reintegration.reports.services import presentation
from reintegration.reports.services.presentation import Cell, Comparison, Report

CHART_UNITS = 15  # the largest units charted; the rest are one "others" bar
TREND_LENGTH = {periods.PeriodKind.MONTH: 12, periods.PeriodKind.QUARTER: 8,
                periods.PeriodKind.YEAR: 5}  # fmt: skip


@dataclass(frozen=True)
class Headline:
    key: str  # a figure of ``definitions``
    share_of: str | None = None  # shown as a share of this figure
    up_is_good: bool = True
    label: object = None  # a shorter label than the figure's, where it has one


HEADLINES = (
    Headline("received"),
    Headline("contacted_on_time", "arrivals_due"),
    Headline("follow_ups_overdue", up_is_good=False),
    Headline("in_training"),
    Headline("employed"),
    Headline("employed_6_months", "reached_6_months", label=_l("Still employed at 6 months")),
    Headline("loans_disbursed"),
    Headline("loans_overdue", up_is_good=False),
    Headline("reoffended", up_is_good=False),
)


@dataclass(frozen=True)
class Change:
    """This period against another: the difference in the figure's unit (people, or
    percentage points for a share), or None when either side is hidden or missing."""

    against: str  # the other period's title
    difference: float | None

    @property
    def text(self) -> str:
        if self.difference is None:
            return "—"
        if self.difference == 0:
            return "±0"
        sign = "+" if self.difference > 0 else "−"
        return f"{sign}{format_decimal(abs(round(self.difference, 1)))}"

    @property
    def direction(self) -> str:
        if not self.difference:
            return "same"
        return "up" if self.difference > 0 else "down"


@dataclass(frozen=True)
class Tile:
    headline: Headline
    label: str
    text: str  # the value as shown ("< 5", "hidden", "62 %")
    detail: str | None  # for a share: "62 of 100"
    changes: tuple[Change, ...]
    trend: dict  # labels and values, for the sparkline
    # The trend's table: each period's title and its value as shown. (Made here, not by
    # the template: it read ``tile.trend`` as an attribute before the dict's key, an
    # exception a read, some 120 a page.)
    trend_rows: tuple[tuple[str, str], ...] = ()

    @property
    def share(self) -> bool:
        return self.headline.share_of is not None

    def tone(self, change: Change) -> str:
        if change.difference in (None, 0):
            return "neutral"
        return "good" if (change.difference > 0) == self.headline.up_is_good else "bad"


def _value(report: Report | None, headline: Headline) -> float | None:
    """The headline's visible value in ``report``: a count, or a share in percent."""
    if report is None:
        return None
    value = report.value(d.FIGURE_BY_KEY[headline.key])
    if headline.share_of is None or value is None:
        return value
    whole = report.value(d.FIGURE_BY_KEY[headline.share_of])
    if not whole:
        return None
    return 100 * value / whole


def _share_text(value: float | None) -> str:
    return "—" if value is None else f"{format_decimal(round(value))}{chr(0xA0)}%"


def comparison(snapshot: ReportSnapshot, user: User) -> Comparison:
    """The dashboard's reports: this period against the previous one and last year's, and
    the trend of the periods before it (12 months, 8 quarters or 5 years, this one
    included, as far as they exist)."""
    length = TREND_LENGTH.get(periods.PeriodKind(snapshot.period_kind), 1)
    return presentation.comparison(snapshot, user, history=length)


def tiles(comparison: Comparison) -> list[Tile]:
    history = comparison.history
    current = comparison.current
    made = []
    for headline in HEADLINES:
        figure = d.FIGURE_BY_KEY[headline.key]
        value = _value(current, headline)
        if headline.share_of:
            text = _share_text(value) if value is not None else current.cell(figure).text
            count, whole = current.cell(figure), current.cell(d.FIGURE_BY_KEY[headline.share_of])
            detail = _("%(part)s of %(whole)s", part=count.text, whole=whole.text)
        else:
            text, detail = current.cell(figure).text, None
        changes = tuple(
            Change(
                other.title if other else label,
                None if value is None or _value(other, headline) is None
                else value - _value(other, headline),
            )
            for other, label in (
                (comparison.previous, _("Previous period")),
                (comparison.last_year, _("Same period last year")),
            )
        )  # fmt: skip
        trend = {
            "labels": [r.title for r in history],
            "data": [_value(r, headline) for r in history],
            "share": headline.share_of is not None,
        }
        tile = Tile(headline, str(headline.label or figure.label), text, detail, changes, trend)
        rows = tuple(
            (label, trend_text(tile, value))
            for label, value in zip(trend["labels"], trend["data"], strict=True)
        )
        made.append(replace(tile, trend_rows=rows))
    return made


def trend_text(tile: Tile, value: float | None) -> str:
    if value is None:
        return "—"
    return _share_text(value) if tile.trend["share"] else format_number(value)


def chart_data(comparison: Comparison, figure: d.Figure) -> dict:
    """The largest units of this period (up to ``CHART_UNITS``) and one bar for the rest,
    for this period, the previous one and the same one last year. Hidden cells are null;
    units rank by what the reader sees (a hidden cell ranks as 0), then by name."""
    current = comparison.current
    # ``units`` are in Vietnamese order already: a stable sort keeps it among equals.
    units = sorted(current.units, key=lambda unit: -(current.value(figure, unit[0]) or 0))
    shown, rest = units[:CHART_UNITS], units[CHART_UNITS:]
    if len(rest) == 1:
        shown, rest = units, []
    labels = [name for _code, name in shown]
    if rest:
        labels.append(_("Others (%(count)d)", count=len(rest)))

    def series(report: Report | None, label: str) -> dict:
        if report is None:
            return {"label": label, "data": [None] * len(labels), "texts": ["—"] * len(labels)}
        data = [report.value(figure, code) for code, _name in shown]
        texts = [report.cell(figure, code).text for code, _name in shown]
        if rest:
            total = report.value(figure, TOTAL)
            others = total - sum(data) if total is not None and None not in data else None
            data.append(others)
            texts.append(_("hidden") if others is None else _format(figure, others))
        return {"label": label, "data": data, "texts": texts}

    return {
        "figure": figure.key,
        "title": str(figure.label),
        "money": figure.is_money,
        "labels": labels,
        "series": [
            series(current, current.title),
            series(
                comparison.previous,
                comparison.previous.title if comparison.previous else _("Previous period"),
            ),
            series(
                comparison.last_year,
                comparison.last_year.title if comparison.last_year else _("Same period last year"),
            ),
        ],
    }


def chart_rows(chart: dict) -> Markup:
    """The rows of a chart's table of numbers (a unit, then its text in each series), as
    HTML written here like the per-unit table's cells (``_UNIT_CELL``)."""
    texts = zip(*(series["texts"] for series in chart["series"]), strict=True)
    html = "".join(
        '<tr><th scope="row" class="fw-normal">{}</th>{}</tr>\n'.format(
            escape(label), "".join(f'<td class="text-end">{escape(text)}</td>' for text in row)
        )
        for label, row in zip(chart["labels"], texts, strict=True)
    )
    return Markup(html)  # noqa: S704 (each label and text escaped)  # nosec B704


def _format(figure: d.Figure, value: int) -> str:
    return format_money(value) if figure.is_money else format_number(value)


# A cell of the per-unit table. The table has a row for each unit (168 communes in Hồ Chí
# Minh City) and a cell for each headline; drawn cell by cell by the template (two escapes
# and five pieces of output each, every piece handed up through the layout) it was a third
# of the dashboard's time, so each distinct cell is written here once, escaped, and a
# row's cells joined.
_UNIT_CELL = '<td class="text-end" data-sort-value="{}">{}</td>'


@dataclass(frozen=True)
class UnitRow:
    """A row of the per-unit table. (Attributes, not a dict's keys: the template reads a
    dict's key only after failing to find it as an attribute, an exception a read.)"""

    code: int
    name: str
    position: int  # in the table's first order (Vietnamese, by name)
    cells: list[tuple[str, int | str]]  # each headline's text and the value to sort by
    cells_html: Markup


def unit_rows(comparison: Comparison) -> list[UnitRow]:
    """The per-unit table: each unit's headline cells, and the value to sort them by
    (hidden cells sort as the lowest); ``cells_html``: the row's cells as HTML."""
    current = comparison.current
    figures = [d.FIGURE_BY_KEY[h.key] for h in HEADLINES]
    written: dict[Cell, str] = {}  # the same few small numbers fill most cells
    rows = []
    for position, (code, name) in enumerate(current.units):
        cells, html = [], []
        for figure in figures:
            cell = current.cell(figure, code)
            value = "" if cell.value is None else cell.value
            cells.append((cell.text, value))
            found = written.get(cell)
            if found is None:
                found = written[cell] = _UNIT_CELL.format(escape(value), escape(cell.text))
            html.append(found)
        written_row = Markup("".join(html))  # noqa: S704 (escaped above)  # nosec B704
        rows.append(UnitRow(code, name, position, cells, written_row))
    return rows
