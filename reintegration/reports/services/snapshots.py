"""Building, approving and correcting report snapshots, and who may see which.

The figures of every commune concerned are computed once (``definitions.compute``: one
GROUP BY query per source) and summed into each area's snapshot, so the scheduled build of
the nation and its 34 provinces costs the same handful of queries as one province.
"""

import hashlib
from collections import defaultdict
from collections.abc import Collection
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, false, func, or_, select

from reintegration.accounts.models import Role, User
from reintegration.core import audit
from reintegration.core.clock import now_utc, today_local
from reintegration.core.database import insert_many
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province
from reintegration.reports import definitions as d
from reintegration.reports import periods
from reintegration.reports.models import (
    TOTAL,
    AreaLevel,
    ReportSnapshot,
    ReportValue,
    SnapshotStatus,
)
from reintegration.reports.services import notices

NATION = (AreaLevel.NATION, 0)


# --- Scope: in the query -----------------------------------------------------------------------


def snapshot_scope_clause(user: User) -> ColumnElement[bool]:
    """Committee viewers of the nation read the nation's reports (one row per province);
    committee viewers and province officers of a province read their province's (one row per
    commune). Nobody else reads reports."""
    if user.role == Role.COMMITTEE_VIEWER and user.province_code is None:
        return ReportSnapshot.area_level == AreaLevel.NATION
    if user.role in (Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER) and user.province_code:
        return and_(
            ReportSnapshot.area_level == AreaLevel.PROVINCE,
            ReportSnapshot.area_code == user.province_code,
        )
    return false()


def user_area(user: User) -> tuple[AreaLevel, int] | None:
    if user.role == Role.COMMITTEE_VIEWER and user.province_code is None:
        return NATION
    if user.role in (Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER) and user.province_code:
        return (AreaLevel.PROVINCE, user.province_code)
    return None


def visible_snapshots(user: User):
    return select(ReportSnapshot).where(snapshot_scope_clause(user))


def snapshot_for(user: User, snapshot_id: int) -> ReportSnapshot | None:
    return db.session.scalar(visible_snapshots(user).where(ReportSnapshot.id == snapshot_id))


def _of_period(period: periods.Period) -> ColumnElement[bool]:
    return and_(
        ReportSnapshot.period_kind == period.kind.value,
        ReportSnapshot.period_start == period.start,
        ReportSnapshot.period_end == period.end,
    )


def latest_version(period: periods.Period, level: AreaLevel, code: int) -> ReportSnapshot | None:
    return db.session.scalar(
        select(ReportSnapshot)
        .where(
            _of_period(period),
            ReportSnapshot.area_level == level,
            ReportSnapshot.area_code == code,
        )
        .order_by(ReportSnapshot.version.desc())
        .limit(1)
    )


def latest_versions(
    period: periods.Period, areas: list[tuple[AreaLevel, int]]
) -> dict[tuple[AreaLevel, int], ReportSnapshot | None]:
    """``latest_version`` of each of ``areas``, in one query (a national build has 35)."""
    found: dict[tuple[AreaLevel, int], ReportSnapshot | None] = dict.fromkeys(areas)
    versions = db.session.scalars(
        select(ReportSnapshot).where(_of_period(period)).order_by(ReportSnapshot.version)
    )
    for snapshot in versions:
        area = (snapshot.area_level, snapshot.area_code)
        if area in found:
            found[area] = snapshot
    return found


def latest_versions_of(
    wanted: set[periods.Period], level: AreaLevel, code: int
) -> dict[periods.Period, ReportSnapshot]:
    """``latest_version`` of each of ``wanted`` (periods of one kind) for one area, in one
    query (a dashboard compares up to 12 periods); a period without a report is left out."""
    if not wanted:
        return {}
    kinds = {period.kind.value for period in wanted}
    found: dict[periods.Period, ReportSnapshot] = {}
    versions = db.session.scalars(
        select(ReportSnapshot)
        .where(
            ReportSnapshot.area_level == level,
            ReportSnapshot.area_code == code,
            ReportSnapshot.period_kind.in_(kinds),
            ReportSnapshot.period_start.in_({period.start for period in wanted}),
        )
        .order_by(ReportSnapshot.version)
    )
    for snapshot in versions:
        period = period_of(snapshot)
        if period in wanted:
            found[period] = snapshot
    return found


def period_of(snapshot: ReportSnapshot) -> periods.Period:
    return periods.Period(
        periods.PeriodKind(snapshot.period_kind), snapshot.period_start, snapshot.period_end
    )


def values_of(snapshot_id: int) -> dict[tuple[str, int], int]:
    return values_of_each([snapshot_id])[snapshot_id]


def values_of_each(
    snapshot_ids: list[int], totals_only: Collection[int] = ()
) -> dict[int, dict[tuple[str, int], int]]:
    """Each snapshot's values, read in one query; of those in ``totals_only``, the
    report's totals alone. (Through the connection, as plain rows, not the ORM's result
    machinery: a dashboard reads thousands.)"""
    values: dict[int, dict[tuple[str, int], int]] = {id_: {} for id_ in snapshot_ids}
    partial = set(totals_only)
    whole = [id_ for id_ in snapshot_ids if id_ not in partial]
    wanted = ReportValue.snapshot_id.in_(whole)
    if totals_only:
        wanted = or_(
            wanted,
            and_(ReportValue.snapshot_id.in_(list(totals_only)), ReportValue.unit_code == TOTAL),
        )
    rows = (
        db.session.connection()
        .execute(
            select(
                ReportValue.snapshot_id,
                ReportValue.figure,
                ReportValue.unit_code,
                ReportValue.value,
            ).where(wanted)
        )
        .all()
    )
    for snapshot_id, figure, unit, value in rows:
        values[snapshot_id][(figure, unit)] = value
    return values


# --- Building ----------------------------------------------------------------------------------


def _roll_up(
    per_commune: dict[str, dict[int, int]], areas: list[tuple[AreaLevel, int]]
) -> dict[tuple[AreaLevel, int], dict[tuple[str, int], int]]:
    """Each area's values: per commune (province) or per province (nation), and the total."""
    province_of = dict(db.session.execute(select(Commune.code, Commune.province_code)).all())
    wanted = set(areas)
    out: dict[tuple[AreaLevel, int], dict[tuple[str, int], int]] = {
        area: defaultdict(int) for area in areas
    }
    for figure, by_commune in per_commune.items():
        for commune, value in by_commune.items():
            province = province_of.get(commune)
            if (AreaLevel.PROVINCE, province) in wanted:
                values = out[(AreaLevel.PROVINCE, province)]
                values[(figure, commune)] += value
                values[(figure, TOTAL)] += value
            if NATION in wanted:
                values = out[NATION]
                values[(figure, province)] += value
                values[(figure, TOTAL)] += value
    return out


def data_hash(values: dict[tuple[str, int], int]) -> str:
    canonical = "\n".join(f"{f}|{u}|{v}" for (f, u), v in sorted(values.items()) if v)
    return hashlib.sha256(canonical.encode()).hexdigest()


def build(
    period: periods.Period,
    areas: list[tuple[AreaLevel, int]],
    *,
    actor: User | None = None,
    today: date | None = None,
    correction_reason: str | None = None,
    skip_built: bool = False,
) -> list[ReportSnapshot]:
    """A new version of ``period``'s snapshot for each of ``areas``. An area whose latest
    version is approved gets a new one only as a correction, with its reason; with
    ``skip_built`` (the scheduler), areas built before are left alone."""
    today = today or today_local()
    if period.end < period.start:
        raise DomainError(_("The end date must not be before the start date."), field="end")
    previous = latest_versions(period, areas)
    if skip_built:
        areas = [area for area in areas if previous[area] is None]
    for area in areas:
        latest = previous[area]
        if latest is not None and latest.is_approved and not (correction_reason or "").strip():
            raise DomainError(
                _("This report is approved: a new version is a correction and needs a reason."),
                field="reason",
                code="approved",
            )
    if not areas:
        return []
    if NATION in areas:
        communes = None
    else:
        communes = select(Commune.code).where(
            Commune.province_code.in_([code for _level, code in areas])
        )
    per_commune = d.compute(db.session, period, today, communes)
    rolled = _roll_up(per_commune, areas)
    built_at = now_utc()
    snapshots, values_of_snapshot = [], []
    for area in areas:
        latest = previous[area]
        values = {key: value for key, value in rolled[area].items() if value}
        snapshot = ReportSnapshot(
            period_kind=period.kind.value,
            period_start=period.start,
            period_end=period.end,
            area_level=area[0],
            area_code=area[1],
            version=1 if latest is None else latest.version + 1,
            built_at=built_at,
            built_by_id=getattr(actor, "id", None),
            as_of=today,
            data_version=data_hash(values),
            supersedes_id=None if latest is None else latest.id,
            correction_reason=(correction_reason or "").strip() or None,
        )
        snapshots.append(snapshot)
        values_of_snapshot.append(values)
    db.session.add_all(snapshots)
    db.session.flush()
    rows = [
        {"snapshot_id": snapshot.id, "figure": f, "unit_code": u, "value": v}
        for snapshot, values in zip(snapshots, values_of_snapshot, strict=True)
        for (f, u), v in values.items()
    ]
    insert_many(ReportValue.__table__, rows)
    audit.record(
        "report_built",
        object_type="ReportSnapshot",
        object_id=snapshots[0].id,
        user=actor,
        detail={
            "period": [period.kind.value, period.start.isoformat(), period.end.isoformat()],
            "snapshots": [s.id for s in snapshots],
            "correction_reason": correction_reason,
        },
    )
    return snapshots


def all_areas() -> list[tuple[AreaLevel, int]]:
    provinces = db.session.scalars(select(Province.code).order_by(Province.code))
    return [NATION] + [(AreaLevel.PROVINCE, code) for code in provinces]


def build_on_demand(user: User, period: periods.Period, *, today: date | None = None):
    """A report for a date range, asked for by a reader. Committee viewers, who see
    aggregates only, ask for a whole month, quarter or year: two overlapping ranges
    (1–15 and 1–14 January) would tell, by difference, one person's day of arrival."""
    area = user_area(user)
    if area is None:
        raise DomainError(_("You may not build reports."), code="forbidden")
    if user.role == Role.COMMITTEE_VIEWER and not periods.is_whole_period(period.start, period.end):
        raise DomainError(
            _(
                "Choose a whole month, quarter or year (from its first day to its last): "
                "reports of other ranges could single someone out when compared."
            ),
            field="start",
        )
    snapshot = build(period, [area], actor=user, today=today)[0]
    notices.tell_built([snapshot], actor=user)
    return snapshot


# --- Sign-off and corrections ------------------------------------------------------------------


def can_approve(snapshot: ReportSnapshot, user: User) -> bool:
    return (
        user.role == Role.PROVINCE_OFFICER
        and snapshot.area_level == AreaLevel.PROVINCE
        and snapshot.area_code == user.province_code
    )


def approve(snapshot: ReportSnapshot, user: User) -> ReportSnapshot:
    """A province officer signs off the province's report; it is locked from then on."""
    if not can_approve(snapshot, user):
        raise DomainError(_("Only the province officer approves the province's report."))
    if snapshot.is_approved:
        raise DomainError(_("This report is already approved."), code="wrong_state")
    if snapshot.period_kind == periods.PeriodKind.CUSTOM:
        raise DomainError(_("Only a month, quarter or year report is approved."))
    latest = latest_version(period_of(snapshot), snapshot.area_level, snapshot.area_code)
    if latest.id != snapshot.id:
        raise DomainError(_("A newer version of this report exists: approve that one."))
    snapshot.status = SnapshotStatus.APPROVED
    snapshot.approved_by_id = user.id
    snapshot.approved_at = now_utc()
    db.session.flush()
    audit.record("report_approved", snapshot, user=user)
    notices.tell_approved(snapshot, user)
    return snapshot


def correct(
    snapshot: ReportSnapshot, user: User, reason: str, *, today: date | None = None
) -> ReportSnapshot:
    """A new version of an approved report, built from today's data, with the reason."""
    if not can_approve(snapshot, user):
        raise DomainError(_("Only the province officer corrects the province's report."))
    if not (reason or "").strip():
        raise DomainError(_("Say why the report is corrected."), field="reason")
    area = (snapshot.area_level, snapshot.area_code)
    new = build(period_of(snapshot), [area], actor=user, today=today, correction_reason=reason)[0]
    notices.tell_built([new], actor=user)
    return new


def versions_of(snapshot: ReportSnapshot) -> list[ReportSnapshot]:
    return list(
        db.session.scalars(
            select(ReportSnapshot)
            .where(
                ReportSnapshot.period_kind == snapshot.period_kind,
                ReportSnapshot.period_start == snapshot.period_start,
                ReportSnapshot.period_end == snapshot.period_end,
                ReportSnapshot.area_level == snapshot.area_level,
                ReportSnapshot.area_code == snapshot.area_code,
            )
            .order_by(ReportSnapshot.version.desc())
        )
    )


def latest_snapshots(user: User, kind: str | None = None, limit: int = 50):
    """The latest version of each period the user may see, newest period first."""
    newest = (
        select(
            ReportSnapshot.period_kind,
            ReportSnapshot.period_start,
            ReportSnapshot.period_end,
            func.max(ReportSnapshot.version).label("version"),
        )
        .where(snapshot_scope_clause(user))
        .group_by(
            ReportSnapshot.period_kind, ReportSnapshot.period_start, ReportSnapshot.period_end
        )
        .subquery()
    )
    stmt = (
        select(ReportSnapshot)
        .join(
            newest,
            and_(
                newest.c.period_kind == ReportSnapshot.period_kind,
                newest.c.period_start == ReportSnapshot.period_start,
                newest.c.period_end == ReportSnapshot.period_end,
                newest.c.version == ReportSnapshot.version,
            ),
        )
        .where(snapshot_scope_clause(user))
        .order_by(ReportSnapshot.period_start.desc(), ReportSnapshot.period_end.desc())
        .limit(limit)
    )
    if kind:
        stmt = stmt.where(ReportSnapshot.period_kind == kind)
    return list(db.session.scalars(stmt))
