"""Pages and exports: scope, suppression on screen, charts, sign-off, drill-down, XLSX, PDF,
CSV; every export audited."""

import csv
import io
import json
import re
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.core.audit import AuditEvent
from reintegration.core.documents import neutralise
from reintegration.extensions import db
from reintegration.reports.models import AreaLevel, ReportSnapshot, SnapshotStatus
from reintegration.reports.services import snapshots
from tests.factories import HA_NOI, HUE
from tests.reports.conftest import BUILT_ON, Q1


def build_all(app) -> dict:
    with app.app_context():
        built = snapshots.build(
            Q1,
            [snapshots.NATION, (AreaLevel.PROVINCE, HA_NOI), (AreaLevel.PROVINCE, HUE)],
            today=BUILT_ON,
        )
        db.session.commit()
        return {"nation": built[0].id, "hanoi": built[1].id, "hue": built[2].id}


def audited(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        stmt = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(db.session.scalars(stmt))


def test_a_province_viewer_sees_only_its_province(app, client, auth, make_user, quarter_cases):
    ids = build_all(app)
    auth.login(make_user(role=Role.COMMITTEE_VIEWER, province_code=HA_NOI))
    assert client.get(f"/reports/{ids['hanoi']}").status_code == 200
    assert client.get(f"/reports/{ids['hue']}").status_code == 404
    assert client.get(f"/reports/{ids['nation']}").status_code == 404
    assert client.get(f"/reports/{ids['hue']}/report.xlsx").status_code == 404
    listing = client.get("/reports/snapshots").get_data(as_text=True)
    assert f"/reports/{ids['hanoi']}" in listing
    assert f"/reports/{ids['hue']}" not in listing


def test_the_national_viewer_sees_the_nation(app, client, auth, make_user, quarter_cases):
    ids = build_all(app)
    auth.login(make_user(role=Role.COMMITTEE_VIEWER, province_code=None))
    assert client.get(f"/reports/{ids['nation']}").status_code == 200
    assert client.get(f"/reports/{ids['hanoi']}").status_code == 404


def test_caseworkers_have_no_reports(app, client, auth, quarter_cases):
    auth.login(quarter_cases.hanoi.caseworker_x)
    assert client.get("/reports/").status_code == 403


def test_dashboard_hides_small_cells_and_carries_chart_data(
    app, client, auth, make_user, quarter_cases
):
    build_all(app)
    auth.login(make_user(role=Role.COMMITTEE_VIEWER, province_code=HA_NOI))
    page = client.get("/reports/?kind=quarter").get_data(as_text=True)
    assert "chartjs-4.6.1/chart.umd.min.js" in page
    assert "&lt; 5" in page
    blocks = re.findall(
        r'<script type="application/json" id="chart-received">(.*?)</script>', page, re.S
    )
    chart = json.loads(blocks[0])
    data = chart["series"][0]["data"]
    assert len(data) == len(chart["labels"])
    assert data.count(None) == 2  # communes X (2) and Y (1): hidden
    assert set(data) == {None, 0}
    assert "<script>" not in page  # no inline script


def test_officer_sees_real_numbers_and_drills_down(app, client, auth, quarter_cases):
    ids = build_all(app)
    auth.login(quarter_cases.hanoi.officer)
    page = client.get(f"/reports/{ids['hanoi']}").get_data(as_text=True)
    assert "&lt; 5" not in page
    response = client.get(
        f"/reports/{ids['hanoi']}/people/foreigners?commune={quarter_cases.hanoi.commune_x}"
    )
    assert response.status_code == 200
    events = audited(app, "report_people_listed")
    assert len(events) == 1 and len(events[0].detail["people"]) == 1


def test_viewers_cannot_drill_down(app, client, auth, make_user, quarter_cases):
    ids = build_all(app)
    auth.login(make_user(role=Role.COMMITTEE_VIEWER, province_code=HA_NOI))
    assert client.get(f"/reports/{ids['hanoi']}/people/received").status_code == 403


def test_officer_approves_from_the_page(app, client, auth, quarter_cases):
    ids = build_all(app)
    auth.login(quarter_cases.hanoi.officer)
    refused = client.post(f"/reports/{ids['hanoi']}/approve")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "khóa" in page  # what approving locks is said before it is done
    with app.app_context():
        assert db.session.get(ReportSnapshot, ids["hanoi"]).status == SnapshotStatus.DRAFT
    client.post(f"/reports/{ids['hanoi']}/approve", data={"confirm": "y"})
    with app.app_context():
        assert db.session.get(ReportSnapshot, ids["hanoi"]).status == SnapshotStatus.APPROVED
    too_long = "Bổ sung số liệu. " * 130  # over the 2,000 characters a reason takes
    refused = client.post(f"/reports/{ids['hanoi']}/correct", data={"reason": too_long})
    assert refused.status_code == 422
    assert too_long.strip() in refused.get_data(as_text=True)
    response = client.post(f"/reports/{ids['hanoi']}/correct", data={"reason": "Bổ sung"})
    assert response.status_code == 302
    with app.app_context():
        assert snapshots.latest_version(Q1, AreaLevel.PROVINCE, HA_NOI).version == 2


def test_on_demand_build_for_a_date_range(app, client, auth, quarter_cases):
    auth.login(quarter_cases.hanoi.officer)
    response = client.post("/reports/build", data={"start": "01/01/2026", "end": "15/02/2026"})
    assert response.status_code == 302
    with app.app_context():
        snapshot = db.session.scalar(select(ReportSnapshot))
        assert (snapshot.period_kind, snapshot.area_code) == ("custom", HA_NOI)
        assert snapshots.values_of(snapshot.id)[("received", 0)] == 2


def test_xlsx_reopens_with_the_same_numbers(app, client, auth, quarter_cases):
    ids = build_all(app)
    auth.login(quarter_cases.hanoi.officer)
    response = client.get(f"/reports/{ids['hanoi']}/report.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    assert len(book.sheetnames) == 2
    totals, communes = book.worksheets
    by_label = {row[0]: row[1] for row in totals.iter_rows(values_only=True) if row[0]}
    numbers = [v for v in by_label.values() if isinstance(v, int)]
    assert 3 in numbers and 80_000_000 in numbers and 700_000 in numbers
    header = next(communes.iter_rows(values_only=True))
    rows = {row[0]: row for row in communes.iter_rows(min_row=2, values_only=True)}
    received = rows[quarter_cases.hanoi.commune_x][header.index(header[2])]
    assert received == 2  # the first figure is "received"
    assert audited(app, "report_exported")[0].detail["format"] == "xlsx"


def test_viewer_exports_are_suppressed_too(app, client, auth, make_user, quarter_cases):
    ids = build_all(app)
    auth.login(make_user(role=Role.COMMITTEE_VIEWER, province_code=HA_NOI))
    text = client.get(f"/reports/{ids['hanoi']}/report.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.split("\n", 1)[1])))
    total = {r["figure"]: r["value"] for r in rows if r["unit_code"] == "0"}
    assert total["received"] == "< 5"
    assert total["followed"] == "5"


def test_pdf_is_in_vietnamese_with_the_letterhead(app, client, auth, quarter_cases):
    ids = build_all(app)
    auth.login(quarter_cases.hanoi.officer)
    response = client.get(f"/reports/{ids['hanoi']}/report.pdf")
    assert response.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "ỦY BAN NHÂN DÂN" in text
    assert "HÀ NỘI" in text
    assert audited(app, "report_exported")[0].detail["format"] == "pdf"


def test_csv_neutralises_formulas():
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    for start in ("+", "-", "@", "\t", "\r"):
        assert neutralise(start + "x") == "'" + start + "x"
    assert neutralise("Xã Đông") == "Xã Đông"
    assert neutralise(-5) == -5


def test_training_and_employment_in_the_pages_and_every_export(
    app, client, auth, quarter_cases, work_world
):
    ids = build_all(app)
    x = quarter_cases.hanoi.commune_x
    auth.login(quarter_cases.hanoi.officer)
    page = client.get(f"/reports/{ids['hanoi']}").get_data(as_text=True)
    assert "Số người đang học nghề" in page and "Còn làm việc sau 3 tháng" in page
    assert f"/reports/{ids['hanoi']}/people/employed_3_months" in page
    dashboard = client.get("/reports/?kind=quarter").get_data(as_text=True)
    assert 'id="chart-in_training"' in dashboard and 'id="chart-employed"' in dashboard

    text = client.get(f"/reports/{ids['hanoi']}/report.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.split("\n", 1)[1])))
    total = {r["figure"]: r["value"] for r in rows if r["unit_code"] == "0"}
    in_x = {r["figure"]: r["value"] for r in rows if r["unit_code"] == str(x)}
    assert (total["in_training"], total["employed"], total["reached_6_months"]) == ("4", "4", "2")
    assert (in_x["training_certified"], in_x["hired"], in_x["jobs_lost"]) == ("1", "1", "1")

    book = load_workbook(io.BytesIO(client.get(f"/reports/{ids['hanoi']}/report.xlsx").data))
    totals, communes = book.worksheets
    by_label = {row[0]: row[1] for row in totals.iter_rows(values_only=True) if row[0]}
    assert by_label["Số người đang học nghề"] == 4
    assert by_label["Số người có việc làm"] == 4
    header = next(communes.iter_rows(values_only=True))
    row_x = next(r for r in communes.iter_rows(min_row=2, values_only=True) if r[0] == x)
    assert row_x[header.index("Còn làm việc sau 3 tháng")] == 1

    pdf = client.get(f"/reports/{ids['hanoi']}/report.pdf").data
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Số người đang học nghề" in pdf_text and "Được cấp chứng chỉ nghề" in pdf_text

    response = client.get(f"/reports/{ids['hanoi']}/people/employed_3_months?commune={x}")
    assert response.status_code == 200
    assert audited(app, "report_people_listed")[0].detail["people"] == [work_world.e1_person]


def test_exports_give_local_times_and_headings_in_words(app, client, auth, quarter_cases):
    ids = build_all(app)
    auth.login(quarter_cases.hanoi.officer)
    with app.app_context():
        built_at = db.session.get(ReportSnapshot, ids["hanoi"]).built_at
    book = load_workbook(io.BytesIO(client.get(f"/reports/{ids['hanoi']}/report.xlsx").data))
    info = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row[0]}
    local = built_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None)
    assert abs((info["Lập lúc"] - local).total_seconds()) < 60
    text = client.get(f"/reports/{ids['hanoi']}/report.csv").get_data(as_text=True)
    words, codes, first = list(csv.reader(io.StringIO(text)))[:3]
    assert words[:3] == ["Kỳ báo cáo", "Từ ngày", "Đến ngày"]
    assert "Mã chỉ tiêu" in words and "Chỉ tiêu" in words
    assert codes[0] == "period_kind" and "figure" in codes and "figure_label" in codes
    assert first[codes.index("figure")] == "received"
    assert first[codes.index("figure_label")] == "Số người được tiếp nhận"


def test_the_place_line_names_the_place_without_its_type(app, client, auth, quarter_cases):
    ids = build_all(app)
    auth.login(quarter_cases.hanoi.officer)
    response = client.get(f"/reports/{ids['hanoi']}/report.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Hà Nội, ngày" in text
    assert "Thành phố Hà Nội, ngày" not in text
