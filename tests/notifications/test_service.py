"""The one notifications service: each reader told once per kind, subject and step; never
the one who acted, nor an inactive account; only kinds the table knows; and who hears is
answered in one place."""

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Organisation, Role
from reintegration.extensions import db
from reintegration.notifications import recipients
from reintegration.notifications.models import Notification, Subject
from reintegration.notifications.services import notify
from tests.factories import HA_NOI, UserFactory, communes_of

MESSAGE = "%(name)s is registered."


def told() -> list[tuple[int, str, str | None, int | None]]:
    return [
        (n.user_id, n.kind, n.subject_type, n.subject_id)
        for n in db.session.scalars(select(Notification).order_by(Notification.id))
    ]


def test_a_step_is_told_once_and_a_new_step_again(app_ctx):
    reader = UserFactory()
    case = Subject("Case", 7)
    once = {"subject": case, "params": {"name": "An"}}
    assert notify([reader], "follow_up_due", MESSAGE, step="fu-1", **once) == 1
    assert notify([reader], "follow_up_due", MESSAGE, step="fu-1", **once) == 0
    assert notify([reader], "follow_up_due", MESSAGE, step="fu-2", **once) == 1
    assert notify([reader], "follow_up_overdue", MESSAGE, step="fu-1", **once) == 1
    other_case = {"subject": Subject("Case", 8), "params": {"name": "An"}}
    assert notify([reader], "follow_up_due", MESSAGE, step="fu-1", **other_case) == 1
    assert len(told()) == 4


def test_the_actor_an_inactive_account_and_a_repeated_reader_are_left_out(app_ctx):
    actor, reader, gone = UserFactory(), UserFactory(), UserFactory(active=False)
    added = notify(
        [actor, reader, gone, reader], "transfer_requested", MESSAGE,
        subject=Subject("Transfer", 3), params={"name": "An"}, actor=actor,
    )  # fmt: skip
    assert added == 1
    assert told() == [(reader.id, "transfer_requested", "Transfer", 3)]


def test_a_kind_missing_from_the_table_is_refused(app_ctx):
    with pytest.raises(ValueError, match="is not a kind of notice"):
        notify([UserFactory()], "made_up", MESSAGE, subject=Subject("Case", 1))


def test_who_hears_about_a_commune_a_province_and_an_organisation(app_ctx):
    here, there = communes_of(HA_NOI, 2)
    caseworker = UserFactory(role=Role.CASEWORKER, communes=[here])
    UserFactory(role=Role.CASEWORKER, communes=[here], active=False)
    UserFactory(role=Role.CASEWORKER, communes=[there])
    officer = UserFactory(role=Role.PROVINCE_OFFICER)
    UserFactory(role=Role.PROVINCE_OFFICER, province_code=46)
    reviewer = UserFactory(role=Role.UNION_REVIEWER)
    UserFactory(role=Role.UNION_REVIEWER, organisation=Organisation.FARMERS_UNION)
    assigned = UserFactory(role=Role.CASEWORKER, communes=[there])
    assert recipients.commune_caseworkers(here.code) == [caseworker]
    assert recipients.case_caseworkers(assigned, here.code) == [assigned]
    assigned.active = False
    assert recipients.case_caseworkers(assigned, here.code) == [caseworker]
    assert recipients.province_officers(HA_NOI) == [officer]
    assert recipients.reviewers(Organisation.WOMENS_UNION, HA_NOI) == [reviewer]
    empty = communes_of(HA_NOI, 3)[2]
    assert recipients.commune_receivers(empty.code, HA_NOI) == [officer]
