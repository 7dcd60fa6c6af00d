"""What waits for a province officer beyond the cases: reports to approve, release lists
waiting for a person, communes with nobody to follow their people. Counts for the start
page, each a query on the facts."""

from dataclasses import dataclass

from sqlalchemy import exists, func, select

from reintegration.accounts.models import Role, User, user_communes
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.imports.models import BatchStatus, ImportBatch
from reintegration.reports.services.snapshots import latest_snapshots

WAITING_LISTS = (BatchStatus.NEEDS_MAPPING, BatchStatus.READY)
NAMES_SHOWN = 10


@dataclass
class OfficerWaiting:
    reports_to_approve: int
    lists_waiting: int
    communes_without_caseworker: int
    commune_names: list[str]  # the first few, by name


def reports_to_approve(user: User) -> int:
    """The latest version of each month, quarter and year report of the province, not
    approved yet."""
    return sum(
        1
        for snapshot in latest_snapshots(user)
        if not snapshot.is_approved and snapshot.period_kind != "custom"
    )


def lists_waiting(user: User) -> int:
    """Release lists of the province waiting for someone: columns to match or a preview
    to confirm."""
    return db.session.scalar(
        select(func.count())
        .select_from(ImportBatch)
        .where(
            ImportBatch.province_code == user.province_code, ImportBatch.status.in_(WAITING_LISTS)
        )
    )


def communes_without_caseworker(province_code: int):
    covered = exists().where(
        user_communes.c.commune_code == Commune.code,
        user_communes.c.user_id == User.id,
        User.role == Role.CASEWORKER,
        User.active.is_(True),
    )
    return select(Commune).where(Commune.province_code == province_code, ~covered)


def officer_waiting(user: User) -> OfficerWaiting:
    communes = communes_without_caseworker(user.province_code)
    count = db.session.scalar(select(func.count()).select_from(communes.subquery()))
    names = db.session.scalars(
        communes.with_only_columns(Commune.name).order_by(Commune.sort_key).limit(NAMES_SHOWN)
    ).all()
    return OfficerWaiting(reports_to_approve(user), lists_waiting(user), count, list(names))
