"""The union reviewer's start page counts what waits: applications to take under review
and those past their review deadline, only their organisation's in their province."""

import re
from datetime import date

from reintegration.extensions import db
from reintegration.loans.services import workflow
from tests.loans.conftest import new_application, user


def lines(page: str, block: str) -> list[str]:
    return re.findall(rf'data-testid="work-line" data-block="{block}" data-id="(\d+)"', page)


def total(page: str, block: str) -> str:
    return re.search(rf'data-block="{block}" data-total="(\d+)"', page).group(1)


def test_the_reviewer_sees_what_to_take_and_what_is_late(app, client, auth, loan_people):
    with app.app_context():
        waiting = new_application(loan_people)
        workflow.submit(waiting, user(loan_people.hanoi.caseworker_x), today=date.today())
        late = new_application(loan_people)
        workflow.submit(late, user(loan_people.hanoi.caseworker_x), today=date(2026, 1, 5))
        workflow.take_under_review(late, user(loan_people.womens_reviewer))
        new_application(loan_people)  # a draft: nobody's yet
        db.session.commit()
        ids = (str(waiting.id), str(late.id))
    auth.login(loan_people.womens_reviewer)
    page = client.get("/").get_data(as_text=True)
    assert (total(page, "to_take"), lines(page, "to_take")) == ("1", [ids[0]])
    assert (total(page, "late"), lines(page, "late")) == ("1", [ids[1]])
    auth.logout()
    auth.login(loan_people.farmers_reviewer)  # another organisation: nothing waits for them
    page = client.get("/").get_data(as_text=True)
    assert (total(page, "to_take"), total(page, "late")) == ("0", "0")
