"""End-to-end: the app served by `flask run` on 127.0.0.1 with a fresh SQLite database,
driven by Playwright in Debian's Chromium (/usr/bin/chromium; `playwright install` cannot
download browsers here). Run with `make e2e`; the unit suites skip this folder.

Every scenario runs at a desktop and a phone viewport, and screenshots of the main pages
go to tests/e2e/screenshots/ (not committed) for a reviewer to look at.
"""

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
SCREENSHOTS = HERE / "screenshots"
AXE = HERE / "vendor" / "axe-core-4.11.0" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
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
def live_server(tmp_path_factory):
    """The app on a free port of 127.0.0.1, with the demo data and one known password."""
    workdir = tmp_path_factory.mktemp("e2e")
    env = {
        **os.environ,
        "FLASK_APP": "reintegration",
        "REINTEGRATION_DATABASE_URL": f"sqlite:///{workdir / 'e2e.db'}",
        "REINTEGRATION_DEMO_PASSWORD": PASSWORD,
    }
    for command in (
        ("db", "upgrade"),
        ("geo", "load"),
        ("calendar", "load-holidays"),
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
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/login", timeout=1)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the e2e server did not start")
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


@pytest.fixture
def new_page(browser, live_server, viewport):
    """Pages in fresh browser contexts (one per user in a scenario) at the viewport."""
    contexts = []

    def make():
        context = browser.new_context(
            viewport=VIEWPORTS[viewport], base_url=live_server, locale="vi-VN"
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")


def switch_to_english(page) -> None:
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()


def screenshot(page, name: str, viewport: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{viewport}.png"), full_page=True)


def serious_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the current page, as readable lines."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
