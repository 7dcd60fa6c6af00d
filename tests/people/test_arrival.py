"""Arrival (Circular 10/2024 Arts. 8–9): the deadline follows the notice, the police's
residence check is kept apart from the person reporting, and "contacted within the
deadline" counts the check against the deadline."""

from datetime import date

from sqlalchemy import select

from reintegration.extensions import db
from reintegration.people.models import Case, ResidenceCheck
from reintegration.reports import definitions
from reintegration.reports.periods import Period, PeriodKind

EDIT = {"caseworker_id": "None", "version": "1", "needs": ["documents"]}


def the_case(app) -> Case:
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        db.session.expunge(case)
        return case


def test_moving_the_notice_moves_the_deadline(app, client, auth, registered_case, hanoi):
    assert the_case(app).arrival_deadline == date(2025, 9, 10)
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{registered_case}/edit"
    # Thursday 12/2/2026: Fri 13/2, then Tết (16–20/2), then Mon 23/2 and Tue 24/2.
    assert client.post(url, data={**EDIT, "notified_on": "12/02/2026"}).status_code == 302
    assert the_case(app).arrival_deadline == date(2026, 2, 24)
    # The notice taken off: no deadline; added again later: its own.
    assert client.post(url, data={**EDIT, "version": "2", "notified_on": ""}).status_code == 302
    assert the_case(app).arrival_deadline is None
    assert (
        client.post(url, data={**EDIT, "version": "3", "notified_on": "05/09/2025"}).status_code
        == 302
    )
    assert the_case(app).arrival_deadline == date(2025, 9, 10)


def test_the_residence_check_is_recorded_apart_from_the_report(
    app, client, auth, registered_case, hanoi
):
    auth.login(hanoi.caseworker_x)
    url = f"/cases/{registered_case}/residence-check"
    page = client.get(f"/cases/{registered_case}").get_data(as_text=True)
    assert 'data-testid="residence-check-form"' in page
    form = {"version": "1", "checked_on": "09/09/2025", "result": "wrong_address",
            "hcd03_sent_on": "10/09/2025"}  # fmt: skip
    assert client.post(url, data=form).status_code == 302
    case = the_case(app)
    assert (case.residence_checked_on, case.residence_check, case.hcd03_sent_on) == (
        date(2025, 9, 9),
        ResidenceCheck.WRONG_ADDRESS,
        date(2025, 9, 10),
    )
    assert case.received_on is None  # the person has not reported yet
    page = client.get(f"/cases/{registered_case}").get_data(as_text=True)
    shown = page.split('data-testid="residence-check"')[1].split("</dd>")[0]
    assert "09/09/2025" in shown and "Sai địa chỉ" in shown
    assert "đã gửi mẫu HCĐ-03 ngày 10/09/2025" in shown


def test_a_check_before_the_notice_is_refused_and_keeps_what_was_typed(
    app, client, auth, registered_case, hanoi
):
    auth.login(hanoi.caseworker_x)
    form = {"version": "1", "checked_on": "01/09/2025", "result": "confirmed"}
    refused = client.post(f"/cases/{registered_case}/residence-check", data=form)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "05/09/2025" in page and 'value="01/09/2025"' in page
    assert the_case(app).residence_checked_on is None


def test_contacted_within_the_deadline_counts_the_check(app, client, auth, register, hanoi):
    auth.login(hanoi.caseworker_x)
    # Both noticed on Friday 5/9/2025: due Wednesday 10/9.
    register(hanoi.commune_x)
    register(hanoi.commune_x, full_name="Trần Văn Bình", id_number="001085012346")
    with app.app_context():
        on_time, late = db.session.scalars(select(Case.id).order_by(Case.id)).all()
    for case_id, day in ((on_time, "10/09/2025"), (late, "11/09/2025")):
        form = {"version": "1", "checked_on": day, "result": "confirmed"}
        assert client.post(f"/cases/{case_id}/residence-check", data=form).status_code == 302
    # The person who was checked late reports in time: it does not make the check on time.
    with app.app_context():
        db.session.get(Case, late).received_on = date(2025, 9, 8)
        db.session.commit()
        period = Period(PeriodKind.MONTH, date(2025, 9, 1), date(2025, 9, 30))
        counts = definitions.compute(db.session, period, date(2025, 10, 1))
        assert counts["arrivals_due"] == {hanoi.commune_x: 2}
        assert counts["contacted_on_time"] == {hanoi.commune_x: 1}
    assert "residence" in str(definitions.FIGURE_BY_KEY["contacted_on_time"].definition)
