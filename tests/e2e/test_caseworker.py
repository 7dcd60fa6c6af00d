"""A caseworker registers a person and finds them again by typing without diacritics."""

import re

from tests.e2e.conftest import (
    log_in,
    screenshot,
    serious_accessibility_violations,
    switch_to_english,
)


def test_register_then_find_without_diacritics(new_page, viewport):
    page = new_page()
    log_in(page, "canbo.xa")
    screenshot(page, "home-caseworker", viewport)
    assert serious_accessibility_violations(page) == []

    page.goto("/people/new")
    page.get_by_label("Họ và tên").fill("Vương Thị Hạnh " + viewport.capitalize())
    page.get_by_label("Ngày sinh").fill("12/06/1991")
    page.get_by_label("Năm sinh").fill("1991")
    page.get_by_label("Giới tính").select_option("female")
    page.get_by_label("Hình thức ra tù").select_option("sentence_completed")
    page.get_by_label("Ngày ra tù").fill("01/09/2025")
    page.get_by_label("Ngày nhận thông báo").fill("29/08/2025")
    page.get_by_label("Nhà ở").check()
    screenshot(page, "register", viewport)
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Tiếp nhận", exact=True).click()

    page.wait_for_url(re.compile(r"/cases/\d+$"))
    assert page.get_by_test_id("person-name").inner_text().startswith("Vương Thị Hạnh")
    assert (
        "Xác minh nơi cư trú trước ngày 05/09/2025"
        in page.get_by_test_id("arrival-deadline").inner_text()
    )
    screenshot(page, "case-file", viewport)
    assert serious_accessibility_violations(page) == []

    page.goto("/people/")
    page.get_by_label("Họ tên hoặc số định danh").fill("vuong thi hanh " + viewport)
    page.get_by_role("button", name="Tìm kiếm").click()
    rows = page.get_by_test_id("case-row")
    assert rows.count() == 1
    assert "Vương Thị Hạnh" in rows.first.inner_text()
    screenshot(page, "people-list", viewport)
    assert serious_accessibility_violations(page) == []


def test_the_pages_in_english(new_page, viewport):
    """The choice of language is remembered on the account: the province officer's is used
    here and put back to Vietnamese at the end, so other scenarios stay in Vietnamese."""
    page = new_page()
    log_in(page, "tinh.ninhbinh")
    switch_to_english(page)
    page.goto("/people/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="People").is_visible()
    page.get_by_label("Name or ID number").fill("nguyen van an")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_test_id("case-row").count() >= 1
    screenshot(page, "people-list-en", viewport)
    page.get_by_role("button", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"


def test_the_keyboard_alone_logs_in(new_page, viewport):
    page = new_page()
    page.goto("/login")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the language buttons
    page.get_by_label("Tên đăng nhập").focus()
    page.keyboard.type("canbo.xa")
    page.keyboard.press("Tab")
    page.keyboard.type("e2e-demo-password")
    page.keyboard.press("Enter")
    page.wait_for_url("**/")
    assert page.get_by_test_id("signed-in-as").is_visible() or viewport == "phone"


def test_home_visit_completes_a_follow_up(new_page, viewport):
    """From "my work today", a follow-up due this week is answered by a home visit recorded
    in the contact log; the line leaves the list."""
    page = new_page()
    log_in(page, "canbo.xa")
    this_week = page.locator('[data-testid="work-block"][data-block="this_week"]')
    before = int(this_week.get_attribute("data-total"))
    assert before >= 1
    line = this_week.get_by_test_id("work-line").first
    follow_up_id = line.get_attribute("data-follow-up-id")
    line.click()
    page.wait_for_url(re.compile(r"/cases/\d+"))

    page.get_by_role("link", name="Tiếp xúc", exact=True).click()
    page.get_by_role("link", name="Ghi lần tiếp xúc").click()
    page.get_by_label("Hình thức tiếp xúc").select_option("home_visit")
    page.get_by_label("Người tham gia").fill("Người được theo dõi, mẹ, cán bộ Công an xã")
    page.get_by_label("Nội dung, diễn biến").fill("Đã đi làm phụ hồ, gia đình ổn định")
    page.get_by_label("Lần tiếp xúc này là lượt thăm gặp theo lịch").select_option(follow_up_id)
    screenshot(page, "contact-form", viewport)
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert "Đã ghi lần tiếp xúc." in page.content()

    page.goto("/")
    this_week = page.locator('[data-testid="work-block"][data-block="this_week"]')
    assert int(this_week.get_attribute("data-total")) == before - 1
    assert this_week.locator(f'[data-follow-up-id="{follow_up_id}"]').count() == 0
    screenshot(page, "my-work-after-visit", viewport)
