"""The privacy report and anonymisation find a person's notices through their subject
(the person's case, loan application or transfer), not by reading links: a renamed page
changes nothing, and a notice whose link merely looks like the person's is not theirs."""

from datetime import date

from sqlalchemy import select, update

from reintegration.casework.models import Transfer
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication
from reintegration.notifications.models import Notification, Subject
from reintegration.notifications.services import notify
from reintegration.people.models import Case, Person
from reintegration.privacy.services.holdings import gather
from reintegration.privacy.tasks import anonymise_expired_cases
from tests.factories import CaseFactory
from tests.privacy.factories import NAME, person_with_file, user

SOMEONE = "%(name)s is registered."


def test_a_renamed_page_changes_nothing_and_a_look_alike_link_is_not_theirs(app_ctx, hanoi):
    caseworker = user(hanoi.caseworker_x)
    file = person_with_file(hanoi.commune_x, caseworker, closed_on=date(2021, 3, 31))
    application = db.session.get(LoanApplication, file.application_id)
    transfer = db.session.scalar(select(Transfer).where(Transfer.case_id == file.case_id))
    officer = user(hanoi.officer)
    for subject in (Subject.of(application), Subject.of(transfer)):
        notify([officer], "follow_up_due", SOMEONE, subject=subject, params={"name": NAME},
               link="/somewhere")  # fmt: skip
    stranger = CaseFactory(commune_code=hanoi.commune_x)
    notify([officer], "follow_up_due", SOMEONE, subject=Subject.of(stranger),
           params={"name": "Người khác", "case": file.case_id},
           link=f"/cases/{file.case_id}?tab=follow_ups")  # fmt: skip
    db.session.commit()

    def found() -> list[tuple[str, int]]:
        holdings = gather(db.session.get(Person, file.person_id))
        notices = next(s.rows for s in holdings.sections if s.key == "notifications")
        return [(n.subject_type, n.subject_id) for n in notices]

    theirs = [("Case", file.case_id), ("LoanApplication", application.id),
              ("Transfer", transfer.id)]  # fmt: skip
    assert sorted(found()) == sorted(theirs)
    # The case file's page moves to /ho-so/…: the links stored before say nothing any more.
    db.session.execute(update(Notification).values(link="/ho-so/" + Notification.link))
    db.session.commit()
    assert sorted(found()) == sorted(theirs)

    db.session.get(Case, stranger.id).person.full_name = "Người khác"
    anonymise_expired_cases(today=date(2026, 3, 31))
    names = {
        (n.subject_type, n.subject_id): n.params["name"]
        for n in db.session.scalars(select(Notification))
    }
    assert names[("Case", stranger.id)] == "Người khác"
    assert all(names[subject] != NAME for subject in theirs)
