"""Retention: people whose cases all closed longer ago than the retention period (60
months by default) are anonymised by the scheduled job; the report figures stay the same."""

from datetime import date

import pytest
from sqlalchemy import func, select

from reintegration.casework.models import (
    Assessment,
    Contact,
    ContactCorrection,
    FollowUp,
    Goal,
    GoalProgress,
    Transfer,
)
from reintegration.core.audit import AuditEvent
from reintegration.employment.models import Referral, WorkProfile
from reintegration.extensions import db
from reintegration.imports.models import ImportRow
from reintegration.loans.models import LoanApplication, LoanDocument, LoanStatus, LoanTransition
from reintegration.loans.services.documents import upload_folder
from reintegration.notifications.models import Notification
from reintegration.people.models import Case, ClassificationChange, Person, Release, Revision
from reintegration.privacy.models import Anonymisation
from reintegration.privacy.services.retention import RETENTION_SETTING
from reintegration.privacy.tasks import anonymise_expired_cases
from reintegration.reports import definitions as d
from reintegration.reports import periods
from reintegration.scheduling.jobs import JOBS_BY_ID
from reintegration.training.models import Placement
from tests.factories import CaseFactory
from tests.privacy.factories import NAME, person_with_file, user

CLOSED_ON = date(2021, 3, 31)
# 60 months after 31/03/2021.
DUE_DAY = date(2026, 3, 31)
DAY_BEFORE = date(2026, 3, 30)


@pytest.fixture
def file(app_ctx, hanoi):
    made = person_with_file(hanoi.commune_x, user(hanoi.caseworker_x), closed_on=CLOSED_ON)
    db.session.commit()
    return made


def anonymisations() -> list[Anonymisation]:
    db.session.expire_all()
    return list(db.session.scalars(select(Anonymisation)))


def test_the_job_is_scheduled_nightly():
    job = JOBS_BY_ID["privacy.anonymise_expired_cases"]
    assert job.func == "reintegration.privacy.tasks:anonymise_expired_cases"
    assert job.cron == {"hour": 2, "minute": 30}


def test_not_before_the_retention_period_has_run(file):
    assert anonymise_expired_cases(today=DAY_BEFORE) == 0
    assert anonymisations() == []
    assert db.session.get(Person, file.person_id).full_name == NAME


def test_the_period_is_a_setting(app, file, monkeypatch):
    monkeypatch.setitem(app.config, RETENTION_SETTING, 61)
    assert anonymise_expired_cases(today=DUE_DAY) == 0
    monkeypatch.setitem(app.config, RETENTION_SETTING, 12)
    assert anonymise_expired_cases(today=date(2022, 3, 31)) == 1


def test_zero_months_turns_the_job_off(app, file, monkeypatch):
    monkeypatch.setitem(app.config, RETENTION_SETTING, 0)
    assert anonymise_expired_cases(today=DUE_DAY) == 0


def test_the_person_is_anonymised_and_the_figures_stay(file):
    upload = upload_folder() / file.document_stored_name
    assert upload.exists()

    assert anonymise_expired_cases(today=DUE_DAY) == 1

    db.session.expire_all()
    person = db.session.get(Person, file.person_id)
    assert person.full_name == f"Đã ẩn danh {person.id}"
    assert "ngoc" not in person.search_text
    for cleared in ("other_names", "birth_date", "id_number", "old_id_number", "phone",
                    "ethnicity", "residence_address", "residence_as_written",
                    "current_address", "family_contact"):  # fmt: skip
        assert getattr(person, cleared) is None, cleared
    # What the reports count stays.
    assert (person.birth_year, person.sex.value, person.nationality) == (1985, "female", "VN")
    assert person.residence_commune_code is not None
    release = db.session.scalar(select(Release).where(Release.person_id == person.id))
    assert (release.certificate_number, release.detention_facility) == (None, None)
    assert release.offence is None  # as the papers wrote it; its group stays for the figures
    assert release.release_date == date(2019, 4, 29)
    case = db.session.get(Case, file.case_id)
    assert case.intake_notes is None
    assert (case.closed_on, case.classification.value) == (CLOSED_ON, "B")

    # Free text everywhere, the contact log's 24-hour rule notwithstanding.
    contact = db.session.scalar(select(Contact))
    assert (contact.participants, contact.what_happened, contact.next_steps) == ("", "", None)
    assert contact.contact_on == date(2019, 6, 1)
    assert db.session.scalar(select(ContactCorrection.note)) == ""
    assert db.session.scalar(select(ClassificationChange.reason)) == ""
    assert db.session.scalar(select(Assessment.note)) is None
    goal = db.session.scalar(select(Goal))
    assert (goal.title, goal.owner_text) == ("", None)
    assert db.session.scalar(select(GoalProgress.note)) == ""
    follow_up = db.session.scalar(select(FollowUp))
    assert (follow_up.outcome, follow_up.note, follow_up.done_on) == (None, None, date(2019, 7, 1))
    transfer = db.session.scalar(select(Transfer))
    assert (transfer.reason, transfer.decision_note) == ("", None)
    application = db.session.get(LoanApplication, file.application_id)
    assert (application.household_head_name, application.use_of_funds) == (None, "")
    assert application.amount_requested == 50_000_000
    assert db.session.scalar(select(LoanTransition.comment)) is None
    assert db.session.scalar(select(func.count()).select_from(LoanDocument)) == 0
    assert not upload.exists()
    placement = db.session.scalar(select(Placement))
    assert (placement.certificate_number, placement.completed_on) == ("***", date(2019, 11, 30))
    assert db.session.scalar(select(Referral.end_note)) is None
    assert db.session.scalar(select(WorkProfile.notes)) is None
    import_row = db.session.scalar(select(ImportRow))
    assert (import_row.values, import_row.data, import_row.row_number) == ({}, None, 2)
    notification = db.session.scalar(select(Notification))
    assert notification.params["name"] == person.full_name
    for revision in db.session.scalars(select(Revision)):
        if revision.object_type == "Person":
            assert revision.data["full_name"] == person.full_name
            assert revision.data["id_number"] is None
        elif revision.object_type == "Release":
            assert revision.data["certificate_number"] is None
            assert revision.data["detention_facility"] is None
            assert revision.data["release_date"] == "2019-04-29"
        else:
            assert revision.data["intake_notes"] is None

    [record] = anonymisations()
    assert (record.person_id, record.last_closed_on, record.retention_months) == (
        person.id, CLOSED_ON, 60,
    )  # fmt: skip
    assert record.cleared["contacts"] == 1 and record.cleared["loan_documents"] == 1
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "person_anonymised"))
    assert event.object_id == str(person.id)
    assert event.username is None
    assert event.detail["cases"] == [file.case_id]
    assert event.detail["last_closed_on"] == "2021-03-31"


def test_a_second_run_does_nothing(file):
    assert anonymise_expired_cases(today=DUE_DAY) == 1
    first = anonymisations()[0].anonymised_at
    version = db.session.get(Person, file.person_id).version
    assert anonymise_expired_cases(today=date(2027, 1, 1)) == 0
    assert [a.anonymised_at for a in anonymisations()] == [first]
    assert db.session.get(Person, file.person_id).version == version
    events = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "person_anonymised")
    )
    assert events == 1


def test_someone_with_an_open_case_is_kept(file, hanoi):
    CaseFactory(person=db.session.get(Person, file.person_id), commune_code=hanoi.commune_y)
    db.session.commit()
    assert anonymise_expired_cases(today=DUE_DAY) == 0


def test_a_loan_still_being_repaid_keeps_the_file(app_ctx, hanoi):
    person_with_file(
        hanoi.commune_x, user(hanoi.caseworker_x), closed_on=CLOSED_ON,
        loan_status=LoanStatus.REPAYING,
    )  # fmt: skip
    db.session.commit()
    assert anonymise_expired_cases(today=DUE_DAY) == 0


def test_another_persons_loan_does_not_keep_this_file(file, hanoi):
    person_with_file(
        hanoi.commune_y, user(hanoi.caseworker_y), closed_on=CLOSED_ON,
        loan_status=LoanStatus.REPAYING, id_number="001185099999",
    )  # fmt: skip
    db.session.commit()
    assert anonymise_expired_cases(today=DUE_DAY) == 1
    assert [a.person_id for a in anonymisations()] == [file.person_id]


def test_a_merged_record_goes_with_the_one_it_was_merged_into(file):
    person = db.session.get(Person, file.person_id)
    absorbed = Person(full_name="Trần Bích Ngọc", birth_year=1985, sex=person.sex,
                      phone="0900000000", merged_into_id=person.id)  # fmt: skip
    db.session.add(absorbed)
    db.session.commit()
    assert anonymise_expired_cases(today=DUE_DAY) == 1
    db.session.expire_all()
    assert absorbed.full_name == f"Đã ẩn danh {absorbed.id}"
    assert absorbed.phone is None


def test_report_figures_are_the_same_before_and_after(file):
    today = DUE_DAY
    chosen = [
        periods.period_containing(periods.PeriodKind.YEAR, date(2019, 1, 1)),
        periods.period_containing(periods.PeriodKind.YEAR, date(2020, 1, 1)),
        periods.period_containing(periods.PeriodKind.QUARTER, date(2021, 3, 1)),
    ]
    before = [d.compute(db.session, p, today) for p in chosen]
    assert before[0]["received"] and before[0]["loans_disbursed"]
    assert before[2]["followed"]

    assert anonymise_expired_cases(today=today) == 1
    db.session.expire_all()

    assert [d.compute(db.session, p, today) for p in chosen] == before


def test_the_job_runs_from_the_command_line(runner, file):
    result = runner.invoke(args=["scheduler", "run-job", "privacy.anonymise_expired_cases"])
    assert result.exit_code == 0, result.output
    assert [a.person_id for a in anonymisations()] == [file.person_id]
