"""Every page fits a phone: at 390 × 844 no page of any demo account scrolls sideways (every
menu page, every tab of a case file, and the pages a case leads to), and no button is off the
screen unless it sits in a table that scrolls in its own frame. The committee viewer's
dashboard is photographed at desktop and phone size (tests/e2e/screenshots/)."""

import re

import pytest

from tests.e2e.conftest import VIEWPORTS, log_in, screenshot

ACCOUNTS = ("canbo.xa", "tinh.ninhbinh", "hoi.phunu", "lanhdao.tinh", "lanhdao.quocgia", "admin")
PHONE = VIEWPORTS["phone"]

# The buttons and button-like links whose right edge is past the screen, except those in a
# frame that scrolls sideways (a wide table scrolling inside its own frame).
BUTTONS_OFF_SCREEN = """width => Array.from(
    document.querySelectorAll('button, .btn, input[type=submit]')
  ).filter(el => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) return false;
    for (let up = el.parentElement; up; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return false;
    }
    return true;
  })
  .map(el => (el.innerText || el.value || el.getAttribute('aria-label') || el.tagName).trim())"""


def menu_links(page) -> list[str]:
    return page.eval_on_selector_all(
        "#main-nav a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
    )


def case_pages(page) -> list[str]:
    """The first case of the list, each tab of its file, and where the file leads."""
    page.goto("/people/")
    href = page.get_by_test_id("case-row").first.get_by_role("link").first.get_attribute("href")
    case_id = re.search(r"/cases/(\d+)", href).group(1)
    page.goto(href)
    tabs = page.eval_on_selector_all(
        "ul.nav-tabs a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
    )
    leads = [f"/training/cases/{case_id}/courses", f"/jobs/cases/{case_id}/openings"]
    # A page of each thing the demo's lists hold: a loan, a placement, a referral.
    for listing, pattern in (
        ("/loans/", r"/loans/\d+"),
        (f"/cases/{case_id}?tab=training_jobs", r"/(?:training/placements|jobs/referrals)/\d+"),
    ):
        page.goto(listing)
        found = re.findall(rf'href="({pattern})"', page.content())
        leads += found[:2]
    return [href, *tabs, *leads]


def overflow(page) -> tuple[int, list[str]]:
    width = page.evaluate("document.documentElement.scrollWidth")
    return width, page.evaluate(BUTTONS_OFF_SCREEN, PHONE["width"])


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize("username", ACCOUNTS)
def test_no_page_scrolls_sideways_on_a_phone(new_page, viewport, username):
    page = new_page()
    log_in(page, username, "vi")
    pages = list(dict.fromkeys(menu_links(page)))
    if username in ("canbo.xa", "tinh.ninhbinh"):
        pages += case_pages(page)
    if username == "tinh.ninhbinh":
        page.goto("/reports/snapshots")
        pages += re.findall(r'href="(/reports/\d+)"', page.content())[:1]
    if username == "admin":
        pages += ["/admin/loan-rules/"]
    assert len(pages) >= 4
    wide = {}
    for href in dict.fromkeys(pages):
        response = page.goto(href)
        assert response.status == 200, href
        page.wait_for_load_state("networkidle")
        width, buttons = overflow(page)
        if width > PHONE["width"] or buttons:
            wide[href] = (width, buttons)
    assert wide == {}, f"wider than {PHONE['width']} px at {username}: {wide}"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_committee_dashboard_photographed(new_page, viewport):
    page = new_page()
    log_in(page, "lanhdao.tinh", "vi")
    page.goto("/reports/?kind=quarter")
    page.wait_for_load_state("networkidle")
    tiles = page.get_by_test_id("headline-figures").locator("[data-testid='tile-value']")
    assert tiles.count() == 9
    received = tiles.first.inner_text()
    assert received not in ("0", "< 5")  # the demo province's quarter has people in it
    # The charts were drawn (Chart.js sizes each canvas to its frame).
    assert page.locator("canvas[data-chart]").first.bounding_box()["height"] > 200
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[viewport]["width"]
    screenshot(page, "committee-dashboard", viewport)
