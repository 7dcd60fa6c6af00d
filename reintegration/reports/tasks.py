"""The scheduled build of the periodic reports (job ``reports.build_period_snapshots``, daily
at 01:30 Asia/Ho_Chi_Minh)."""

from datetime import date

from flask import current_app

from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.reports import periods
from reintegration.reports.services import notices, snapshots


def configured_kinds() -> list[periods.PeriodKind]:
    """REINTEGRATION_REPORT_PERIODS, parsed and checked at start (config.py)."""
    return [periods.PeriodKind(name) for name in current_app.config["REPORT_PERIODS"]]


def build_period_snapshots(today: date | None = None) -> int:
    """For each configured period kind, the latest period that has ended (a Vietnamese
    calendar day) is built for the nation and every province, unless built before; the
    subscribers hear of it. Returns how many snapshots were built. Safe to run twice: a
    second run finds them built and does nothing. (Periods before the latest one are not
    caught up: a report for an older period is built on demand.)"""
    today = today or today_local()
    built = []
    for kind in configured_kinds():
        period = periods.last_ended_period(kind, today)
        new = snapshots.build(period, snapshots.all_areas(), today=today, skip_built=True)
        db.session.commit()
        built.extend(new)
        notices.tell_built(new)
        db.session.commit()
    return len(built)
