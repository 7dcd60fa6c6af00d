"""A committee viewer cannot recover a small count: not from the total beside the communes
shown (secondary suppression), and not from two overlapping date ranges (whole periods
only). Issue 24's two attacks, through the pages, the exports and the API."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.extensions import db
from reintegration.people.models import Classification
from reintegration.reports import definitions as d
from reintegration.reports import periods
from reintegration.reports.models import TOTAL, AreaLevel, ReportSnapshot
from reintegration.reports.services import snapshots
from reintegration.reports.services.suppression import hidden_cells
from tests.factories import HA_NOI, CaseFactory, communes_of

JANUARY = periods.Period(periods.PeriodKind.MONTH, date(2026, 1, 1), date(2026, 1, 31))


@pytest.fixture
def province(app) -> dict:
    """The issue's province: 8 people received in January, 7 in "Phủ Lý" (class A) and 1 in
    "Châu Sơn" (class B); every other commune none. Its January report, built."""
    with app.app_context():
        phu_ly, chau_son = (c.code for c in communes_of(HA_NOI, 2))
        for _ in range(7):
            CaseFactory(
                commune_code=phu_ly, received_on=date(2026, 1, 12), classification=Classification.A
            )
        CaseFactory(
            commune_code=chau_son, received_on=date(2026, 1, 20), classification=Classification.B
        )
        db.session.flush()
        report = snapshots.build(JANUARY, [(AreaLevel.PROVINCE, HA_NOI)], today=date(2026, 2, 5))
        db.session.commit()
        return {"id": report[0].id, "phu_ly": phu_ly, "chau_son": chau_son}


@pytest.fixture
def viewer(make_user) -> str:
    return make_user(role=Role.COMMITTEE_VIEWER, username="lanhdao.hanoi", province_code=HA_NOI)


def shown(body: dict) -> dict[tuple[str, int], int | None]:
    """The API's cells as (figure, unit) → value (None: hidden)."""
    cells = {}
    for figure in body["figures"]:
        cells[(figure["key"], TOTAL)] = figure["total"]["value"]
        for unit in figure["units"]:
            cells[(figure["key"], unit["unit_code"])] = unit["value"]
    return cells


def sums_with_one_hidden(cells: dict, *, partitions: bool = True) -> list:
    """Every sum of the report (units to total; parts of a figure to the figure) in which
    exactly one cell is hidden: that cell could be found by subtraction."""
    units = {unit for _key, unit in cells} - {TOTAL}
    sums = [((f.key, TOTAL), [(f.key, u) for u in units]) for f in d.FIGURES]
    sums += [
        ((whole, u), [(part, u) for part in parts])
        for whole, parts in (d.PARTITIONS if partitions else ())
        for u in (*units, TOTAL)
    ]
    return [
        whole
        for whole, parts in sums
        if sum(cells.get(cell, 0) is None for cell in (whole, *parts)) == 1
    ]


# --- attack 1: the total beside the communes shown -----------------------------------------


def test_the_total_no_longer_gives_away_the_small_commune(app, province, viewer, api_as):
    body = api_as(viewer).get(f"/api/v1/report-snapshots/{province['id']}").json
    cells = shown(body)
    phu_ly, chau_son = province["phu_ly"], province["chau_son"]
    assert cells[("received", chau_son)] is None  # the 1: "< 5"
    assert cells[("received", phu_ly)] is None  # the 7 that would give it away (8 - 7)
    assert cells[("received", TOTAL)] == 8  # the province total still shows
    # By class: the one person's class B cannot be read off either.
    assert cells[("received_class_b", TOTAL)] is None
    assert cells[("received_class_a", TOTAL)] is None
    assert cells[("received_class_a", phu_ly)] is None
    assert sums_with_one_hidden(cells) == []
    text = {(f["key"], u["unit_code"]): u["text"] for f in body["figures"] for u in f["units"]}
    assert text[("received", chau_son)] == "< 5"
    assert text[("received", phu_ly)] == "ẩn"  # hidden, not "< 5": it is not small


def test_the_csv_export_hides_the_same_cells(app, client, auth, province, viewer):
    auth.login(viewer)
    response = client.get(f"/reports/{province['id']}/report.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv.DictReader(io.StringIO(response.get_data(as_text=True).split("\n", 1)[1]))
    value = {(row["figure"], int(row["unit_code"])): row["value"] for row in rows}
    assert value[("received", province["chau_son"])] == "< 5"
    assert value[("received", province["phu_ly"])] == "ẩn"
    assert value[("received_class_b", TOTAL)] == "< 5"
    assert value[("received_class_a", TOTAL)] == "ẩn"
    assert value[("received", TOTAL)] == "8"


def test_the_report_page_hides_the_same_cells(app, client, auth, province, viewer):
    auth.login(viewer)
    page = client.get(f"/reports/{province['id']}").get_data(as_text=True)
    assert ">7<" not in page
    assert "< 5" in page or "&lt; 5" in page


def test_province_officers_still_see_the_real_numbers(app, hanoi, province, api_as):
    cells = shown(api_as(hanoi.officer).get(f"/api/v1/report-snapshots/{province['id']}").json)
    assert cells[("received", province["phu_ly"])] == 7
    assert cells[("received", province["chau_son"])] == 1


@pytest.mark.parametrize(
    "values",
    [
        # Three communes, one small: the smallest other one is hidden with it.
        {("received", 1): 3, ("received", 2): 9, ("received", 3): 20, ("received", TOTAL): 32},
        # Two small ones already protect each other: nothing more hidden.
        {("received", 1): 3, ("received", 2): 2, ("received", 3): 20, ("received", TOTAL): 25},
        # The total is small: all its parts are small or 0.
        {("received", 1): 3, ("received", TOTAL): 3},
        # A hidden count hides its money; the money total follows the count's pattern.
        {
            ("loans_submitted", 1): 2,
            ("loans_submitted", 2): 9,
            ("loans_submitted", TOTAL): 11,
            ("amount_requested", 1): 60_000_000,
            ("amount_requested", 2): 300_000_000,
            ("amount_requested", TOTAL): 360_000_000,
        },
    ],
)
def test_no_sum_is_left_with_one_hidden_cell(values):
    hidden = hidden_cells(values)
    cells = {cell: (None if cell in hidden else value) for cell, value in values.items()}
    assert sums_with_one_hidden(cells, partitions=False) == []
    assert all(cell in hidden for cell, value in values.items() if 0 < value < 5)


def test_the_smallest_other_cell_is_the_one_hidden():
    values = {("received", 1): 3, ("received", 2): 9, ("received", 3): 20, ("received", 0): 32}
    assert hidden_cells(values) == {("received", 1), ("received", 2)}


# --- attack 2: two overlapping date ranges -----------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("01/01/2026", "15/01/2026"),
        ("01/01/2026", "14/01/2026"),
        ("02/01/2026", "31/01/2026"),
        ("15/01/2026", "14/02/2026"),
        ("01/01/2026", "28/02/2026"),  # two months are not one period
    ],
)
def test_a_viewer_cannot_build_a_range_that_is_not_a_whole_period(
    app, client, auth, viewer, start, end
):
    auth.login(viewer)
    response = client.post("/reports/build", data={"start": start, "end": end})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "cả tháng, cả quý hoặc cả năm" in page
    assert f'value="{start}"' in page and f'value="{end}"' in page  # what was typed, kept
    with app.app_context():
        assert db.session.scalar(select(ReportSnapshot.id)) is None


def test_the_day_of_one_arrival_cannot_be_found_by_difference(app, client, auth, viewer, province):
    """1–20 and 1–19 January would differ by the Châu Sơn arrival of the 20th: both are
    refused; the whole month is built."""
    auth.login(viewer)
    for start, end in (("01/01/2026", "20/01/2026"), ("01/01/2026", "19/01/2026")):
        assert client.post("/reports/build", data={"start": start, "end": end}).status_code == 422
    for start, end in (
        ("01/01/2026", "31/01/2026"),
        ("01/01/2026", "31/03/2026"),
        ("01/01/2026", "31/12/2026"),
    ):
        assert client.post("/reports/build", data={"start": start, "end": end}).status_code == 302


def test_a_province_officer_still_builds_any_range(app, client, auth, hanoi):
    auth.login(hanoi.officer)
    response = client.post("/reports/build", data={"start": "01/01/2026", "end": "15/01/2026"})
    assert response.status_code == 302
