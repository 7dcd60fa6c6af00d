"""Snapshots are immutable; a re-run makes a new version; sign-off locks; the scheduler
builds a month after it ends and not before; small cells are hidden for viewers."""

from datetime import date

import pytest
from sqlalchemy import func, select

from reintegration.accounts.models import Role, User
from reintegration.core.audit import AuditEvent
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.reports import definitions as d
from reintegration.reports import periods
from reintegration.reports.models import (
    AreaLevel,
    ReportSnapshot,
    ReportValue,
    SnapshotIsImmutable,
    SnapshotStatus,
)
from reintegration.reports.services import presentation, snapshots
from reintegration.reports.tasks import build_period_snapshots
from tests.factories import HA_NOI, UserFactory
from tests.reports.conftest import BUILT_ON, Q1

HANOI_AREA = (AreaLevel.PROVINCE, HA_NOI)


def officer() -> User:
    return db.session.scalar(select(User).where(User.username == "tinh.hanoi"))


def test_a_snapshot_cannot_be_changed_or_deleted(app_ctx, quarter_cases):
    (snapshot,) = snapshots.build(Q1, [HANOI_AREA], today=BUILT_ON)
    db.session.commit()
    value = db.session.scalars(
        select(ReportValue).where(ReportValue.snapshot_id == snapshot.id)
    ).first()
    value.value += 1
    with pytest.raises(SnapshotIsImmutable):
        db.session.flush()
    db.session.rollback()
    snapshot = db.session.get(ReportSnapshot, snapshot.id)
    snapshot.period_end = date(2026, 6, 30)
    with pytest.raises(SnapshotIsImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(ReportSnapshot, snapshot.id))
    with pytest.raises(SnapshotIsImmutable):
        db.session.flush()


def test_a_rerun_makes_a_new_version_and_keeps_the_old(app_ctx, quarter_cases):
    (first,) = snapshots.build(Q1, [HANOI_AREA], today=BUILT_ON)
    (second,) = snapshots.build(Q1, [HANOI_AREA], today=BUILT_ON)
    db.session.commit()
    assert (first.version, second.version) == (1, 2)
    assert second.supersedes_id == first.id
    assert second.data_version == first.data_version  # same data, same hash
    assert snapshots.values_of(first.id) == snapshots.values_of(second.id)
    assert snapshots.latest_version(Q1, *HANOI_AREA).id == second.id


def test_each_area_of_a_build_counts_its_own_versions(app_ctx, quarter_cases):
    nation = (AreaLevel.NATION, 0)
    first_nation, first_hanoi = snapshots.build(Q1, [nation, HANOI_AREA], today=BUILT_ON)
    (second_hanoi,) = snapshots.build(Q1, [HANOI_AREA], today=BUILT_ON)
    third_hanoi, second_nation = snapshots.build(Q1, [HANOI_AREA, nation], today=BUILT_ON)
    db.session.commit()
    assert [s.version for s in (first_hanoi, second_hanoi, third_hanoi)] == [1, 2, 3]
    assert (first_nation.version, second_nation.version) == (1, 2)
    assert third_hanoi.supersedes_id == second_hanoi.id
    assert second_nation.supersedes_id == first_nation.id
    assert snapshots.values_of(third_hanoi.id) == snapshots.values_of(first_hanoi.id)
    assert snapshots.values_of(second_nation.id) == snapshots.values_of(first_nation.id)
    assert snapshots.values_of(first_nation.id) != snapshots.values_of(first_hanoi.id)


def test_sign_off_locks_and_a_correction_needs_a_reason(app_ctx, quarter_cases):
    (snapshot,) = snapshots.build(Q1, [HANOI_AREA], today=BUILT_ON)
    snapshots.approve(snapshot, officer())
    db.session.commit()
    assert snapshot.status == SnapshotStatus.APPROVED
    assert snapshot.approved_by_id == officer().id
    with pytest.raises(DomainError):
        snapshots.approve(snapshot, officer())
    with pytest.raises(DomainError):
        snapshots.build(Q1, [HANOI_AREA], today=BUILT_ON)
    snapshot.correction_reason = "sửa"
    with pytest.raises(SnapshotIsImmutable):
        db.session.flush()
    db.session.rollback()
    snapshot = db.session.get(ReportSnapshot, snapshot.id)
    corrected = snapshots.correct(snapshot, officer(), "Xã X nhập thiếu một người")
    db.session.commit()
    assert corrected.version == 2
    assert corrected.correction_reason == "Xã X nhập thiếu một người"
    assert corrected.status == SnapshotStatus.DRAFT
    assert db.session.get(ReportSnapshot, snapshot.id).status == SnapshotStatus.APPROVED
    assert (
        db.session.scalar(select(func.count()).where(AuditEvent.action == "report_approved")) == 1
    )


def test_only_the_province_officer_approves(app_ctx, quarter_cases):
    (snapshot,) = snapshots.build(Q1, [HANOI_AREA], today=BUILT_ON)
    viewer = UserFactory(role=Role.COMMITTEE_VIEWER)
    with pytest.raises(DomainError):
        snapshots.approve(snapshot, viewer)


def test_the_scheduler_builds_the_month_after_it_ends_not_before(app, quarter_cases, monkeypatch):
    monkeypatch.setitem(app.config, "REPORT_PERIODS", ["month"])
    january = periods.period_containing(periods.PeriodKind.MONTH, date(2026, 1, 1))
    with app.app_context():
        officer = UserFactory(role=Role.PROVINCE_OFFICER, province_code=HA_NOI)
        db.session.commit()
        december = periods.period_containing(periods.PeriodKind.MONTH, date(2025, 12, 1))
        assert build_period_snapshots(today=date(2026, 1, 31)) == 1 + 34  # December's
        assert snapshots.latest_version(december, *HANOI_AREA) is not None
        assert snapshots.latest_version(january, *HANOI_AREA) is None  # not before it ends
        built = build_period_snapshots(today=date(2026, 2, 1))
        assert built == 1 + 34  # the nation and every province
        hanoi = snapshots.latest_version(january, *HANOI_AREA)
        assert hanoi is not None and hanoi.version == 1
        assert snapshots.values_of(hanoi.id)[("received", 0)] == 1  # P1
        assert snapshots.latest_version(january, *snapshots.NATION) is not None
        assert build_period_snapshots(today=date(2026, 2, 2)) == 0  # idempotent
        notes = db.session.scalars(
            select(Notification).where(Notification.user_id == officer.id)
        ).all()
        assert [n.kind for n in notes] == ["report_to_approve", "report_to_approve"]  # Dec, Jan
        assert notes[1].params == {
            "start": "01/01/2026", "end": "31/01/2026", "area": "Thành phố Hà Nội"
        }  # fmt: skip


def test_small_cells_are_hidden_for_committee_viewers_only(app_ctx, quarter_cases):
    (snapshot,) = snapshots.build(Q1, [HANOI_AREA], today=BUILT_ON)
    viewer = UserFactory(role=Role.COMMITTEE_VIEWER, province_code=HA_NOI)
    seen = presentation.present(snapshot, viewer)
    figure = d.FIGURE_BY_KEY
    assert seen.cell(figure["received"]).text == "< 5"  # 3
    assert seen.cell(figure["received"]).value is None
    assert seen.cell(figure["followed"]).text == "5"
    assert seen.cell(figure["loans_rejected"]).text == "0"  # zero singles out nobody
    assert seen.cell(figure["amount_requested"]).hidden  # follows loans_submitted (2)
    as_officer = presentation.present(snapshot, officer())
    assert as_officer.cell(figure["received"]).value == 3
    assert as_officer.cell(figure["amount_requested"]).value == 80_000_000
    # the stored value is untouched
    assert snapshots.values_of(snapshot.id)[("received", 0)] == 3
