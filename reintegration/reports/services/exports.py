"""A report as XLSX (people), CSV (machines) and PDF (the signed paper), in Vietnamese.

Each export shows what its reader may see (small cells hidden for committee viewers, as on
screen) and writes an audit event.
"""

import csv
import io
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import local_time, today_local
from reintegration.core.documents import neutralise, render_pdf
from reintegration.reports import definitions as d
from reintegration.reports.models import TOTAL, AreaLevel, ReportSnapshot
from reintegration.reports.services.presentation import Report, present

EXPORT_LOCALE = "vi"


def _audit(
    kind: str, snapshot: ReportSnapshot, user: User, report: Report, channel: str = "download"
) -> None:
    audit.record(
        "report_exported",
        snapshot,
        user=user,
        detail={"format": kind, "suppressed": report.suppress, "channel": channel},
    )


def filename(snapshot: ReportSnapshot, ext: str) -> str:
    area = "toan-quoc" if snapshot.area_level == AreaLevel.NATION else f"tinh-{snapshot.area_code}"
    return (
        f"bao-cao-{snapshot.period_kind}-{snapshot.period_start:%Y%m%d}-"
        f"{snapshot.period_end:%Y%m%d}-{area}-v{snapshot.version}.{ext}"
    )


def _value(report: Report, figure: d.Figure, unit: int):
    c = report.cell(figure, unit)
    return c.value if c.value is not None else c.text


# --- XLSX --------------------------------------------------------------------------------------


def xlsx(snapshot: ReportSnapshot, user: User) -> bytes:
    """Two sheets: the area's totals, and one row per commune (or province), a column per
    figure. Numbers are numbers, money has the đồng format, dates are dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    with force_locale(EXPORT_LOCALE):
        report = present(snapshot, user)
        figures = report.figures
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor="DDE5F0")
        wrap = Alignment(wrap_text=True, vertical="top")
        money_format = '#,##0 "₫"'

        def header(ws, row: int, titles: list[str]) -> None:
            for column, title in enumerate(titles, start=1):
                c = ws.cell(row=row, column=column, value=title)
                c.font, c.fill, c.alignment = bold, fill, wrap

        def put(ws, row: int, column: int, figure: d.Figure, value) -> None:
            c = ws.cell(row=row, column=column, value=neutralise(value))
            if isinstance(value, int):
                c.number_format = money_format if figure.is_money else "#,##0"

        book = Workbook()
        totals = book.active
        totals.title = str(snapshot.area_level.label)[:31]
        info = [
            (_("Report"), report.title),
            (_("Area"), report.area),
            (_("From"), report.period.start),
            (_("To"), report.period.end),
            (_("Version"), snapshot.version),
            (_("Built on"), local_time(snapshot.built_at)),
        ]
        for row, (label, value) in enumerate(info, start=1):
            totals.cell(row=row, column=1, value=label).font = bold
            c = totals.cell(row=row, column=2, value=neutralise(value))
            if isinstance(value, date):
                c.number_format = "DD/MM/YYYY HH:MM" if hasattr(value, "hour") else "DD/MM/YYYY"
        start = len(info) + 2
        header(totals, start, [_("Figure"), report.area])
        for row, figure in enumerate(figures, start=start + 1):
            totals.cell(row=row, column=1, value=str(figure.label))
            put(totals, row, 2, figure, _value(report, figure, TOTAL))
        totals.column_dimensions["A"].width = 55
        totals.column_dimensions["B"].width = 22

        units = book.create_sheet(str(report.unit_level.label)[:31])
        header(
            units, 1, [_("Code"), str(report.unit_level.label)] + [str(f.label) for f in figures]
        )
        for row, (code, name) in enumerate(report.units, start=2):
            units.cell(row=row, column=1, value=code)
            units.cell(row=row, column=2, value=neutralise(name))
            for column, figure in enumerate(figures, start=3):
                put(units, row, column, figure, _value(report, figure, code))
        units.freeze_panes = "C2"
        units.column_dimensions["B"].width = 28
        for column in range(3, len(figures) + 3):
            units.column_dimensions[get_column_letter(column)].width = 16
        _audit("xlsx", snapshot, user, report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- CSV ---------------------------------------------------------------------------------------

CSV_COLUMNS = (
    ("period_kind", _l("Period")), ("period_start", _l("From")), ("period_end", _l("To")),
    ("area_level", _l("Area level")), ("area_code", _l("Area code")), ("version", _l("Version")),
    ("unit_level", _l("Unit level")), ("unit_code", _l("Unit code")),
    ("unit_name", _l("Unit")), ("figure", _l("Figure code")), ("figure_label", _l("Figure")),
    ("value", _l("Value")),
)  # fmt: skip


def csv_text(snapshot: ReportSnapshot, user: User) -> str:
    """Long format, one line per unit and figure (the area's total has unit_code 0). The
    first line names the columns in the reader's language, the second by their codes, for
    programs (read from the second line on)."""
    headings = [str(label) for _code, label in CSV_COLUMNS]
    figure_labels = {f.key: str(f.label) for f in d.FIGURES}
    with force_locale(EXPORT_LOCALE):
        report = present(snapshot, user)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(neutralise(h) for h in headings)
        writer.writerow(code for code, _label in CSV_COLUMNS)
        units = [(TOTAL, report.area, snapshot.area_level)] + [
            (code, name, report.unit_level) for code, name in report.units
        ]
        for code, name, level in units:
            for figure in report.figures:
                writer.writerow(
                    neutralise(v)
                    for v in (
                        snapshot.period_kind,
                        snapshot.period_start.isoformat(),
                        snapshot.period_end.isoformat(),
                        snapshot.area_level.value,
                        snapshot.area_code,
                        snapshot.version,
                        level.value,
                        code,
                        name,
                        figure.key,
                        figure_labels[figure.key],
                        _value(report, figure, code),
                    )
                )
        _audit("csv", snapshot, user, report)
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------


def pdf(
    snapshot: ReportSnapshot, user: User, *, today: date | None = None, channel: str = "download"
) -> bytes:
    """``channel``: how it leaves the system ("download", or "email" when delivered)."""
    with force_locale(EXPORT_LOCALE):
        report = present(snapshot, user)
        _audit("pdf", snapshot, user, report, channel)
    return render_pdf(
        "reports/pdf/report.html", report=report, snapshot=snapshot, today=today or today_local()
    )
