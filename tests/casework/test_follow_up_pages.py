"""The Follow-ups tab of the case file, the page that marks one done, and the
administrators' follow-up rules page."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.casework.models import FollowUp, FollowUpKind, FollowUpRule, FollowUpStatus
from reintegration.core.audit import AuditEvent
from reintegration.core.clock import today_local
from reintegration.extensions import db
from tests.factories import HA_NOI, CaseFactory


@pytest.fixture
def case_with_follow_ups(app, hanoi) -> dict:
    today = today_local()
    with app.app_context():
        worker = db.session.scalars(select(User).where(User.username == hanoi.caseworker_x)).one()
        case = CaseFactory(commune_code=hanoi.commune_x, caseworker=worker)
        rows = {
            "overdue": FollowUp(case=case, due_on=today - timedelta(days=2),
                                kind=FollowUpKind.HOME_VISIT),
            "later": FollowUp(case=case, due_on=today + timedelta(days=20),
                              kind=FollowUpKind.PHONE_CALL),
            "missed": FollowUp(case=case, due_on=today - timedelta(days=40),
                               kind=FollowUpKind.HOME_VISIT, status=FollowUpStatus.MISSED),
        }  # fmt: skip
        db.session.add_all(rows.values())
        db.session.commit()
        return {"case": case.id, **{name: row.id for name, row in rows.items()}}


def rows_on(page: str) -> list[tuple[str, str]]:
    return re.findall(r'data-testid="follow-up" data-due="([\d-]+)" data-status="(\w+)"', page)


def test_the_tab_lists_due_and_past_follow_ups(client, auth, hanoi, case_with_follow_ups):
    auth.login(hanoi.caseworker_x)
    case_id = case_with_follow_ups["case"]
    page = client.get(f"/cases/{case_id}?tab=follow_ups").get_data(as_text=True)
    today = today_local()
    assert rows_on(page) == [
        ((today - timedelta(days=2)).isoformat(), "overdue"),
        ((today + timedelta(days=20)).isoformat(), "due"),
        ((today - timedelta(days=40)).isoformat(), "missed"),
    ]
    assert (today - timedelta(days=2)).strftime("%d/%m/%Y") in page
    done_link = f"/cases/{case_id}/follow-ups/{case_with_follow_ups['overdue']}/done"
    assert f'href="{done_link}"' in page
    # A follow-up not yet due cannot be marked done from the list.
    assert f"/follow-ups/{case_with_follow_ups['later']}/done" not in page
    assert 'data-testid="follow-up-rules-source"' in page
    assert "?tab=follow_ups" in page  # the tab is in the case file's tab bar


def test_marking_a_follow_up_done(app, client, auth, hanoi, case_with_follow_ups):
    auth.login(hanoi.caseworker_x)
    case_id, row_id = case_with_follow_ups["case"], case_with_follow_ups["overdue"]
    url = f"/cases/{case_id}/follow-ups/{row_id}/done"
    form = client.get(url)
    assert form.status_code == 200
    assert f'value="{today_local().strftime("%d/%m/%Y")}"' in form.get_data(as_text=True)

    refused = client.post(url, data={"done_on": today_local().strftime("%d/%m/%Y"), "outcome": ""})
    assert refused.status_code == 422
    assert 'id="outcome-errors"' in refused.get_data(as_text=True)
    refused = client.post(url, data={"done_on": "32/13/2025", "outcome": "Đã gặp ở chợ."})
    assert refused.status_code == 422
    assert 'value="32/13/2025"' in refused.get_data(as_text=True)
    assert "Đã gặp ở chợ." in refused.get_data(as_text=True)

    saved = client.post(url, data={"done_on": today_local().strftime("%d/%m/%Y"),
                                   "outcome": "Gặp tại nhà; đang học nghề hàn."})  # fmt: skip
    assert saved.status_code == 302
    assert saved.headers["Location"] == f"/cases/{case_id}?tab=follow_ups"
    with app.app_context():
        row = db.session.get(FollowUp, row_id)
        assert (row.status, row.done_on, row.outcome) == (
            FollowUpStatus.DONE, today_local(), "Gặp tại nhà; đang học nghề hàn.",
        )  # fmt: skip
        assert db.session.scalars(
            select(AuditEvent.username).where(AuditEvent.action == "follow_up_done")
        ).all() == [hanoi.caseworker_x]
    page = client.get(f"/cases/{case_id}?tab=follow_ups").get_data(as_text=True)
    assert "Gặp tại nhà; đang học nghề hàn." in page
    # Done once: the page refuses a second time.
    again = client.post(url, data={"done_on": today_local().strftime("%d/%m/%Y"),
                                   "outcome": "Lần nữa"})  # fmt: skip
    assert again.status_code == 422


def test_other_communes_cannot_see_or_mark(client, auth, hanoi, case_with_follow_ups):
    auth.login(hanoi.caseworker_y)
    case_id, row_id = case_with_follow_ups["case"], case_with_follow_ups["overdue"]
    assert client.get(f"/cases/{case_id}?tab=follow_ups").status_code == 404
    url = f"/cases/{case_id}/follow-ups/{row_id}/done"
    assert client.get(url).status_code == 404
    assert client.post(url, data={"done_on": "01/01/2026", "outcome": "x"}).status_code == 404


def test_the_province_officer_may_mark_done(client, auth, hanoi, case_with_follow_ups):
    auth.login(hanoi.officer)
    url = (f"/cases/{case_with_follow_ups['case']}/follow-ups/"
           f"{case_with_follow_ups['overdue']}/done")  # fmt: skip
    saved = client.post(url, data={"done_on": today_local().strftime("%d/%m/%Y"),
                                   "outcome": "Cán bộ tỉnh gọi điện"})  # fmt: skip
    assert saved.status_code == 302


@pytest.fixture
def admin_client(client, auth, make_user):
    auth.login(make_user(role=Role.ADMIN, username="root"))
    return client


def rule_rows(page: str, testid: str) -> list[tuple[str, ...]]:
    table = re.search(rf'data-testid="{testid}">(.*?)</table>', page, re.S).group(1)
    return re.findall(
        r'data-testid="rule" data-classification="(\w*)"\s+data-from="(\d+)" data-until="(\d*)"'
        r'\s+data-every="(\d+)" data-unit="(\w+)"',
        table,
    )


# Home visits by classification, and the classification review every 6 months in each set.
DEFAULTS = [
    ("", "0", "1", "1", "week"), ("", "0", "", "6", "month"), ("", "1", "6", "1", "month"),
    ("", "6", "", "3", "month"),
    ("A", "0", "3", "1", "month"), ("A", "0", "", "6", "month"), ("A", "3", "", "3", "month"),
    ("B", "0", "3", "2", "week"), ("B", "0", "", "6", "month"), ("B", "3", "", "1", "month"),
    ("C", "0", "3", "1", "week"), ("C", "0", "", "6", "month"), ("C", "3", "6", "2", "week"),
    ("C", "6", "", "1", "month"),
    ("D", "0", "", "6", "month"),
]  # fmt: skip


def test_admin_gives_a_province_its_own_rules(app, admin_client):
    page = admin_client.get("/admin/follow-up-rules/").get_data(as_text=True)
    assert rule_rows(page, "national-rules") == DEFAULTS

    page = admin_client.get(f"/admin/follow-up-rules/?province={HA_NOI}").get_data(as_text=True)
    assert 'data-testid="province-uses-defaults"' in page
    copied = admin_client.post(f"/admin/follow-up-rules/{HA_NOI}/copy")
    assert copied.headers["Location"] == f"/admin/follow-up-rules/?province={HA_NOI}"
    page = admin_client.get(copied.headers["Location"]).get_data(as_text=True)
    assert rule_rows(page, "province-rules") == DEFAULTS

    form = {"classification": "D", "from_month": "0", "until_month": "", "every": "2",
            "unit": "month", "kind": "phone_call"}  # fmt: skip
    assert admin_client.post(f"/admin/follow-up-rules/{HA_NOI}/rules", data=form).status_code == 302
    overlapping = admin_client.post(f"/admin/follow-up-rules/{HA_NOI}/rules",
                                    data={**form, "from_month": "6"})  # fmt: skip
    assert overlapping.status_code == 422
    assert 'id="from_month-errors"' in overlapping.get_data(as_text=True)
    assert re.search(r'name="from_month"[^>]*value="6"', overlapping.get_data(as_text=True))

    with app.app_context():
        c_rule = db.session.scalars(
            select(FollowUpRule.id).where(
                FollowUpRule.province_code == HA_NOI, FollowUpRule.classification == "C"
            )
        ).first()
        national = db.session.scalars(
            select(FollowUpRule.id).where(FollowUpRule.province_code.is_(None))
        ).first()
    assert admin_client.post(f"/admin/follow-up-rules/rules/{c_rule}/delete").status_code == 302
    assert admin_client.post(f"/admin/follow-up-rules/rules/{national}/delete").status_code == 404
    page = admin_client.get(f"/admin/follow-up-rules/?province={HA_NOI}").get_data(as_text=True)
    assert len(rule_rows(page, "province-rules")) == len(DEFAULTS)  # one added, one deleted
    assert ("D", "0", "", "2", "month") in rule_rows(page, "province-rules")

    assert admin_client.post(f"/admin/follow-up-rules/{HA_NOI}/reset").status_code == 302
    with app.app_context():
        assert (
            db.session.scalars(
                select(FollowUpRule).where(FollowUpRule.province_code == HA_NOI)
            ).all()
            == []
        )
        actions = db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.action.startswith("follow_up_rule"))
            .order_by(AuditEvent.id)
        ).all()
    assert actions == ["follow_up_rules_copied", "follow_up_rule_added",
                       "follow_up_rule_deleted", "follow_up_rules_reset"]  # fmt: skip


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN], ids=lambda r: r.value)
def test_only_administrators_change_the_rules(app, client, auth, make_user, role):
    auth.login(make_user(role=role))
    assert client.post(f"/admin/follow-up-rules/{HA_NOI}/copy").status_code == 403
    with app.app_context():
        assert (
            db.session.scalars(
                select(FollowUpRule).where(FollowUpRule.province_code == HA_NOI)
            ).all()
            == []
        )


def test_unknown_province_is_not_found(admin_client):
    assert admin_client.get("/admin/follow-up-rules/?province=999").status_code == 404
    assert admin_client.post("/admin/follow-up-rules/999/copy").status_code == 404
