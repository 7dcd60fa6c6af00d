"""A national list: uploaded once by one province; its rows of other provinces are not
invalid but handed to those provinces, whose officers alone find them waiting."""

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.imports.models import ELSEWHERE, BatchStatus, ImportBatch, RowStatus
from reintegration.notifications.models import Notification
from reintegration.people.models import Case, Person
from tests.imports.conftest import csv_bytes, rows_of

NINH_BINH = 37
HEADER = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Xã/Phường", "Quận/Huyện",
          "Tỉnh/Thành phố", "Tội danh", "Mức án", "Ngày ra trại"]  # fmt: skip
ROWS = [
    ["1", "Nguyễn Văn An", "1985", "Nam", "Phường Trúc Bạch", "Quận Ba Đình",
     "Thành phố Hà Nội", "Trộm cắp tài sản", "3 năm", "01/09/2025"],
    # Xã Cồn Thoi (old Huyện Kim Sơn) is now Xã Bình Minh, Ninh Bình (14623).
    ["2", "Phạm Văn Bình", "1990", "Nam", "Xã Cồn Thoi", "Huyện Kim Sơn", "Tỉnh Ninh Bình",
     "Đánh bạc", "15 năm", "01/09/2025"],
    ["3", "Vũ Thị Cúc", "1992", "Nữ", "Xã Yên Thái", "Huyện Yên Mô", "Ninh Bình",
     "Lừa đảo chiếm đoạt tài sản", "2 năm 6 tháng", "01/09/2025"],
    # Invalid wherever it lives: no sex.
    ["4", "Đỗ Văn Dũng", "1988", "", "Xã Kim Chính", "Huyện Kim Sơn", "Ninh Bình",
     "Đánh bạc", "1 năm", "01/09/2025"],
]  # fmt: skip


@pytest.fixture
def ninh_binh(app, make_user):
    return {
        "officer": make_user(role=Role.PROVINCE_OFFICER, username="tinh.ninhbinh",
                             province_code=NINH_BINH),
        "caseworker": make_user(role=Role.CASEWORKER, username="canbo.binhminh",
                                communes=[14623]),
    }  # fmt: skip


@pytest.fixture
def national(auth, hanoi, ninh_binh, upload, run_pending, latest_batch, app):
    auth.login(hanoi.officer)
    assert upload(csv_bytes([HEADER, *ROWS])).status_code == 302
    run_pending()
    with app.app_context():
        parent = db.session.scalar(
            select(ImportBatch)
            .where(ImportBatch.parent_id.is_(None))
            .order_by(ImportBatch.id.desc())
        )
        db.session.expunge(parent)
        return parent


def handed_batch(app, parent_id: int) -> ImportBatch:
    with app.app_context():
        child = db.session.scalar(select(ImportBatch).where(ImportBatch.parent_id == parent_id))
        db.session.expunge(child)
        return child


def test_rows_of_other_provinces_are_counted_apart_not_invalid(app, client, national):
    assert national.status == BatchStatus.READY
    assert national.total_rows == 4
    assert national.count(RowStatus.NEW) == 1
    assert national.count(RowStatus.INVALID) == 0
    assert national.counts[ELSEWHERE] == 3
    assert [r.data["person"]["full_name"] for r in rows_of(app, national.id)] == ["Nguyễn Văn An"]
    page = client.get(f"/imports/{national.id}").get_data(as_text=True)
    assert 'data-testid="import-handed"' in page and "Ninh Bình" in page
    # The rows themselves stay with their province.
    assert "Phạm Văn Bình" not in page

    child = handed_batch(app, national.id)
    assert child.province_code == NINH_BINH and child.status == BatchStatus.READY
    assert child.count(RowStatus.NEW) == 2 and child.count(RowStatus.INVALID) == 1
    assert client.get(f"/imports/{child.id}").status_code == 404
    assert f"/imports/{child.id}" not in client.get("/imports/").get_data(as_text=True)


def test_the_province_saves_its_rows_and_the_other_finds_theirs_waiting(
    app, auth, client, national, ninh_binh, hanoi, run_pending
):
    client.post(f"/imports/{national.id}/confirm")
    run_pending()
    with app.app_context():
        (an,) = db.session.scalars(select(Person)).all()
        assert an.full_name == "Nguyễn Văn An"
        case_id = an.cases[0].id
    page = client.get(f"/cases/{case_id}?tab=release").get_data(as_text=True)
    assert 'data-testid="offence-hidden"' in page and "Trộm cắp" not in page

    child = handed_batch(app, national.id)
    auth.logout()
    auth.login(ninh_binh["caseworker"])
    assert client.get(f"/imports/{child.id}").status_code == 404
    auth.logout()
    auth.login(ninh_binh["officer"])
    listing = client.get("/imports/").get_data(as_text=True)
    assert f"/imports/{child.id}" in listing
    assert "3 people from list danh-sach.csv" in listing or "3 người" in listing
    assert f'/imports/{national.id}"' not in listing
    with app.app_context():
        officer_notices = db.session.scalars(
            select(Notification).where(Notification.kind == "import_handed_over")
        ).all()
        assert len(officer_notices) == 1 and officer_notices[0].subject_id == child.id
    preview = client.get(f"/imports/{child.id}").get_data(as_text=True)
    assert "Đánh bạc" not in preview and "Lừa đảo" not in preview
    assert client.post(f"/imports/{child.id}/confirm").status_code == 302
    run_pending()
    with app.app_context():
        cases = {c.person.full_name: c for c in db.session.scalars(select(Case))}
        assert cases["Phạm Văn Bình"].commune_code == 14623
        assert cases["Vũ Thị Cúc"].commune_code == 14746
        assert cases["Phạm Văn Bình"].person.releases[0].offence == "Đánh bạc"
        assert cases["Phạm Văn Bình"].person.releases[0].sentence_months == 180
        assert "Đỗ Văn Dũng" not in cases
        done = db.session.get(ImportBatch, child.id)
        assert done.status == BatchStatus.COMMITTED and done.imported_count == 2
        assert done.committed_by.username == ninh_binh["officer"]


def test_cancelling_the_list_takes_back_what_it_handed_over(app, client, national, latest_batch):
    assert client.post(f"/imports/{national.id}/cancel").status_code == 302
    child = handed_batch(app, national.id)
    assert child.status == BatchStatus.CANCELLED
    assert rows_of(app, child.id) == []
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "import_cancelled"))
        assert event.detail["handed_over_cancelled"] == 1


def test_a_caseworker_hands_rows_of_other_communes_to_the_province_officers(
    app, auth, client, hanoi, upload, run_pending
):
    auth.login(hanoi.caseworker_y)  # Phường Ngọc Hà; the row lives in Phường Ba Đình
    upload(csv_bytes([HEADER, ROWS[0]]))
    run_pending()
    with app.app_context():
        parent = db.session.scalar(select(ImportBatch).where(ImportBatch.parent_id.is_(None)))
        parent_id = parent.id
        assert parent.counts[ELSEWHERE] == 1 and parent.count(RowStatus.INVALID) == 0
    child = handed_batch(app, parent_id)
    assert child.province_code == 1
    assert client.get(f"/imports/{child.id}").status_code == 404
    auth.logout()
    auth.login(hanoi.officer)
    assert client.get(f"/imports/{child.id}").status_code == 200
