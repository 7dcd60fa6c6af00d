"""End-to-end: the app served by `flask run` on 127.0.0.1 with a fresh SQLite database,
driven by Playwright in Debian's Chromium (/usr/bin/chromium; `playwright install` cannot
download browsers here). Run with `make e2e`; the unit suites skip this folder.

Every scenario runs at a desktop and a phone viewport, in Vietnamese and in English (the
user switches language after logging in), and screenshots of the main pages go to
tests/e2e/screenshots/ (not committed) for a reviewer to look at.

Scenarios name what they look for by the English msgid and `t()` turns it into the words of
the page's language from the project's compiled catalogue: a Vietnamese page still showing the
English words fails the Vietnamese run. The words a user reads first are also asserted
literally in Vietnamese, with their diacritics.
"""

import gettext
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "e2e-demo-password"
HERE = Path(__file__).resolve().parent
CATALOGUES = HERE.parents[1] / "reintegration" / "translations"
LANGUAGES = ("vi", "en")
LANGUAGE_BUTTON = {"vi": "Tiếng Việt", "en": "English"}
SCREENSHOTS = HERE / "screenshots"
SERVER_START_SECONDS = 120
AXE = HERE / "vendor" / "axe-core-4.11.0" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# The browser tests share one database, and people of one family, given name and birth
# year are rightly held as possibly the same person: each test registers people born in
# years of its own, one per run (viewport × language), from its first year here.
FIRST_BIRTH_YEAR = {"release_correction": 1960, "import": 1970, "first_week": 1980,
                    "register": 1991}  # fmt: skip
# Chromium as the machine's probe starts it: no sandbox (root), no background networking.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask(*args: str, env: dict) -> None:
    subprocess.run(  # noqa: S603 (our own command line)
        [sys.executable, "-m", "flask", *args], env=env, check=True, capture_output=True
    )


@pytest.fixture(scope="session")
def server_env(tmp_path_factory) -> dict:
    """The environment of the served app, for `flask` commands run beside it (the
    scheduler's jobs, say) on the same database."""
    workdir = tmp_path_factory.mktemp("e2e")
    return {
        **os.environ,
        "FLASK_APP": "reintegration",
        "REINTEGRATION_DATABASE_URL": f"sqlite:///{workdir / 'e2e.db'}",
        "REINTEGRATION_DEMO_PASSWORD": PASSWORD,
    }


@pytest.fixture(scope="session")
def live_server(server_env):
    """The app on a free port of 127.0.0.1, with the demo data and one known password."""
    env = server_env
    for command in (
        ("db", "upgrade"),
        ("geo", "load"),
        ("seed-demo",),
        # The reports of the periods that have ended, as the scheduler builds them at night.
        ("scheduler", "run-job", "reports.build_period_snapshots"),
    ):
        flask(*command, env=env)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "flask", "run", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    # On a machine shared by many, starting the app may take tens of seconds.
    deadline = time.monotonic() + SERVER_START_SECONDS
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/login", timeout=5)  # noqa: S310 (loopback)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("the e2e server stopped at start-up") from None
                if time.monotonic() > deadline:
                    raise RuntimeError("the e2e server did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/install-system-packages.sh e2e installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture(params=LANGUAGES)
def lang(request) -> str:
    return request.param


class Words:
    """The page's words for an English msgid, in one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self._catalogue = gettext.translation(
            "messages", localedir=CATALOGUES, languages=[lang], fallback=lang == "en"
        )

    def __call__(self, msgid: str, **values) -> str:
        text = self._catalogue.gettext(msgid)
        return text % values if values else text


@pytest.fixture
def t(lang) -> Words:
    return Words(lang)


@pytest.fixture
def new_page(browser, live_server, viewport):
    """Pages in fresh browser contexts (one per user in a scenario) at the viewport."""
    contexts = []

    def make():
        # Reduced motion: Bootstrap then draws no colour transitions, so the accessibility
        # check never reads a button's colours halfway through a hover.
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            base_url=live_server,
            locale="vi-VN",
            reduced_motion="reduce",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, username: str, lang: str = "vi") -> None:
    """Log in on the Vietnamese login page, then choose ``lang`` with the language switch
    (the choice is remembered on the account, so it is set both ways every time)."""
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")
    if page.locator("html").get_attribute("lang") != lang:
        with page.expect_navigation():
            page.get_by_role("button", name=LANGUAGE_BUTTON[lang]).click()
    assert page.locator("html").get_attribute("lang") == lang


def tab_to(page, matches: str, arg: object = None, *, presses: int = 80) -> None:
    """Press Tab until the focused element ``el`` satisfies ``matches`` (a JavaScript
    expression over ``el`` and ``arg``): proof the control is reachable with the keyboard
    alone, in the page's order."""
    check = f"(arg) => {{ const el = document.activeElement; return !!({matches}); }}"
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(check, arg):
            return
    raise AssertionError(f"Tab never reached an element where {matches} ({arg!r})")


def tab_to_field(page, label: str) -> None:
    """Tab to the form field whose label reads ``label``."""
    tab_to(
        page,
        "el.labels && Array.from(el.labels).some("
        "l => l.textContent.replace(/\\s+/g, ' ').trim() === arg)",
        label,
    )


def tab_to_control(page, name: str) -> None:
    """Tab to the link or button whose text reads ``name``."""
    tab_to(page, "el.textContent.replace(/\\s+/g, ' ').trim() === arg", name)


def birth_year(test: str, viewport: str, lang: str) -> int:
    """The year ``test`` gives the person of this run (see FIRST_BIRTH_YEAR)."""
    return FIRST_BIRTH_YEAR[test] + list(VIEWPORTS).index(viewport) * 2 + LANGUAGES.index(lang)


def start_registration(page, t, *, name: str, year: int, sex: str, released: str,
                       notified: str) -> None:  # fmt: skip
    """Open the registration form and fill what every registration needs (a sentence
    completed); the test adds the rest and registers."""
    page.goto("/people/new")
    page.get_by_label(t("Full name")).fill(name)
    page.get_by_label(t("Year of birth")).fill(str(year))
    page.get_by_label(t("Sex")).select_option(sex)
    page.get_by_label(t("Release type")).select_option("sentence_completed")
    page.get_by_label(t("Release date")).fill(released)
    page.get_by_label(t("Notice of arrival received on")).fill(notified)


def unlabelled_fields(page) -> list[str]:
    """The form fields a screen reader cannot name: no <label>, no aria-label(ledby)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('input, select, textarea'))
            .filter(el => !['hidden', 'submit', 'button', 'reset'].includes(el.type))
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                          && !el.getAttribute('aria-labelledby'))
            .map(el => el.outerHTML.slice(0, 120))"""
    )


def screenshot(page, name: str, viewport: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{viewport}.png"), full_page=True)


def serious_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the current page, as readable lines."""
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy (no
    # inline scripts) does not govern; a <script> tag would rightly be refused.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
