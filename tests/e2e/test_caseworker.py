"""A caseworker registers a person, finds them again by typing without diacritics, and
records a home visit that completes a follow-up; "my work today" updates. With the keyboard
alone too."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.e2e.conftest import (
    PASSWORD,
    birth_year,
    log_in,
    screenshot,
    serious_accessibility_violations,
    start_registration,
    tab_to,
    tab_to_control,
    tab_to_field,
    unlabelled_fields,
)


def test_register_then_find_without_diacritics(new_page, viewport, lang, t):
    page = new_page()
    log_in(page, "canbo.xa", lang)
    screenshot(page, f"home-caseworker-{lang}", viewport)
    assert serious_accessibility_violations(page) == []

    name = f"Vương Thị Hạnh {viewport.capitalize()} {lang.upper()}"
    year = birth_year("register", viewport, lang)
    start_registration(page, t, name=name, year=year, sex="female", released="01/09/2025",
                       notified="29/08/2025")  # fmt: skip
    if lang == "vi":
        assert page.get_by_label("Họ và tên").is_visible()
    page.get_by_label(t("Date of birth")).fill(f"12/06/{year}")
    page.get_by_label(t("Housing")).check()
    screenshot(page, f"register-{lang}", viewport)
    assert serious_accessibility_violations(page) == []
    assert unlabelled_fields(page) == []
    page.get_by_role("button", name=t("Register"), exact=True).click()

    page.wait_for_url(re.compile(r"/cases/\d+$"))
    assert page.get_by_test_id("person-name").inner_text().startswith("Vương Thị Hạnh")
    deadline = page.get_by_test_id("arrival-deadline").inner_text()
    assert (
        t(
            "Verify the residence by %(day)s (3 working days after the notice of %(notice)s).",
            day="05/09/2025",
            notice="29/08/2025",
        )
        in deadline
    )
    if lang == "vi":
        assert "Xác minh nơi cư trú trước ngày 05/09/2025" in deadline
    screenshot(page, f"case-file-{lang}", viewport)
    assert serious_accessibility_violations(page) == []

    page.goto("/people/")
    page.get_by_label(t("Name or ID number")).fill(f"vuong thi hanh {viewport} {lang}")
    page.get_by_role("button", name=t("Search")).click()
    rows = page.get_by_test_id("case-row")
    assert rows.count() == 1
    assert "Vương Thị Hạnh" in rows.first.inner_text()
    screenshot(page, f"people-list-{lang}", viewport)
    assert serious_accessibility_violations(page) == []


def test_register_find_and_record_the_visit_that_completes_a_follow_up(new_page, viewport, lang, t):
    """The whole first week of a case: registered as having reported four days ago, found
    again without diacritics, visited at home; the visit answers the first weekly
    follow-up and "my work today" shows one follow-up fewer this week."""
    page = new_page()
    log_in(page, "canbo.xa", lang)
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    name = f"Lò Văn Thắng {viewport.capitalize()} {lang.upper()}"
    start_registration(
        page, t, name=name, year=birth_year("first_week", viewport, lang), sex="male",
        released=ddmmyyyy(today - timedelta(days=6)),
        notified=ddmmyyyy(today - timedelta(days=6)),
    )  # fmt: skip
    page.get_by_label(t("Stage")).select_option("received")
    page.get_by_label(t("Received at the commune on")).fill(ddmmyyyy(today - timedelta(days=4)))
    page.get_by_role("button", name=t("Register"), exact=True).click()
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    case_url = page.url

    page.goto("/")
    this_week = page.locator('[data-testid="work-block"][data-block="this_week"]')
    before = int(this_week.get_attribute("data-total"))
    screenshot(page, f"my-work-{lang}", viewport)
    assert serious_accessibility_violations(page) == []

    page.goto("/people/")
    page.get_by_label(t("Name or ID number")).fill(f"lo van thang {viewport} {lang}")
    page.get_by_role("button", name=t("Search")).click()
    rows = page.get_by_test_id("case-row")
    assert rows.count() == 1
    rows.first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/cases/\d+"))
    assert page.url.startswith(case_url)

    page.get_by_role("link", name=t("Contacts"), exact=True).click()
    page.get_by_role("link", name=t("Record a contact")).click()
    page.get_by_label(t("Kind of contact")).select_option("home_visit")
    page.get_by_label(t("Who took part")).fill("Người được theo dõi, mẹ, cán bộ Công an xã")
    page.get_by_label(t("What happened")).fill("Đã đi làm phụ hồ, gia đình ổn định")
    answers = page.get_by_label(t("This contact answers the follow-up"))
    follow_up_id = answers.locator("option:not([value=''])").first.get_attribute("value")
    answers.select_option(follow_up_id)
    screenshot(page, f"contact-form-{lang}", viewport)
    assert serious_accessibility_violations(page) == []
    assert unlabelled_fields(page) == []
    page.get_by_role("button", name=t("Save")).click()
    page.wait_for_load_state()
    assert t("Contact recorded.") in page.content()

    page.goto("/")
    this_week = page.locator('[data-testid="work-block"][data-block="this_week"]')
    assert int(this_week.get_attribute("data-total")) == before - 1
    assert page.locator(f'[data-follow-up-id="{follow_up_id}"]').count() == 0
    screenshot(page, f"my-work-after-visit-{lang}", viewport)


def ddmmyyyy(day) -> str:
    return day.strftime("%d/%m/%Y")


def test_a_mistyped_release_is_corrected_from_the_case_file(new_page, viewport, lang, t):
    """Registered with the wrong release date; the caseworker corrects it from the Release
    tab (the offence details stay hidden) and the history keeps both dates."""
    page = new_page()
    log_in(page, "canbo.xa", lang)
    start_registration(
        page, t, name=f"Hà Văn Sửa {viewport.capitalize()} {lang.upper()}",
        year=birth_year("release_correction", viewport, lang), sex="male",
        released="10/09/2025", notified="29/08/2025",
    )  # fmt: skip
    page.get_by_role("button", name=t("Register"), exact=True).click()
    page.wait_for_url(re.compile(r"/cases/\d+$"))

    page.get_by_role("link", name=t("Release"), exact=True).click()
    page.get_by_role("link", name=t("Correct the release")).click()
    expect(page.get_by_test_id("offence-hidden")).to_be_visible()
    page.get_by_label(t("Release date")).fill("01/09/2025")
    page.get_by_label(t("Certificate number")).fill("GCN-2025-0901")
    screenshot(page, f"release-correction-{lang}", viewport)
    assert serious_accessibility_violations(page) == []
    assert unlabelled_fields(page) == []
    page.get_by_role("button", name=t("Save")).click()

    page.wait_for_url(re.compile(r"/cases/\d+\?tab=release$"))
    assert t("Saved.") in page.content()
    assert "01/09/2025" in page.content() and "GCN-2025-0901" in page.content()
    page.get_by_role("link", name=t("History"), exact=True).click()
    assert "10/09/2025 → 01/09/2025" in page.content()


def test_the_keyboard_alone_registers_and_finds(new_page, viewport):
    """Log in, open the registration form, fill it, save, search and open the case with
    Tab, typing, arrow keys, Space and Enter only: no click anywhere."""
    page = new_page()
    page.goto("/login")
    tab_to_field(page, "Tên đăng nhập")
    page.keyboard.type("canbo.xa")
    tab_to_field(page, "Mật khẩu")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/")
    if page.locator("html").get_attribute("lang") != "vi":  # an English run left it so
        tab_to_control(page, "Tiếng Việt")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    if viewport == "phone":
        tab_to(page, "el.matches('button.navbar-toggler')")
        page.keyboard.press("Enter")
    tab_to_control(page, "Hồ sơ theo dõi")  # the menu's drop-down holding the form
    page.keyboard.press("Enter")
    tab_to_control(page, "Tiếp nhận người mới")
    page.keyboard.press("Enter")
    page.wait_for_url("**/people/new")

    name = f"Hà Văn Phím {viewport}"
    for label, keys in (
        ("Họ và tên", name),
        ("Ngày sinh", "03/02/1990"),
        ("Năm sinh", "1990"),
    ):
        tab_to_field(page, label)
        page.keyboard.type(keys)
    tab_to_field(page, "Giới tính")
    page.keyboard.type("Nam")
    tab_to_field(page, "Hình thức ra tù")
    page.keyboard.type("Chấp hành xong")
    tab_to_field(page, "Ngày ra tù")
    page.keyboard.type("01/09/2025")
    tab_to_field(page, "Ngày nhận thông báo")
    page.keyboard.type("29/08/2025")
    tab_to_field(page, "Nhà ở")
    page.keyboard.press("Space")
    tab_to_control(page, "Tiếp nhận")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    assert page.get_by_test_id("person-name").inner_text().startswith(name)

    page.goto("/people/")
    tab_to_field(page, "Họ tên hoặc số định danh")
    page.keyboard.type(f"ha van phim {viewport}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "el.closest('[data-testid=case-row]') && el.tagName === 'A'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/\d+"))
    assert page.get_by_test_id("person-name").inner_text().startswith(name)


def test_the_address_pasted_from_the_papers_fills_commune_and_street(new_page, viewport, lang, t):
    # Phường Châu Cầu (TP. Phủ Lý, Hà Nam) is now Phường Phủ Lý, one of canbo.xa's communes.
    page = new_page()
    log_in(page, "canbo.xa", lang)
    page.goto("/people/new")
    page.get_by_label(t("Full name")).fill("Mai Văn Tùng")
    page.get_by_label(t("Address as written on the release papers")).fill(
        "Số 12 Lê Lợi, P. Châu Cầu, TP. Phủ Lý, Hà Nam"
    )
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name=t("Read the address")).click()
    page.get_by_text(t("Read as %(commune)s (converted from the units before July 2025).",
                       commune="Phường Phủ Lý, Tỉnh Ninh Bình")).wait_for()  # fmt: skip
    assert page.evaluate("window.notReloaded === true")  # read in place by the script
    assert page.get_by_label(t("Full name")).input_value() == "Mai Văn Tùng"
    assert page.get_by_label(t("Permanent residence (house, street, village)")).input_value() == (
        "Số 12 Lê Lợi"
    )
    assert page.locator("#residence_commune_code").input_value() == "13285"
    assert page.locator("#commune_code").input_value() == "13285"
    assert serious_accessibility_violations(page) == []
