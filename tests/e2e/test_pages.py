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
