"""The scheduled build of the periodic reports (job ``reports.build_period_snapshots``, daily
at 01:30 Asia/Ho_Chi_Minh)."""

from datetime import date

from flask import current_app
from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.core.clock import today_local
from reintegration.core.i18n import N_, format_day
from reintegration.core.links import path_for
from reintegration.extensions import db
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.reports import periods
from reintegration.reports.models import AreaLevel, ReportSnapshot, ReportSubscription
from reintegration.reports.services import snapshots
from reintegration.reports.services.delivery import REPORT_PDF


def configured_kinds() -> list[periods.PeriodKind]:
    names = current_app.config.get("REPORT_PERIODS") or [
        k.value for k in periods.DEFAULT_PERIOD_KINDS
    ]
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    return [periods.PeriodKind(n) for n in names if n != periods.PeriodKind.CUSTOM]


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
        notify_subscribers(new)
        db.session.commit()
    return len(built)


def notify_subscribers(new: list[ReportSnapshot]) -> int:
    """An in-app notice to each subscriber whose area the snapshot covers, and an e-mail
    with the report's PDF attached, sent by the notifications job when SMTP is set up."""
    sent = 0
    for snapshot in new:
        stmt = (
            select(User)
            .join(ReportSubscription, ReportSubscription.user_id == User.id)
            .where(ReportSubscription.period_kind == snapshot.period_kind, User.active.is_(True))
        )
        if snapshot.area_level == AreaLevel.NATION:
            stmt = stmt.where(User.role == Role.COMMITTEE_VIEWER, User.province_code.is_(None))
        else:
            stmt = stmt.where(
                User.role.in_((Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER)),
                User.province_code == snapshot.area_code,
            )
        sent += notify(
            db.session.scalars(stmt),
            "report_built",
            N_("The report for %(start)s – %(end)s is ready."),
            subject=Subject.of(snapshot),
            params={
                "start": format_day(snapshot.period_start),
                "end": format_day(snapshot.period_end),
            },
            link=path_for("reports.snapshot", snapshot_id=snapshot.id),
            attachment=(REPORT_PDF, snapshot.id),
        )
    return sent
