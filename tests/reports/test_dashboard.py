"""The dashboard read at a glance: headline tiles against the previous period and last year,
with their trend; the per-commune table; charts of the 15 largest communes and "others";
small cells hidden from committee viewers in all of them."""

import json
import re

import pytest
from sqlalchemy import event, select

from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.geo.models import Province
from reintegration.reports import periods
from reintegration.reports.models import AreaLevel
from reintegration.reports.services import snapshots

PASSWORD = "demo-password-1"


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["seed-demo", "--password", PASSWORD, "--people", "400"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        province = db.session.scalar(select(Province.code).where(Province.name == "Tỉnh Ninh Bình"))
        quarter = periods.last_ended_period(periods.PeriodKind.QUARTER, today_local())
        values = {
            name: snapshots.values_of(
                snapshots.latest_version(period, AreaLevel.PROVINCE, province).id
            )
            for name, period in (
                ("current", quarter),
                ("previous", periods.previous_period(quarter)),
                ("last_year", periods.same_period_last_year(quarter)),
            )
        }
    return values


def page_as(app, username: str, kind: str = "quarter") -> str:
    client = app.test_client()
    client.post("/login", data={"username": username, "password": PASSWORD})
    return client.get(f"/reports/?kind={kind}").get_data(as_text=True)


def tile(page: str, key: str) -> str:
    found = re.search(rf'data-testid="tile-{key}".*?</section>', page, re.S)
    assert found, key
    return found.group(0)


def chart(page: str, key: str) -> dict:
    block = re.search(
        rf'<script type="application/json" id="chart-{key}">(.*?)</script>', page, re.S
    )
    return json.loads(block.group(1))


def number(text: str) -> int:
    return int(text.replace(".", ""))


def test_the_tiles_give_the_figure_its_changes_and_its_trend(app, demo):
    page = page_as(app, "tinh.ninhbinh")
    current, previous, last_year = demo["current"], demo["previous"], demo["last_year"]
    received = tile(page, "received")
    shown = re.search(r'data-testid="tile-value">([\d.]+)', received).group(1)
    assert number(shown) == current[("received", 0)] > 0
    change = current[("received", 0)] - previous.get(("received", 0), 0)
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    assert f"{sign}{abs(change)}" in received.replace(".", "")
    yearly = current[("received", 0)] - last_year.get(("received", 0), 0)
    assert f"{abs(yearly)}" in received.replace(".", "")
    trend = json.loads(re.search(r'id="trend-received">(.*?)</script>', received, re.S).group(1))
    assert len(trend["labels"]) == 8  # eight quarters
    assert trend["data"][-1] == current[("received", 0)]
    # A share: contacted (the police's check) within the deadline, of the arrivals due.
    on_time = tile(page, "contacted_on_time")
    share = round(100 * current[("contacted_on_time", 0)] / current[("arrivals_due", 0)])
    assert f"{share}\xa0%" in on_time
    assert "Xác minh, tiếp nhận đúng hạn" in on_time
    for key in ("follow_ups_overdue", "in_training", "employed", "employed_6_months",
                "loans_disbursed", "loans_overdue", "reoffended"):  # fmt: skip
        assert f'data-testid="tile-{key}"' in page
    # Twelve months on the monthly dashboard.
    monthly = tile(page_as(app, "tinh.ninhbinh", "month"), "received")
    trend = json.loads(re.search(r'id="trend-received">(.*?)</script>', monthly, re.S).group(1))
    assert len(trend["labels"]) == 12


def test_charts_show_the_15_largest_communes_and_the_others(app, demo):
    page = page_as(app, "tinh.ninhbinh")
    data = chart(page, "received")
    current = demo["current"]
    assert len(data["labels"]) == 16
    assert re.fullmatch(r"Các đơn vị khác \(\d+\)", data["labels"][-1])
    values = data["series"][0]["data"]
    assert values[:15] == sorted(values[:15], reverse=True)
    assert sum(values) == current[("received", 0)]  # the others are the rest
    rows = re.findall(r'<tr>\s*<th scope="row" class="fw-normal" data-sort-value', page)
    assert len(rows) > 100  # every commune in the sortable table


def test_a_committee_viewer_sees_small_cells_hidden_everywhere(app, demo):
    page = page_as(app, "lanhdao.tinh")
    assert "&lt; 5" in page
    current = demo["current"]
    small = [unit for (figure, unit), v in current.items() if figure == "received" and 0 < v < 5]
    assert small
    table = re.search(r'data-testid="units".*?</table>', page, re.S).group(0)
    for match in re.finditer(r'data-sort-value="(\d*)">([^<]*)</td>', table):
        value, text = match.groups()
        if text in ("&lt; 5", "ẩn"):
            assert value == ""  # a hidden cell carries no number to sort by
    data = chart(page, "received")
    for series in data["series"]:
        for value in series["data"]:
            assert value is None or value == 0 or value >= 5
        if None in series["data"][:15]:
            assert series["data"][15] is None  # "others" would give a hidden one away


def test_the_dashboard_reads_its_periods_in_a_fixed_number_of_statements(app, demo):
    """Twelve months or eight quarters of trend: the other periods' snapshots are found in
    one statement and every report's values read in another, however many periods."""
    client = app.test_client()
    client.post("/login", data={"username": "tinh.ninhbinh", "password": PASSWORD})
    with app.app_context():
        engine = db.engine
    counts = {}
    for kind in ("month", "quarter", "year"):
        sent = []

        def count(*_args, sent=sent) -> None:
            sent.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            page = client.get(f"/reports/?kind={kind}").get_data(as_text=True)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert 'data-testid="headline-figures"' in page
        counts[kind] = len(sent)
    # The user, the latest snapshot, the other periods', their values, the province's
    # name, its communes, the subscription and the unread notices.
    assert counts == {"month": 8, "quarter": 8, "year": 8}


def test_the_trend_shows_each_period_s_total(app, demo):
    """The periods only in the trend are read for their totals alone: the trend still
    shows each period's stored total, for twelve months as for eight quarters."""
    for kind, length in (("month", 12), ("quarter", 8)):
        received = tile(page_as(app, "tinh.ninhbinh", kind), "received")
        trend = json.loads(
            re.search(r'id="trend-received">(.*?)</script>', received, re.S).group(1)
        )
        with app.app_context():
            province = db.session.scalar(
                select(Province.code).where(Province.name == "Tỉnh Ninh Bình")
            )
            period = periods.last_ended_period(periods.PeriodKind(kind), today_local())
            stored = []
            for _step in range(length):
                snapshot = snapshots.latest_version(period, AreaLevel.PROVINCE, province)
                stored.append(snapshots.values_of(snapshot.id).get(("received", 0), 0))
                period = periods.previous_period(period)
        assert trend["data"] == stored[::-1]
        assert any(trend["data"][:-3])  # the older periods are not all read as nothing
