"""Offline work: a caseworker's cases in commune X of Hà Nội with follow-ups due this
week, and helpers to send what the phone sends."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.casework.models import Contact, ContactKind, FollowUp, FollowUpKind
from reintegration.casework.services import contacts, plans
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.offline.services.pack import stamp
from reintegration.people.models import Case, CaseStatus
from tests.factories import CaseFactory, PersonFactory


def user_named(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def follow_up(case: Case, in_days: int) -> FollowUp:
    row = FollowUp(
        case_id=case.id,
        due_on=today_local() + timedelta(days=in_days),
        kind=FollowUpKind.HOME_VISIT,
        generated=False,
    )
    db.session.add(row)
    db.session.flush()
    return row


@dataclass
class Field:
    """The caseworker X's visible world: ``case`` (theirs, a follow-up in 2 days, a goal,
    four contacts), the ids of the cases that must not reach the phone."""

    case: int
    follow_up: int
    goal: int
    others: dict[str, int]


@pytest.fixture
def field(app, hanoi, make_user) -> Field:
    colleague = make_user(role=Role.CASEWORKER, username="canbo.x2", communes=[hanoi.commune_x])
    with app.app_context():
        me = user_named(hanoi.caseworker_x)
        person = PersonFactory(
            full_name="Lê Văn Tám",
            phone="0912345678",
            current_address="Xóm 3, thôn Đông",
            family_contact="Mẹ: bà Lê Thị Hoa, 0987654321",
        )
        case = CaseFactory(person=person, commune_code=hanoi.commune_x, caseworker=me)
        db.session.flush()
        due = follow_up(case, 2)
        for days in (40, 30, 20, 10):
            contacts.record_contact(
                case,
                contacts.ContactData(
                    kind=ContactKind.HOME_VISIT,
                    contact_on=today_local() - timedelta(days=days),
                    participants="Anh Tám",
                    what_happened=f"Lần thăm cách đây {days} ngày.",
                ),
                me,
            )
        goal = plans.add_goal(
            case,
            plans.GoalData("Làm lại căn cước", today_local() + timedelta(days=30), owner_id=me.id),
            me,
        )
        others = {}
        later = CaseFactory(commune_code=hanoi.commune_x, caseworker=me)
        db.session.flush()
        follow_up(later, 10)
        others["due_later"] = later.id
        theirs = CaseFactory(commune_code=hanoi.commune_x, caseworker=user_named(colleague))
        db.session.flush()
        follow_up(theirs, 1)
        others["colleague"] = theirs.id
        elsewhere = CaseFactory(commune_code=hanoi.commune_y)
        db.session.flush()
        follow_up(elsewhere, 1)
        others["other_commune"] = elsewhere.id
        closed = CaseFactory(
            commune_code=hanoi.commune_x, caseworker=me, status=CaseStatus.CLOSED,
            closed_on=date(2025, 12, 1),
        )  # fmt: skip
        db.session.flush()
        follow_up(closed, 1)
        others["closed"] = closed.id
        db.session.commit()
        return Field(case=case.id, follow_up=due.id, goal=goal.id, others=others)


def based_on(app, case_id: int) -> dict:
    with app.app_context():
        return stamp(db.session.get(Case, case_id))


def contact_entry(app, case_id: int, key: str = "entry-key-0000000001", **contact) -> dict:
    body = {
        "kind": "home_visit",
        "contact_on": today_local().isoformat(),
        "participants": "Anh Tám, mẹ anh Tám",
        "what_happened": "Anh Tám đã đi làm thợ hồ.",
    }
    body.update(contact)
    return {
        "key": key,
        "kind": "contact",
        "case_id": case_id,
        "based_on": based_on(app, case_id),
        "visited_at": f"{today_local().isoformat()}T09:30",
        "contact": body,
    }


def done_entry(app, case_id: int, follow_up_id: int, key: str = "done-key-000000000001") -> dict:
    return {
        "key": key,
        "kind": "follow_up_done",
        "case_id": case_id,
        "based_on": based_on(app, case_id),
        "visited_at": f"{today_local().isoformat()}T10:15",
        "follow_up": {
            "follow_up_id": follow_up_id,
            "done_on": today_local().isoformat(),
            "outcome": "Đã gặp tại nhà.",
        },
    }


def contacts_of(app, case_id: int) -> list[Contact]:
    with app.app_context():
        return list(db.session.scalars(select(Contact).where(Contact.case_id == case_id)))
