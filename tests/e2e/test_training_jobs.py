"""A caseworker finds a course that fits a person and refers them, then an opening, and
records the hire: the retention checks at 1, 3 and 6 months appear on the referral."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.e2e.conftest import log_in, screenshot, serious_accessibility_violations

# (viewport, language) → the demo person, the course and the opening of that run: each run
# its own person, and no opening hired past its three seats.
RUNS = {
    ("desktop", "vi"): ("nguyen van an", "Hàn điện cơ bản", "Thợ hàn"),
    ("desktop", "en"): ("tran thi binh", "Nấu ăn", "Phụ bếp"),
    ("phone", "vi"): ("le van cuong", "Hàn điện cơ bản", "Thợ hàn"),
    ("phone", "en"): ("do thi giang", "Nấu ăn", "Phụ bếp"),
}


def test_refer_to_a_course_and_an_opening_then_record_the_hire(new_page, viewport, lang, t):
    person, course, opening = RUNS[(viewport, lang)]
    page = new_page()
    log_in(page, "canbo.xa", lang)
    page.goto("/people/")
    page.get_by_label(t("Name or ID number")).fill(person)
    page.get_by_role("button", name=t("Search")).click()
    page.get_by_test_id("case-row").first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/cases/\d+"))
    case_url = page.url.split("?")[0]

    page.get_by_role("link", name=t("Training and jobs"), exact=True).click()
    screenshot(page, f"training-jobs-tab-{lang}", viewport)
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name=t("Find a course that fits")).click()
    screenshot(page, f"courses-that-fit-{lang}", viewport)
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name=t("Refer to %(course)s", course=course)).click()
    page.wait_for_url(re.compile(r"/training/placements/\d+$"))
    assert course in page.get_by_role("heading", level=1).inner_text() + page.content()
    screenshot(page, f"placement-{lang}", viewport)

    page.goto(case_url + "?tab=training_jobs")
    page.get_by_role("link", name=t("Find openings for this person")).click()
    screenshot(page, f"openings-for-person-{lang}", viewport)
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name=f"{t('Refer')} {opening}", exact=True).click()
    page.wait_for_url(re.compile(r"/jobs/referrals/\d+$"))

    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    hire = page.locator("form[data-action='hire']")
    hire.get_by_label(t("First day of work")).fill(today.strftime("%d/%m/%Y"))
    hire.get_by_role("button").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("hired-on").inner_text() == today.strftime("%d/%m/%Y")
    checks = page.locator("section[aria-labelledby='retention-heading'] tbody tr")
    assert checks.count() == 3
    screenshot(page, f"referral-hired-{lang}", viewport)
    assert serious_accessibility_violations(page) == []
