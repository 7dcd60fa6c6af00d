"""A loan application goes to the Women's Union, comes back with a comment, is fixed,
resubmitted and endorsed: the caseworker and the union reviewer in their own browsers."""

import re

from tests.e2e.conftest import log_in, screenshot, serious_accessibility_violations


def open_first_case(page, name: str) -> None:
    page.goto("/people/")
    page.get_by_label("Họ tên hoặc số định danh").fill(name)
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_test_id("case-row").first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/cases/\d+"))


def step(page, label: str, comment: str | None = None) -> None:
    button = page.get_by_role("button", name=label, exact=True)
    form = page.locator("form[data-action]").filter(has=button)
    if comment is not None:
        form.get_by_label("Ý kiến").fill(comment)
    form.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_return_fix_resubmit_endorse(new_page, viewport):
    caseworker, reviewer = new_page(), new_page()
    log_in(caseworker, "canbo.xa")
    log_in(reviewer, "hoi.phunu")

    open_first_case(caseworker, "le van cuong")
    caseworker.get_by_role("link", name="Vay vốn", exact=True).click()
    caseworker.get_by_role("link", name="Lập hồ sơ vay vốn cho người này").click()
    caseworker.get_by_label("Tổ chức chính trị - xã hội").select_option("womens_union")
    caseworker.get_by_label("Tổ tiết kiệm và vay vốn").fill("Tổ TK&VV thôn Đông " + viewport)
    caseworker.get_by_label("Mục đích vay").select_option("production_business")
    caseworker.get_by_label("Số tiền đề nghị vay (đồng)").fill("150.000.000")
    caseworker.get_by_label("Thời hạn vay (tháng)").fill("36")
    caseworker.get_by_label("Phương án sử dụng vốn").fill("Mua máy hàn và vật tư mở xưởng cơ khí")
    caseworker.get_by_label("Chủ hộ", exact=True).fill("Lê Văn Cường")
    screenshot(caseworker, "loan-form", viewport)
    assert serious_accessibility_violations(caseworker) == []
    caseworker.get_by_role("button", name="Lưu").click()
    caseworker.wait_for_url(re.compile(r"/loans/\d+$"))
    application_url = caseworker.url
    # 150 million is over the 100 million ceiling for production: submitting is refused.
    assert caseworker.get_by_role("button", name="Gửi tổ chức hội").is_disabled()
    caseworker.goto(application_url + "/edit")
    caseworker.get_by_label("Số tiền đề nghị vay (đồng)").fill("80.000.000")
    caseworker.get_by_role("button", name="Lưu").click()
    step(caseworker, "Gửi tổ chức hội")
    screenshot(caseworker, "loan-application", viewport)

    reviewer.goto("/loans/review")
    screenshot(reviewer, "review-queue", viewport)
    assert serious_accessibility_violations(reviewer) == []
    reviewer.goto(application_url)
    step(reviewer, "Nhận thẩm định")
    step(reviewer, "Trả lại để bổ sung", comment="Bổ sung giấy xác nhận của Tổ trưởng")
    assert "Trả lại để bổ sung" in reviewer.content()

    caseworker.goto(application_url)
    assert "Bổ sung giấy xác nhận của Tổ trưởng" in caseworker.content()
    caseworker.goto(application_url + "/edit")
    caseworker.get_by_label("Phương án sử dụng vốn").fill(
        "Mua máy hàn và vật tư mở xưởng cơ khí; đã có xác nhận của Tổ trưởng"
    )
    caseworker.get_by_role("button", name="Lưu").click()
    step(caseworker, "Gửi lại")

    reviewer.goto(application_url)
    step(reviewer, "Nhận thẩm định")
    step(reviewer, "Chấp thuận", comment="Đủ điều kiện")
    assert "Tổ chức hội đã chấp thuận" in reviewer.content()
    screenshot(reviewer, "loan-endorsed", viewport)
    # The reviewer never reaches the case file.
    assert reviewer.goto(caseworker_case_url(caseworker)).status == 403


def caseworker_case_url(page) -> str:
    link = page.get_by_role("link", name="Hồ sơ theo dõi").first
    return link.get_attribute("href")
