"""A committee viewer opens the dashboard and downloads the report as PDF and XLSX."""

from openpyxl import load_workbook

from tests.e2e.conftest import log_in, screenshot, serious_accessibility_violations


def test_dashboard_and_downloads(new_page, viewport, lang, t, tmp_path):
    page = new_page()
    log_in(page, "lanhdao.tinh", lang)
    page.goto("/reports/")
    assert page.get_by_role("heading", level=1).is_visible()
    screenshot(page, f"dashboard-{lang}", viewport)
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name=t("Open the report")).first.click()
    page.wait_for_load_state()
    assert "Ninh Bình" in page.content()
    screenshot(page, f"report-{lang}", viewport)
    assert serious_accessibility_violations(page) == []

    # The PDF opens in the browser (inline); fetch it with the viewer's own session.
    pdf_link = page.get_by_role("link", name="PDF", exact=True).get_attribute("href")
    # A province of 129 communes on a loaded machine may take more than the default 10 s.
    pdf = page.context.request.get(pdf_link, timeout=60_000)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="XLSX", exact=True).click()
    xlsx = tmp_path / "report.xlsx"
    xlsx_download.value.save_as(xlsx)
    workbook = load_workbook(xlsx)
    assert workbook.sheetnames
    assert workbook.active.max_row > 1
