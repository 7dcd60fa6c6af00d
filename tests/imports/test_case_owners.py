"""After saving, somebody owns each case: each goes to the caseworker of its commune with
the fewest open cases; each commune's caseworkers are told once; communes without one are
listed for the province's officers."""

from collections import Counter

from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.people.models import Case
from tests.factories import CaseFactory
from tests.imports.conftest import csv_bytes

HEADER = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Xã/Phường", "Tỉnh/Thành phố",
          "Ngày ra trại"]  # fmt: skip


def row(number: int, name: str, commune: str) -> list:
    return [str(number), name, "1985", "Nam", commune, "Hà Nội", "01/09/2025"]


def test_each_case_goes_to_the_least_busy_caseworker_of_its_commune(
    app, auth, client, hanoi, make_user, upload, run_pending, latest_batch
):
    second = make_user(role=Role.CASEWORKER, username="canbo.x2", communes=[hanoi.commune_x])
    with app.app_context():
        busy = db.session.scalar(select(User).where(User.username == hanoi.caseworker_x))
        CaseFactory(commune_code=hanoi.commune_x, caseworker_id=busy.id)
        db.session.commit()
    auth.login(hanoi.officer)
    rows = [
        row(1, "Nguyễn Văn An", "Phường Ba Đình"),
        row(2, "Trần Văn Bình", "Phường Ba Đình"),
        row(3, "Lê Văn Cường", "Phường Ba Đình"),
        row(4, "Phạm Văn Dũng", "Phường Ngọc Hà"),
        row(5, "Hoàng Văn Em", "Phường Hoàn Kiếm"),  # no caseworker
        row(6, "Vũ Văn Giang", "Phường Hoàn Kiếm"),
    ]
    upload(csv_bytes([HEADER, *rows]))
    run_pending()
    batch = latest_batch()
    client.post(f"/imports/{batch.id}/confirm")
    run_pending()
    with app.app_context():
        users = {u.id: u.username for u in db.session.scalars(select(User))}
        imported = db.session.scalars(select(Case)).all()
        owners = {c.person.full_name: users.get(c.caseworker_id) for c in imported}
        assert Counter(owners[n] for n in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường")) == {
            second: 2,
            hanoi.caseworker_x: 1,
        }
        assert owners["Phạm Văn Dũng"] == hanoi.caseworker_y
        assert owners["Hoàng Văn Em"] is None and owners["Vũ Văn Giang"] is None
        notices = db.session.scalars(
            select(Notification).where(Notification.kind == "import_cases_assigned")
        ).all()
        told = {users[n.user_id]: n for n in notices}
        assert set(told) == {hanoi.caseworker_x, second, hanoi.caseworker_y}
        assert told[second].params["count"] == 3 and told[hanoi.caseworker_y].params["count"] == 1
        assert told[second].params["from"] == "10/09"  # the arrival deadline of a 05/09 notice
        assert told[second].subject_id == batch.id
    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert 'data-testid="import-unowned"' in page and "Phường Hoàn Kiếm" in page
    auth.logout()
    auth.login(second)
    inbox = client.get("/notifications/").get_data(as_text=True)
    assert "danh-sach.csv" in inbox
