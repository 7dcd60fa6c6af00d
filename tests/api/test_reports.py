"""Report snapshots through the API: the scope of the report pages, aggregates only, and
small cells hidden for committee viewers by the pages' own presentation."""

from datetime import date

from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.reports import periods
from reintegration.reports.models import AreaLevel
from reintegration.reports.services import snapshots
from tests.factories import HA_NOI, HUE, CaseFactory

JANUARY = periods.Period(periods.PeriodKind.MONTH, date(2026, 1, 1), date(2026, 1, 31))
FEBRUARY = periods.Period(periods.PeriodKind.MONTH, date(2026, 2, 1), date(2026, 2, 28))


def build(app, hanoi) -> dict[str, int]:
    """Two people received in commune X in January, six in commune Y; the reports of
    Hà Nội (January, twice, and February) and of Huế."""
    with app.app_context():
        for commune, count in ((hanoi.commune_x, 2), (hanoi.commune_y, 6)):
            for _ in range(count):
                CaseFactory(commune_code=commune, received_on=date(2026, 1, 10))
        db.session.flush()
        today = date(2026, 3, 15)
        first = snapshots.build(JANUARY, [(AreaLevel.PROVINCE, HA_NOI)], today=today)[0]
        second = snapshots.build(JANUARY, [(AreaLevel.PROVINCE, HA_NOI)], today=today)[0]
        february = snapshots.build(FEBRUARY, [(AreaLevel.PROVINCE, HA_NOI)], today=today)[0]
        hue = snapshots.build(JANUARY, [(AreaLevel.PROVINCE, HUE)], today=today)[0]
        db.session.commit()
        return {"first": first.id, "second": second.id, "february": february.id, "hue": hue.id}


def figure(body: dict, key: str) -> dict:
    return next(f for f in body["figures"] if f["key"] == key)


def unit(fig: dict, code: int) -> dict:
    return next(u for u in fig["units"] if u["unit_code"] == code)


def test_committee_viewers_get_aggregates_with_small_cells_hidden(app, hanoi, make_user, api_as):
    ids = build(app, hanoi)
    viewer = api_as(make_user(role=Role.COMMITTEE_VIEWER, province_code=HA_NOI))
    response = viewer.get(f"/api/v1/report-snapshots/{ids['second']}")
    assert response.status_code == 200
    body = response.json
    assert body["suppressed"] is True
    assert body["area"] == {"level": "province", "code": HA_NOI, "name": body["area"]["name"]}
    assert body["period"]["kind"] == "month"
    assert body["period"]["label"] == "Tháng 01/2026"
    received = figure(body, "received")
    assert received["total"] == {"value": 8, "text": "8", "hidden": False}
    assert unit(received, hanoi.commune_x) == {
        "unit_code": hanoi.commune_x,
        "value": None,
        "text": "< 5",
        "hidden": True,
    }
    # Commune Y's 6 would tell commune X's 2 (8 - 6): it is hidden too.
    assert unit(received, hanoi.commune_y) == {
        "unit_code": hanoi.commune_y,
        "value": None,
        "text": "ẩn",
        "hidden": True,
    }
    assert [v["version"] for v in body["versions"]] == [2, 1]
    text = response.get_data(as_text=True)
    for private in ("full_name", "person_id", "case_id"):
        assert private not in text
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "report_exported"))
        assert event.detail == {"format": "api", "suppressed": True}
        assert event.object_id == str(ids["second"])


def test_province_officers_see_the_real_numbers(app, hanoi, api_as):
    ids = build(app, hanoi)
    body = api_as(hanoi.officer).get(f"/api/v1/report-snapshots/{ids['second']}").json
    assert body["suppressed"] is False
    cell = unit(figure(body, "received"), hanoi.commune_x)
    assert (cell["value"], cell["text"], cell["hidden"]) == (2, "2", False)


def test_the_list_has_the_latest_version_of_each_period(app, hanoi, make_user, api_as):
    ids = build(app, hanoi)
    viewer = api_as(make_user(role=Role.COMMITTEE_VIEWER, province_code=HA_NOI))
    listed = viewer.get("/api/v1/report-snapshots")
    assert listed.status_code == 200
    assert listed.json["total"] == 2
    assert [s["id"] for s in listed.json["items"]] == [ids["february"], ids["second"]]
    paged = viewer.get("/api/v1/report-snapshots?per_page=1&page=2").json
    assert [s["id"] for s in paged["items"]] == [ids["second"]]
    assert paged["prev"] and paged["next"] is None
    assert viewer.get("/api/v1/report-snapshots?kind=year").json["total"] == 0
    assert viewer.get("/api/v1/report-snapshots?kind=week").status_code == 422


def test_scope_of_the_report_pages(app, hanoi, make_user, api_as):
    ids = build(app, hanoi)
    hue_viewer = api_as(make_user(role=Role.COMMITTEE_VIEWER, province_code=HUE))
    assert hue_viewer.get(f"/api/v1/report-snapshots/{ids['second']}").status_code == 404
    assert [s["id"] for s in hue_viewer.get("/api/v1/report-snapshots").json["items"]] == [
        ids["hue"]
    ]
    national = api_as(make_user(role=Role.COMMITTEE_VIEWER, province_code=None))
    assert national.get(f"/api/v1/report-snapshots/{ids['hue']}").status_code == 404
    assert national.get("/api/v1/report-snapshots").json["total"] == 0
    for username in (hanoi.caseworker_x, make_user(role=Role.UNION_REVIEWER)):
        assert api_as(username).get("/api/v1/report-snapshots").status_code == 403
        assert api_as(username).get(f"/api/v1/report-snapshots/{ids['first']}").status_code == 403
