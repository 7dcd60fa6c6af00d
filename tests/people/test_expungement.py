"""Expungement (Penal Code Art. 70): the expected day by band, from the day the sentence was
served, later for a longer additional penalty, by a court for national security and war
crimes; shown on the case file, told by the scheduler, confirmed by a person, counted."""

from datetime import date

import pytest
from sqlalchemy import select

from reintegration.casework import tasks
from reintegration.casework.models import FollowUp, FollowUpStatus
from reintegration.extensions import db
from reintegration.notifications.models import Notification
from reintegration.people.models import (
    Case,
    CaseStatus,
    CloseReason,
    ExpungementBand,
    ExpungementPeriod,
    OffenceGroup,
    ReleaseType,
    SentenceKind,
)
from reintegration.people.services import expungement
from reintegration.people.services.data import ReleaseData
from reintegration.reports import definitions
from reintegration.reports.periods import Period, PeriodKind
from tests.people.test_release_correction import REASON, release_form

AMNESTY = ReleaseType.AMNESTY
COMPLETED = ReleaseType.SENTENCE_COMPLETED
EARLY = ReleaseType.CONDITIONAL_EARLY_RELEASE
SEPT = date(2025, 9, 1)


def release(release_type=AMNESTY, release_date=SEPT, **kwargs) -> ReleaseData:
    return ReleaseData(release_type=release_type, release_date=release_date, **kwargs)


# (what the release says, expected day, by a court)
TABLE = [
    # 1 year: warning, fine, non-custodial reform, suspended sentence (from the day served).
    (
        release(COMPLETED, sentence_kind=SentenceKind.WARNING, sentence_ended_on=date(2025, 3, 10)),
        date(2026, 3, 10),
        False,
    ),
    (release(COMPLETED, sentence_kind=SentenceKind.FINE), date(2026, 9, 1), False),
    (release(COMPLETED, sentence_kind=SentenceKind.NON_CUSTODIAL_REFORM), date(2026, 9, 1), False),
    (
        release(
            COMPLETED, sentence_kind=SentenceKind.SUSPENDED, sentence_ended_on=date(2024, 2, 29)
        ),
        date(2025, 2, 28),
        False,
    ),
    # 2 years: prison up to 5 years (an amnesty: served on its release day).
    (release(sentence_months=12), date(2027, 9, 1), False),
    (release(sentence_months=60), date(2027, 9, 1), False),
    # 3 years: over 5 and up to 15 years.
    (release(sentence_months=61), date(2028, 9, 1), False),
    (release(COMPLETED, sentence_months=180), date(2028, 9, 1), False),
    # 5 years: over 15 years, life, a commuted death sentence.
    (release(sentence_months=181), date(2030, 9, 1), False),
    (release(sentence_kind=SentenceKind.LIFE), date(2030, 9, 1), False),
    (release(sentence_kind=SentenceKind.DEATH_COMMUTED), date(2030, 9, 1), False),
    # A conditional early release: served at the end of the remaining term (48 − 40 months).
    (
        release(EARLY, date(2025, 6, 1), sentence_months=48, served_months=40),
        date(2028, 2, 1),
        False,
    ),
    # An additional penalty ending after the period moves the day to its end.
    (
        release(sentence_months=24, additional_penalty_until=date(2028, 1, 15)),
        date(2028, 1, 15),
        False,
    ),
    (
        release(sentence_months=24, additional_penalty_until=date(2026, 1, 15)),
        date(2027, 9, 1),
        False,
    ),
    # Only by a court (Art. 71): national security, war crimes, with the court's periods.
    (
        release(sentence_months=36, offence_group=OffenceGroup.NATIONAL_SECURITY),
        date(2028, 9, 1),
        True,
    ),
    (
        release(sentence_months=120, offence_group=OffenceGroup.NATIONAL_SECURITY),
        date(2030, 9, 1),
        True,
    ),
    (release(sentence_months=200, offence_group=OffenceGroup.WAR_CRIMES), date(2032, 9, 1), True),
]


@pytest.mark.parametrize(("facts", "day", "by_court"), TABLE)
def test_the_expected_day_by_band(app_ctx, facts, day, by_court):
    result = expungement.compute(facts)
    assert (result.day, result.by_court) == (day, by_court)


def test_without_a_sentence_or_the_day_it_was_served_there_is_no_day(app_ctx):
    assert expungement.compute(release()).missing == "sentence"
    unknown = expungement.compute(release(EARLY, sentence_months=48))
    assert (unknown.day, unknown.missing) == (None, "served_on")


def test_periods_are_dated_data(app_ctx):
    db.session.add(ExpungementPeriod(band=ExpungementBand.PRISON_UP_TO_5, by_court=False,
                                     months=18, effective_from=date(2026, 1, 1),
                                     legal_basis="Luật thử"))  # fmt: skip
    db.session.flush()
    assert expungement.compute(release(sentence_months=24)).day == date(2027, 9, 1)
    later = release(release_date=date(2026, 2, 1), sentence_months=24)
    assert expungement.compute(later).day == date(2027, 8, 1)


def received_2024(register, commune, **overrides):
    """Nguyễn Văn An, pardoned on 01/09/2024 after 24 months: expunged from 01/09/2026."""
    return register(
        commune, release_type="amnesty", amnesty_decision_id="1", release_date="01/09/2024",
        sentence_months="24", served_months="20", status="received", received_on="05/09/2024",
        notified_on="03/09/2024", **overrides,
    )  # fmt: skip


def test_on_the_day_the_case_file_offers_to_close_and_the_report_counts_it(
    app, client, auth, register, hanoi
):
    auth.login(hanoi.caseworker_x)
    assert received_2024(register, hanoi.commune_x).status_code == 302
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        case_id, day = case.id, case.expungement_on
        # Today is past the day: no follow-up was generated from it on.
        assert day == date(2026, 9, 1)
        assert db.session.scalars(select(FollowUp).where(FollowUp.case_id == case_id)).all() == []

    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert 'data-testid="expungement-due"' in page
    assert "01/09/2026" in page
    form = {"version": str(case.version), "action": "close", "close_reason": "record_expunged",
            "on": "01/09/2026"}  # fmt: skip
    assert client.post(f"/cases/{case_id}/status", data=form).status_code == 302

    with app.app_context():
        case = db.session.get(Case, case_id)
        assert (case.status, case.close_reason, case.closed_on) == (
            CaseStatus.CLOSED,
            CloseReason.RECORD_EXPUNGED,
            date(2026, 9, 1),
        )
        period = Period(PeriodKind.MONTH, date(2026, 9, 1), date(2026, 9, 30))
        counts = definitions.compute(db.session, period, date(2026, 12, 7))
        assert counts["record_expunged"] == {hanoi.commune_x: 1}


def test_the_reasoning_is_shown_with_the_offence_details(app, client, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    received_2024(register, hanoi.commune_x, additional_penalty_until="15/01/2027")
    with app.app_context():
        case_id = db.session.scalars(select(Case.id)).one()
    page = client.get(f"/cases/{case_id}?tab=release").get_data(as_text=True)
    assert 'data-testid="expungement-reasoning"' not in page
    client.post(f"/cases/{case_id}/reveal", data={"reason": REASON})
    page = client.get(f"/cases/{case_id}?tab=release").get_data(as_text=True)
    assert 'data-testid="expungement-reasoning"' in page
    assert "15/01/2027" in page and "24" in page


def test_correcting_the_sentence_recomputes_and_trims_the_schedule(
    app, client, auth, register, hanoi
):
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x, release_date="01/11/2026", status="received",
             received_on="03/11/2026", notified_on="02/11/2026")  # fmt: skip
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        case_id = case.id
        assert case.expungement_on == date(2028, 11, 1)
        assert db.session.scalars(select(FollowUp.due_on).where(FollowUp.case_id == case_id)).all()

    client.post(f"/cases/{case_id}/reveal", data={"reason": REASON})
    url = f"/cases/{case_id}/release"
    page = client.get(url).get_data(as_text=True)
    form = release_form(page, sentence_kind="fine", sentence_ended_on="15/01/2026",
                        sentence_months="", served_months="")  # fmt: skip
    assert client.post(url, data=form).status_code == 302

    with app.app_context():
        case = db.session.get(Case, case_id)
        assert case.expungement_on == date(2027, 1, 15)
        due = db.session.scalars(
            select(FollowUp.due_on).where(FollowUp.case_id == case_id,
                                          FollowUp.status == FollowUpStatus.DUE)
        ).all()  # fmt: skip
        assert due and max(due) < date(2027, 1, 15)


def test_the_scheduler_tells_the_caseworker_30_days_before_and_on_the_day(
    app, client, auth, register, hanoi
):
    auth.login(hanoi.caseworker_x)
    register(hanoi.commune_x)  # served 01/09/2025, 36 months: expunged from 01/09/2027
    register(hanoi.commune_x, full_name="Trần Văn Bình", id_number="001085012346",
             offence_group="national_security")  # fmt: skip
    with app.app_context():
        assert tasks.remind_expungements(date(2027, 8, 1)) == 0
        assert tasks.remind_expungements(date(2027, 8, 2)) == 1
        assert tasks.remind_expungements(date(2027, 8, 2)) == 0
        assert tasks.remind_expungements(date(2027, 9, 1)) == 1
        kinds = db.session.scalars(select(Notification.kind).order_by(Notification.id)).all()
        assert kinds == ["expungement_soon", "expungement_due"]
        # The court-only case: from 01/09/2028, once, when it may be asked for.
        assert tasks.remind_expungements(date(2028, 9, 1)) == 1
        assert (
            db.session.scalars(select(Notification.kind).order_by(Notification.id.desc())).first()
            == "expungement_court"
        )
