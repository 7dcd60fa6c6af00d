"""Personal-data breaches (Law 91/2025): an administrator records one through the pages, with
its 72-hour deadline to notify the authority counted from the discovery, counted down,
reminded by the scheduler, and every record and change audited."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import LOCAL_TZ, now_utc
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.notifications.services import render_message
from reintegration.privacy.models import DataBreach
from reintegration.privacy.services import breaches
from reintegration.privacy.tasks import remind_breach_deadlines
from reintegration.scheduling.jobs import JOBS_BY_ID
from tests.factories import CaseFactory, UserFactory

# Found at 14:30 on Monday 2 March 2026, Vietnam time (07:30 UTC): notify by 14:30 on
# Thursday 5 March.
FOUND = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


def form(**overrides) -> dict:
    found = (now_utc() - timedelta(hours=10)).astimezone(LOCAL_TZ)
    values = {
        "discovered_on": found.strftime("%d/%m/%Y"),
        "discovered_time": found.strftime("%H:%M"),
        "description": "Một máy tính xách tay của xã bị mất, có bản xuất danh sách hồ sơ",
        "data_categories": ["identity", "criminal_record"],
        "people_affected": "37",
        "case_numbers": "",
        "actions_taken": "Đổi mật khẩu các tài khoản, báo công an xã",
    }
    values.update(overrides)
    return values


def data(**overrides) -> breaches.BreachData:
    values = {
        "discovered_at": FOUND,
        "description": "Danh sách bị gửi nhầm địa chỉ thư",
        "actions_taken": "Đề nghị người nhận xóa thư",
        "data_categories": ["contact"],
        "people_affected": 3,
    }
    values.update(overrides)
    return breaches.BreachData(**values)


@pytest.fixture
def admin(make_user) -> str:
    return make_user(role=Role.ADMIN, username="quantri")


def only_breach(app) -> DataBreach:
    with app.app_context():
        return db.session.scalars(select(DataBreach)).one()


def test_an_administrator_records_a_breach_with_its_deadline(app, client, auth, admin):
    auth.login(admin)
    assert client.get("/admin/data-breaches/new").status_code == 200
    response = client.post("/admin/data-breaches/new", data=form())
    assert response.status_code == 302
    breach = only_breach(app)
    assert breach.notify_by - breach.discovered_at == timedelta(hours=72)
    assert breach.data_categories == ["identity", "criminal_record"]
    assert breach.people_affected == 37
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-state="running"' in page
    assert "61 giờ" in page or "62 giờ" in page  # about 62 hours left of 72
    listed = client.get("/admin/data-breaches/").get_data(as_text=True)
    assert f'data-id="{breach.id}"' in listed
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "data_breach_recorded")
        )
        assert event.object_id == str(breach.id) and event.username == admin
        assert "description" not in event.detail  # what happened stays on the record


def test_the_countdown_in_hours(app_ctx):
    breach = breaches.record_breach(data(), UserFactory(role=Role.ADMIN), now=FOUND)
    assert breach.notify_by == datetime(2026, 3, 5, 7, 30, tzinfo=UTC)
    left = breaches.countdown(breach, FOUND + timedelta(hours=50, minutes=15))
    assert (left.state, left.hours, left.minutes) == ("running", 21, 45)
    late = breaches.countdown(breach, FOUND + timedelta(hours=75))
    assert (late.state, late.hours, late.minutes) == ("overdue", 3, 0)


def test_the_administrators_are_reminded_once_before_and_once_after(app_ctx):
    first = UserFactory(role=Role.ADMIN)
    UserFactory(role=Role.ADMIN)
    UserFactory(role=Role.ADMIN, active=False)
    UserFactory(role=Role.PROVINCE_OFFICER)
    breach = breaches.record_breach(data(), first, now=FOUND)
    db.session.commit()
    assert remind_breach_deadlines(breach.notify_by - timedelta(hours=25)) == 0
    assert remind_breach_deadlines(breach.notify_by - timedelta(hours=24)) == 2
    assert remind_breach_deadlines(breach.notify_by - timedelta(hours=1)) == 0  # once
    assert remind_breach_deadlines(breach.notify_by) == 2  # now overdue
    assert remind_breach_deadlines(breach.notify_by + timedelta(hours=5)) == 0
    notices = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    assert [n.kind for n in notices] == ["data_breach_due"] * 2 + ["data_breach_overdue"] * 2
    assert notices[0].link == f"/admin/data-breaches/{breach.id}"
    assert "05/03/2026 14:30" in render_message(notices[0])


def test_a_notified_breach_is_not_reminded(app_ctx):
    admin = UserFactory(role=Role.ADMIN)
    breach = breaches.record_breach(
        data(authority_notified_at=FOUND + timedelta(hours=20)),
        admin,
        now=FOUND + timedelta(days=1),
    )
    db.session.commit()
    assert breach.notified_in_time
    assert remind_breach_deadlines(breach.notify_by + timedelta(hours=1)) == 0


def test_the_job_runs_every_half_hour():
    job = JOBS_BY_ID["privacy.remind_breach_deadlines"]
    assert job.func == "reintegration.privacy.tasks:remind_breach_deadlines"
    assert job.every_minutes == 30


def test_a_late_notice_needs_its_reason_and_every_change_is_audited(app, client, auth, admin):
    auth.login(admin)
    found = (now_utc() - timedelta(hours=80)).astimezone(LOCAL_TZ)
    client.post(
        "/admin/data-breaches/new",
        data=form(
            discovered_on=found.strftime("%d/%m/%Y"), discovered_time=found.strftime("%H:%M")
        ),
    )
    breach = only_breach(app)
    url = f"/admin/data-breaches/{breach.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'data-state="overdue"' in page
    notified = (now_utc() - timedelta(hours=1)).astimezone(LOCAL_TZ)
    notice = form(
        discovered_on=found.strftime("%d/%m/%Y"),
        discovered_time=found.strftime("%H:%M"),
        notified_on=notified.strftime("%d/%m/%Y"),
        notified_time=notified.strftime("%Hh%M"),  # as people write it
        authority_reference="Công văn 12/UBND",
        version=str(breach.version),
    )
    refused = client.post(url, data=notice)
    assert refused.status_code == 422
    assert 'id="late_reason-errors"' in refused.get_data(as_text=True)
    assert 'value="Công văn 12/UBND"' in refused.get_data(as_text=True)  # what was typed
    saved = client.post(url, data={**notice, "late_reason": "Máy tính mất vào dịp nghỉ lễ"})
    assert saved.status_code == 302
    breach = only_breach(app)
    assert breach.notified_in_time is False and breach.authority_reference == "Công văn 12/UBND"
    assert 'data-state="notified_late"' in client.get(url).get_data(as_text=True)
    # A save based on the version before is refused.
    stale = client.post(url, data={**notice, "late_reason": "Khác", "version": "1"})
    assert stale.status_code == 422
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "data_breach_updated")
        ).all()
        assert len(events) == 1
        assert set(events[0].detail["fields"]) >= {
            "authority_notified_at",
            "authority_reference",
            "late_reason",
        }


def test_whose_data_by_case_numbers_only(app_ctx):
    admin = UserFactory(role=Role.ADMIN)
    cases = [CaseFactory().id for _ in range(3)]
    messy = f" {cases[2]};{cases[0]} , #{cases[1]}\n{cases[0]} "
    breach = breaches.record_breach(data(case_numbers=messy), admin, now=FOUND)
    assert breach.case_numbers == sorted(cases)
    for wrong, field in (("12a", "case_numbers"), (str(max(cases) + 1000), "case_numbers")):
        with pytest.raises(DomainError) as refused:
            breaches.record_breach(data(case_numbers=wrong), admin, now=FOUND)
        assert refused.value.field == field
        assert wrong in refused.value.message


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"discovered_at": FOUND + timedelta(hours=1)}, "discovered_on"),
        ({"data_categories": []}, "data_categories"),
        ({"description": "   "}, "description"),
        ({"actions_taken": ""}, "actions_taken"),
        ({"people_affected": -1}, "people_affected"),
        ({"authority_notified_at": FOUND - timedelta(minutes=1)}, "notified_on"),
    ],
)
def test_what_a_record_refuses(app_ctx, overrides, field):
    with pytest.raises(DomainError) as refused:
        breaches.record_breach(data(**overrides), UserFactory(role=Role.ADMIN), now=FOUND)
    assert refused.value.field == field


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.PROVINCE_OFFICER, Role.COMMITTEE_VIEWER])
def test_only_administrators(client, auth, make_user, role):
    auth.login(make_user(role=role))
    assert client.get("/admin/data-breaches/").status_code == 403
    assert client.post("/admin/data-breaches/new", data=form()).status_code == 403


def test_hostile_input_is_refused_not_stored(app, client, auth, admin):
    auth.login(admin)
    for bad in (
        form(discovered_time="25:99"),
        form(discovered_on="31/02/2026"),
        form(data_categories=["everything"]),
        form(people_affected="nhiều"),
        form(case_numbers="1 OR 1=1"),
        form(notified_on="01/03/2026", notified_time=""),
    ):
        assert client.post("/admin/data-breaches/new", data=bad).status_code == 422, bad
    refused = client.post("/admin/data-breaches/new", data=form(people_affected="nhiều"))
    assert 'value="nhiều"' in refused.get_data(as_text=True)  # what was typed, kept
    with app.app_context():
        assert db.session.scalar(select(DataBreach.id)) is None
