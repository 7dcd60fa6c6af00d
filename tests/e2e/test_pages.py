"""Every page of every demo account's menu: accessible (axe-core: no serious or critical
finding), every form field labelled, in Vietnamese with its diacritics; a screenshot each."""

import re

import pytest

from tests.e2e.conftest import (
    log_in,
    screenshot,
    serious_accessibility_violations,
    unlabelled_fields,
)

ACCOUNTS = ("canbo.xa", "tinh.ninhbinh", "hoi.phunu", "lanhdao.tinh", "admin")


def menu_links(page) -> list[str]:
    return page.eval_on_selector_all(
        "#main-nav a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
    )


@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_menu_page_is_accessible_and_labelled(new_page, viewport, username):
    page = new_page()
    log_in(page, username, "vi")
    links = list(dict.fromkeys(menu_links(page)))
    assert len(links) >= 2, "each account reaches at least its start page and one more"
    problems = {}
    for href in links:
        response = page.goto(href)
        assert response.status == 200, href
        assert page.locator("html").get_attribute("lang") == "vi"
        # Vietnamese words with their marks, not the English msgids, on every page.
        assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", page.content())
        found = serious_accessibility_violations(page) + [
            f"unlabelled: {field}" for field in unlabelled_fields(page)
        ]
        if found:
            problems[href] = found
        slug = href.strip("/").replace("/", "-") or "home"
        screenshot(page, f"page-{username}-{slug}", viewport)
    assert problems == {}


def test_the_audit_log_reads_in_vietnamese_without_codes_or_json(new_page, viewport):
    page = new_page()
    log_in(page, "tinh.ninhbinh", "vi")  # something to read: a login, the start page
    page = new_page()
    log_in(page, "admin", "vi")
    page.goto("/admin/audit")
    rows = page.get_by_test_id("audit-event")
    assert rows.count() >= 2
    table = page.locator("main table").inner_text()
    assert "Đăng nhập" in table and "Cán bộ cấp tỉnh" in table
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", table), "a code shown as is"
    assert "{" not in table and "}" not in table
    screenshot(page, "audit-log-vi", viewport)
    assert serious_accessibility_violations(page) == []
    assert unlabelled_fields(page) == []
