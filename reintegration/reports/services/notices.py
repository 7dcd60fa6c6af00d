"""Who hears of a period's report: once built, the province officers who approve it; once
approved, its subscribers, with the PDF attached to their e-mail. The nation's report has
no sign-off: its subscribers hear of it when it is built."""

from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.core.i18n import N_, format_day
from reintegration.core.links import path_for
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.notifications import recipients
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.reports.models import AreaLevel, ReportSnapshot, ReportSubscription

REPORT_PDF = "report_pdf"  # the attachment made by reports.services.delivery

TO_APPROVE = N_("The report of %(area)s for %(start)s – %(end)s is built: check and approve it.")
APPROVED = N_("The report of %(area)s for %(start)s – %(end)s is approved.")
NATION_READY = N_("The report for %(start)s – %(end)s is ready.")


def _told(snapshot: ReportSnapshot) -> dict:
    params = {"start": format_day(snapshot.period_start), "end": format_day(snapshot.period_end)}
    if snapshot.area_level == AreaLevel.PROVINCE:
        params["area"] = db.session.get(Province, snapshot.area_code).name
    return {
        "subject": Subject.of(snapshot),
        "params": params,
        "link": path_for("reports.snapshot", snapshot_id=snapshot.id),
    }


def subscribers(snapshot: ReportSnapshot) -> list[User]:
    """The active subscribers to the snapshot's kind of period whose area it covers."""
    stmt = (
        select(User)
        .join(ReportSubscription, ReportSubscription.user_id == User.id)
        .where(ReportSubscription.period_kind == snapshot.period_kind, User.active.is_(True))
        .order_by(User.id)
    )
    if snapshot.area_level == AreaLevel.NATION:
        stmt = stmt.where(User.role == Role.COMMITTEE_VIEWER, User.province_code.is_(None))
    else:
        stmt = stmt.where(
            User.role.in_((Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER)),
            User.province_code == snapshot.area_code,
        )
    return list(db.session.scalars(stmt))


def tell_built(built: list[ReportSnapshot], actor: User | None = None) -> int:
    """A province's new version goes to its officers to approve; the nation's report,
    which nobody approves, to its subscribers. Returns how many were told."""
    told = 0
    for snapshot in built:
        if snapshot.area_level == AreaLevel.NATION:
            told += notify(subscribers(snapshot), "report_built", NATION_READY,
                           attachment=(REPORT_PDF, snapshot.id), actor=actor,
                           **_told(snapshot))  # fmt: skip
        elif snapshot.period_kind != "custom":
            officers = recipients.province_officers(snapshot.area_code)
            told += notify(officers, "report_to_approve", TO_APPROVE, actor=actor,
                           **_told(snapshot))  # fmt: skip
    return told


def tell_approved(snapshot: ReportSnapshot, actor: User) -> int:
    """The subscribers of an approved report hear of it, with its PDF by e-mail."""
    return notify(subscribers(snapshot), "report_built", APPROVED, actor=actor,
                  attachment=(REPORT_PDF, snapshot.id), **_told(snapshot))  # fmt: skip
