"""A loan application goes to the Women's Union, comes back with a comment, is fixed,
resubmitted and endorsed: the caseworker and the union reviewer in their own browsers."""

import re

from tests.e2e.conftest import (
    log_in,
    screenshot,
    serious_accessibility_violations,
    unlabelled_fields,
)


def open_first_case(page, t, name: str) -> None:
    page.goto("/people/")
    page.get_by_label(t("Name or ID number")).fill(name)
    page.get_by_role("button", name=t("Search")).click()
    page.get_by_test_id("case-row").first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/cases/\d+"))


def step(page, t, label: str, comment: str | None = None) -> None:
    label = t(label)
    button = page.get_by_role("button", name=label, exact=True)
    form = page.locator("form[data-action]").filter(has=button)
    if comment is not None:
        form.get_by_label(t("Comments")).fill(comment)
    form.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def test_return_fix_resubmit_endorse(new_page, viewport, lang, t):
    caseworker, reviewer = new_page(), new_page()
    log_in(caseworker, "canbo.xa", lang)
    log_in(reviewer, "hoi.phunu", lang)

    open_first_case(caseworker, t, "le van cuong")
    caseworker.get_by_role("link", name=t("Loans"), exact=True).click()
    caseworker.get_by_role("link", name=t("New application for this person")).click()
    caseworker.get_by_label(t("Mass organisation")).select_option("womens_union")
    caseworker.get_by_label(t("Savings-and-loan group")).fill(
        f"Tổ TK&VV thôn Đông {viewport} {lang}"
    )
    caseworker.get_by_label(t("Purpose"), exact=True).select_option("production_business")
    caseworker.get_by_label(t("Amount requested (đồng)")).fill("150.000.000")
    caseworker.get_by_label(t("Term (months)")).fill("36")
    caseworker.get_by_label(t("Use of the money")).fill("Mua máy hàn và vật tư mở xưởng cơ khí")
    caseworker.get_by_label(t("Head of the household"), exact=True).fill("Lê Văn Cường")
    screenshot(caseworker, f"loan-form-{lang}", viewport)
    assert serious_accessibility_violations(caseworker) == []
    assert unlabelled_fields(caseworker) == []
    caseworker.get_by_role("button", name=t("Save")).click()
    caseworker.wait_for_url(re.compile(r"/loans/\d+$"))
    application_url = caseworker.url
    # 150 million is over the 100 million ceiling for production: submitting is refused.
    assert caseworker.get_by_role("button", name=t("Submit to the organisation")).is_disabled()
    caseworker.goto(application_url + "/edit")
    caseworker.get_by_label(t("Amount requested (đồng)")).fill("80.000.000")
    caseworker.get_by_role("button", name=t("Save")).click()
    step(caseworker, t, "Submit to the organisation")
    screenshot(caseworker, f"loan-application-{lang}", viewport)
    application_id = application_url.rsplit("/", 1)[1]

    # The reviewer's start page shows the application waiting to be taken.
    reviewer.goto("/")
    waiting = reviewer.locator(
        f'[data-testid="work-line"][data-block="to_take"][data-id="{application_id}"]'
    )
    assert waiting.count() == 1
    screenshot(reviewer, f"reviewer-start-{lang}", viewport)
    assert serious_accessibility_violations(reviewer) == []
    reviewer.goto("/loans/review")
    screenshot(reviewer, f"review-queue-{lang}", viewport)
    assert serious_accessibility_violations(reviewer) == []
    reviewer.goto(application_url)
    step(reviewer, t, "Take under review")
    # The runs (viewport × language) share one database and one caseworker: words of
    # this run only, so the inbox shows whether this return reached them, and only once.
    comment = f"Bổ sung giấy xác nhận của Tổ trưởng (đơn số {application_id})"
    step(reviewer, t, "Return for changes", comment=comment)
    assert t("Returned for changes") in reviewer.content()

    # The caseworker finds the return in their inbox, with the reviewer's words.
    caseworker.goto("/notifications/")
    returned = caseworker.get_by_test_id("notification").filter(has_text=comment)
    assert returned.count() == 1
    screenshot(caseworker, f"inbox-returned-{lang}", viewport)
    caseworker.goto(application_url)
    assert comment in caseworker.content()
    caseworker.goto(application_url + "/edit")
    caseworker.get_by_label(t("Use of the money")).fill(
        "Mua máy hàn và vật tư mở xưởng cơ khí; đã có xác nhận của Tổ trưởng"
    )
    caseworker.get_by_role("button", name=t("Save")).click()
    step(caseworker, t, "Submit again")

    reviewer.goto(application_url)
    step(reviewer, t, "Take under review")
    step(reviewer, t, "Endorse", comment="Đủ điều kiện")
    assert t("Endorsed by the organisation") in reviewer.content()
    screenshot(reviewer, f"loan-endorsed-{lang}", viewport)
    # The reviewer never reaches the case file.
    assert reviewer.goto(caseworker_case_url(caseworker, t)).status == 403


def caseworker_case_url(page, t) -> str:
    link = page.get_by_role("link", name=t("Case file")).first
    return link.get_attribute("href")
