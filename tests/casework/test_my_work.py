""" "My work today": the start page of caseworkers and province officers lists exactly the
lines due (overdue follow-ups, this week's, arrivals, late goals, transfers, notifications),
each linked to its case, and nothing outside the user's communes."""

import re
from datetime import timedelta

import pytest

from reintegration.accounts.models import Role
from reintegration.casework.models import (
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Goal,
    GoalStatus,
)
from reintegration.casework.services.my_work import my_work
from reintegration.core.clock import today_local
from reintegration.core.i18n import N_
from reintegration.extensions import db
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.people.models import CaseStatus
from tests.casework.helpers import user
from tests.factories import CaseFactory


def follow_up(case, days: int, status=FollowUpStatus.DUE) -> FollowUp:
    row = FollowUp(
        case=case,
        due_on=today_local() + timedelta(days=days),
        kind=FollowUpKind.HOME_VISIT,
        status=status,
    )
    db.session.add(row)
    return row


def goal(case, days: int, author, status=GoalStatus.OPEN) -> Goal:
    row = Goal(
        case=case,
        title="Làm lại căn cước",
        owner_text="Người được theo dõi",
        target_on=today_local() + timedelta(days=days),
        status=status,
        created_by_id=author.id,
    )
    db.session.add(row)
    return row


def commune_work(commune_code: int, worker) -> dict[str, set]:
    """One of each kind of line in ``commune_code``, and rows that must not show."""
    active = CaseFactory(commune_code=commune_code, caseworker=worker)
    arriving = CaseFactory(
        commune_code=commune_code,
        status=CaseStatus.NOTIFIED,
        notified_on=today_local() - timedelta(days=1),
        arrival_deadline=today_local() + timedelta(days=2),
    )
    late_arrival = CaseFactory(
        commune_code=commune_code,
        status=CaseStatus.NOTIFIED,
        notified_on=today_local() - timedelta(days=9),
        arrival_deadline=today_local() - timedelta(days=4),
    )
    closed = CaseFactory(commune_code=commune_code, status=CaseStatus.CLOSED)
    expected = {
        "overdue": {follow_up(active, -3)},
        "this_week": {follow_up(active, 0), follow_up(active, 6)},
        "late_goals": {goal(active, -1, worker)},
    }
    # Not shown: done or later follow-ups, achieved goals, anything of a closed case.
    follow_up(active, -10, FollowUpStatus.DONE)
    follow_up(active, 7)
    follow_up(closed, -3)
    goal(active, -5, worker, GoalStatus.ACHIEVED)
    goal(active, 3, worker)
    goal(closed, -2, worker)
    db.session.flush()
    return {
        "overdue": {str(r.id) for r in expected["overdue"]},
        "this_week": {str(r.id) for r in expected["this_week"]},
        "late_goals": {str(r.id) for r in expected["late_goals"]},
        "arrivals": {str(arriving.id), str(late_arrival.id)},
        "late_arrival": {str(late_arrival.id)},
    }


@pytest.fixture
def work(app, hanoi) -> dict:
    with app.app_context():
        x = commune_work(hanoi.commune_x, user(hanoi.caseworker_x))
        y = commune_work(hanoi.commune_y, user(hanoi.caseworker_y))
        notify(
            [user(hanoi.caseworker_x)],
            "follow_up_due",
            N_("Community reintegration: %(text)s"),
            subject=Subject("Case", 1),
            params={"text": "nhắc việc"},
            link="/people/",
        )
        db.session.commit()
        return {"x": x, "y": y}


def lines_of(page: str, block: str, attribute: str) -> list[str]:
    """The ``attribute`` of each line of ``block``, in page order."""
    return re.findall(
        rf'data-testid="work-line" data-block="{block}"[^>]*?{attribute}="([^"]*)"', page
    )


def test_the_caseworker_sees_exactly_their_lines(client, auth, hanoi, work):
    auth.login(hanoi.caseworker_x)
    page = client.get("/").get_data(as_text=True)
    x = work["x"]
    assert set(lines_of(page, "overdue", "data-follow-up-id")) == x["overdue"]
    assert set(lines_of(page, "this_week", "data-follow-up-id")) == x["this_week"]
    assert set(lines_of(page, "arrivals", "data-case-id")) == x["arrivals"]
    assert set(lines_of(page, "late_goals", "data-goal-id")) == x["late_goals"]
    assert lines_of(page, "transfers", "data-transfer-id") == []
    assert len(lines_of(page, "notifications", "data-notification-id")) == 1
    # The late arrival comes first (soonest deadline first).
    assert lines_of(page, "arrivals", "data-case-id")[0] in x["late_arrival"]
    # Every line is one click from its case.
    for case_id in lines_of(page, "overdue", "data-case-id"):
        assert f'href="/cases/{case_id}?tab=follow_ups"' in page
    # Nothing of commune Y.
    for block, ids in work["y"].items():
        attribute = {
            "overdue": "data-follow-up-id",
            "this_week": "data-follow-up-id",
            "late_goals": "data-goal-id",
        }.get(block, "data-case-id")
        block_name = "arrivals" if block == "late_arrival" else block
        assert not ids & set(lines_of(page, block_name, attribute)), block


def test_the_other_caseworker_sees_theirs(client, auth, hanoi, work):
    auth.login(hanoi.caseworker_y)
    page = client.get("/").get_data(as_text=True)
    assert set(lines_of(page, "overdue", "data-follow-up-id")) == work["y"]["overdue"]
    assert set(lines_of(page, "late_goals", "data-goal-id")) == work["y"]["late_goals"]
    assert lines_of(page, "notifications", "data-notification-id") == []  # X's, not Y's


def test_the_province_officer_sees_late_arrivals_of_the_province(client, auth, hanoi, work):
    auth.login(hanoi.officer)
    page = client.get("/").get_data(as_text=True)
    assert set(lines_of(page, "arrivals", "data-case-id")) == (
        work["x"]["late_arrival"] | work["y"]["late_arrival"]
    )
    assert set(lines_of(page, "overdue", "data-follow-up-id")) == (
        work["x"]["overdue"] | work["y"]["overdue"]
    )


def test_blocks_are_bounded_with_a_page_of_all(app, client, auth, hanoi):
    with app.app_context():
        case = CaseFactory(commune_code=hanoi.commune_x)
        ids = [follow_up(case, -day) for day in range(1, 14)]
        db.session.commit()
        ids = {str(r.id) for r in ids}
        blocks = my_work(user(hanoi.caseworker_x))
        assert (len(blocks["overdue"].items), blocks["overdue"].total) == (10, 13)
    auth.login(hanoi.caseworker_x)
    page = client.get("/").get_data(as_text=True)
    assert len(lines_of(page, "overdue", "data-follow-up-id")) == 10
    assert 'href="/work/overdue"' in page
    everything = client.get("/work/overdue").get_data(as_text=True)
    assert set(lines_of(everything, "overdue", "data-follow-up-id")) == ids
    assert client.get("/work/nothing").status_code == 404


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COMMITTEE_VIEWER])
def test_other_roles_keep_the_plain_start_page(client, auth, make_user, role):
    auth.login(make_user(role=role))
    page = client.get("/").get_data(as_text=True)
    assert 'data-testid="role"' in page
    assert 'data-testid="work-block"' not in page
    assert client.get("/work/overdue").status_code == 403
