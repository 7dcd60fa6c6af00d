"""The province officer's start page counts what waits beyond the cases: reports to
approve, release lists waiting for a decision, communes without a caseworker."""

import re
from datetime import date

from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.reports import periods
from reintegration.reports.models import AreaLevel
from reintegration.reports.services import snapshots
from tests.factories import HA_NOI, HUE


def counts(page: str) -> dict[str, int]:
    found = re.findall(r'data-waiting="(\w+)" data-total="(\d+)"', page)
    return {name: int(total) for name, total in found}


def test_the_officer_sees_reports_lists_and_uncovered_communes(app, client, auth, hanoi):
    with app.app_context():
        march = periods.Period(periods.PeriodKind.MONTH, date(2026, 3, 1), date(2026, 3, 31))
        april = periods.Period(periods.PeriodKind.MONTH, date(2026, 4, 1), date(2026, 4, 30))
        snapshots.build(march, [(AreaLevel.PROVINCE, HA_NOI), (AreaLevel.PROVINCE, HUE)])
        snapshots.build(april, [(AreaLevel.PROVINCE, HA_NOI)])
        communes = db.session.query(Commune).filter(Commune.province_code == HA_NOI).count()
        db.session.commit()
    auth.login(hanoi.officer)
    page = client.get("/").get_data(as_text=True)
    assert counts(page) == {"reports": 2, "lists": 0, "communes": communes - 2}
    auth.logout()
    auth.login(hanoi.caseworker_x)
    assert counts(client.get("/").get_data(as_text=True)) == {}
