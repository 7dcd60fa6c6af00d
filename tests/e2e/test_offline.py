"""Home visits without a signal, in a real browser on a phone's screen: the caseworker
keeps the week's visits on the phone, goes offline, reloads, records three visits and marks
a follow-up done; back online the entries are sent once each, a colleague's change made
meanwhile is shown and resolved, and the phone's storage holds no readable name."""

import json
import subprocess
import sys

from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORTS, Words, log_in, serious_accessibility_violations

PIN = "246810"
NAMES = ("Đinh Thị Ngoại Tuyến", "Hoàng Văn Vắng Sóng", "Lò Thị Bản Xa")
COLLEAGUE_OUTCOME = "Chị Hà ở Hội Phụ nữ đã đến thăm."

PRELUDE = """
import json
from datetime import timedelta
from sqlalchemy import select
from reintegration import create_app
from reintegration.extensions import db
from reintegration.accounts.models import User
from reintegration.casework.models import Contact, FollowUp, FollowUpKind
from reintegration.casework.services import plans, schedule
from reintegration.core.clock import today_local
from reintegration.offline.models import OfflineEntry
app = create_app()
app.app_context().push()
def user(name):
    return db.session.scalar(select(User).where(User.username == name))
"""

SETUP = """
from tests.factories import CaseFactory, PersonFactory
me = user("canbo.xa")
ids = []
for n, name in enumerate(NAMES):
    person = PersonFactory(full_name=name, birth_year=1950 + n, phone="091200000%d" % n,
                           current_address="Xóm Núi %d" % n, family_contact="Mẹ ở cùng nhà")
    case = CaseFactory(person=person, commune_code=me.communes[0].code, caseworker=me)
    db.session.flush()
    due = FollowUp(case_id=case.id, due_on=today_local() + timedelta(days=n + 1),
                   kind=FollowUpKind.HOME_VISIT, generated=False)
    db.session.add(due)
    plans.add_goal(case, plans.GoalData("Có việc làm ổn định", today_local() + timedelta(days=60),
                                        owner_id=me.id), me)
    db.session.flush()
    ids.append({"case": case.id, "follow_up": due.id})
db.session.commit()
print(json.dumps(ids))
"""

COLLEAGUE = """
follow_up = db.session.get(FollowUp, FOLLOW_UP)
schedule.complete_follow_up(follow_up, done_on=today_local(), outcome=OUTCOME,
                            actor=user("tinh.ninhbinh"))
db.session.commit()
"""

STATE = """
cases = [row["case"] for row in IDS]
me = user("canbo.xa")
contacts = db.session.scalars(select(Contact).where(Contact.case_id.in_(cases))).all()
follow_ups = [db.session.get(FollowUp, row["follow_up"]) for row in IDS]
print(json.dumps({
    "contacts": sorted([c.case_id, c.what_happened] for c in contacts),
    "contact_authors": sorted({c.author_id == me.id for c in contacts}),
    "follow_ups": [[f.status.value, f.done_by_id == me.id, f.contact_id is not None]
                   for f in follow_ups],
    "entries": db.session.query(OfflineEntry).filter(OfflineEntry.case_id.in_(cases)).count(),
}))
"""

# Every store of the page's IndexedDB, bytes read back as UTF-8 text: a name kept in clear
# would show.
READ_STORAGE = """async () => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open("reintegration-offline");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const decoder = new TextDecoder("utf-8");
  const asText = (key, value) => (value instanceof ArrayBuffer || ArrayBuffer.isView(value))
    ? decoder.decode(value instanceof ArrayBuffer ? new Uint8Array(value) : value) : value;
  const stores = {};
  for (const name of Array.from(db.objectStoreNames)) {
    stores[name] = await new Promise((resolve) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(JSON.stringify(req.result, asText));
    });
  }
  db.close();
  return stores;
}"""

REPLAY = """async (body) => {
  const session = await (await fetch("/api/v1/offline/session")).json();
  const response = await fetch("/api/v1/offline/entries", {
    method: "POST", body,
    headers: {"Content-Type": "application/json", "X-CSRFToken": session.csrf_token},
  });
  return {status: response.status, body: await response.json()};
}"""


def run_app(server_env: dict, code: str, **values) -> str:
    """Python run against the served app's database, with the app's own services."""
    assigned = "".join(f"{name} = {json.dumps(value)}\n" for name, value in values.items())
    result = subprocess.run(  # noqa: S603 (our own code)
        [sys.executable, "-c", PRELUDE + assigned + code],
        env=server_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def server_state(server_env: dict, ids: list) -> dict:
    return json.loads(run_app(server_env, STATE, IDS=ids))


def open_case(page, name: str) -> None:
    page.locator("[data-case]").filter(has_text=name).click()
    expect(page.locator("#case-name")).to_have_text(name)


def record_contact(page, t, name: str, text: str, follow_up: int | None = None) -> None:
    open_case(page, name)
    page.get_by_role("button", name=t("Record a contact")).click()
    page.get_by_label(t("Who took part")).fill("Chị ấy và mẹ")
    page.get_by_label(t("What happened")).fill(text)
    if follow_up is not None:
        page.get_by_label(t("This contact answers the follow-up")).select_option(str(follow_up))
    page.get_by_role("button", name=t("Save on this phone")).click()
    expect(page.locator("#offline-notice")).to_contain_text(
        t("Saved on this phone. It is sent when you are online.")
    )


def assert_no_readable_names(page) -> dict:
    stores = page.evaluate(READ_STORAGE)
    everything = "\n".join(stores.values())
    for name in NAMES:
        assert name not in everything
        assert " ".join(name.split()[-2:]) not in everything  # the given name, as it is said
    assert "Xóm Núi" not in everything
    assert "Có việc làm" not in everything
    return stores


def test_visits_offline_then_synced_once(browser, live_server, server_env):
    t = Words("vi")
    ids = json.loads(run_app(server_env, SETUP, NAMES=list(NAMES)))
    first, second, third = ids
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=live_server, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sent_bodies: list[str] = []
    page.on(
        "request",
        lambda request: (
            sent_bodies.append(request.post_data)
            if request.method == "POST" and request.url.endswith("/api/v1/offline/entries")
            else None
        ),
    )
    try:
        log_in(page, "canbo.xa", "vi")
        # "My work today" offers to keep the week's visits on the phone.
        page.get_by_role("link", name="Lưu các lần thăm gặp 7 ngày tới trên điện thoại này").click()
        page.wait_for_url("**/offline/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.get_by_label(t("Choose a PIN for this phone (6 to 12 digits)")).fill(PIN)
        page.get_by_label(t("The same PIN again")).fill(PIN)
        page.get_by_role("button", name=t("Keep the next 7 days' visits on this phone")).click()
        for name in NAMES:
            expect(page.locator("[data-case]").filter(has_text=name)).to_be_visible()
        assert page.evaluate("navigator.serviceWorker.controller !== null")
        assert serious_accessibility_violations(page) == []

        # No signal: the page opens from the phone, locked until the PIN is given.
        context.set_offline(True)
        page.reload()
        expect(page.get_by_label(t("PIN of this phone"))).to_be_visible()
        page.get_by_label(t("PIN of this phone")).fill("000000")
        page.get_by_role("button", name=t("Open")).click()
        expect(page.locator("#pin-warning")).to_be_visible()
        page.get_by_label(t("PIN of this phone")).fill(PIN)
        page.get_by_role("button", name=t("Open")).click()
        expect(page.locator("[data-case]").filter(has_text=NAMES[0])).to_be_visible()

        # Three visits and a follow-up marked done, all without a connection.
        record_contact(page, t, NAMES[0], "Chị Tuyến đã đi làm ở xưởng may.", first["follow_up"])
        record_contact(page, t, NAMES[1], "Anh Sóng vắng nhà, gặp mẹ anh.")
        open_case(page, NAMES[1])
        assert serious_accessibility_violations(page) == []
        page.locator(f'[data-follow-up="{second["follow_up"]}"] button').click()
        page.get_by_label(t("What came of it")).fill("Đã gặp mẹ anh Sóng tại nhà.")
        page.get_by_role("button", name=t("Save on this phone")).click()
        record_contact(page, t, NAMES[2], "Chị Xa khỏe, đang học nghề.", third["follow_up"])
        expect(page.locator("#queue-count")).to_have_text("4")
        stores = assert_no_readable_names(page)
        assert stores["vault"] != "[]"
        assert stores["queue"].count('"seq"') == 4

        # A page that needs the network says so, in the app's words.
        page.goto("/people/")
        expect(page.get_by_role("heading", name=t("No connection"))).to_be_visible()
        page.goto("/offline/")
        page.get_by_label(t("PIN of this phone")).fill(PIN)
        page.get_by_role("button", name=t("Open")).click()
        expect(page.locator("#queue-count")).to_have_text("4")

        # Meanwhile a colleague did the third person's follow-up.
        run_app(server_env, COLLEAGUE, FOLLOW_UP=third["follow_up"], OUTCOME=COLLEAGUE_OUTCOME)

        # Back online: sent in order; the change made meanwhile comes back, side by side.
        context.set_offline(False)
        page.get_by_role("button", name=t("Send the waiting entries")).click()
        conflict = page.locator('[data-state="conflict"]')
        expect(conflict).to_have_count(1)
        expect(conflict).to_contain_text(NAMES[2])
        expect(conflict).to_contain_text(COLLEAGUE_OUTCOME)
        expect(conflict.get_by_role("columnheader", name=t("On this phone"))).to_be_visible()
        expect(conflict.get_by_role("columnheader", name=t("Now on the server"))).to_be_visible()
        assert serious_accessibility_violations(page) == []
        state = server_state(server_env, ids)
        assert len(state["contacts"]) == 2
        # Kept: the contact is recorded without answering the follow-up done meanwhile.
        conflict.get_by_role("button", name=t("Keep mine")).click()
        expect(page.locator("#queue-count")).to_have_text("0")

        state = server_state(server_env, ids)
        assert state["contacts"] == sorted([
            [first["case"], "Chị Tuyến đã đi làm ở xưởng may."],
            [second["case"], "Anh Sóng vắng nhà, gặp mẹ anh."],
            [third["case"], "Chị Xa khỏe, đang học nghề."],
        ])  # fmt: skip
        assert state["contact_authors"] == [True]
        assert state["follow_ups"] == [
            ["done", True, True],  # answered by the first contact
            ["done", True, False],  # marked done offline
            ["done", False, False],  # the colleague's
        ]
        assert state["entries"] == 4

        # A replay of an entry already accepted (its answer lost) adds nothing.
        first_body = next(
            body for body in sent_bodies if json.loads(body)["case_id"] == first["case"]
        )
        replay = page.evaluate(REPLAY, first_body)
        assert replay["status"] == 200
        assert replay["body"]["replayed"] is True
        assert server_state(server_env, ids) == state

        assert_no_readable_names(page)
    finally:
        context.close()


# Moves the phone's last sync back by ``days`` days (what a week in the fields does).
AGE_COPY = """async (days) => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open("reintegration-offline");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const store = db.transaction("meta", "readwrite").objectStore("meta");
  await new Promise((resolve) => {
    store.get("lock").onsuccess = (event) => {
      const meta = event.target.result;
      meta.lastSync = Date.now() - days * 24 * 3600 * 1000;
      store.put(meta).onsuccess = resolve;
    };
  });
  db.close();
}"""

KEPT_RECORDS = """async () => {
  const db = await new Promise((resolve) => {
    const req = indexedDB.open("reintegration-offline");
    req.onsuccess = () => resolve(req.result);
  });
  let count = 0;
  for (const name of Array.from(db.objectStoreNames)) {
    count += await new Promise((resolve) => {
      db.transaction(name).objectStore(name).count().onsuccess = (e) => resolve(e.target.result);
    });
  }
  db.close();
  return count;
}"""


def keep_visits(page, t) -> None:
    page.goto("/offline/")
    page.get_by_label(t("Choose a PIN for this phone (6 to 12 digits)")).fill(PIN)
    page.get_by_label(t("The same PIN again")).fill(PIN)
    page.get_by_role("button", name=t("Keep the next 7 days' visits on this phone")).click()
    expect(page.locator("#offline-kept-until")).to_be_visible()


REASSIGN = """
from tests.factories import UserFactory
me = user("canbo.xa")
colleague = UserFactory(username="canbo.dongnghiep", role=me.role, province_code=me.province_code,
                        communes=list(me.communes))
db.session.flush()
from reintegration.people.models import Case
db.session.get(Case, CASE).caseworker_id = colleague.id
db.session.commit()
"""

HANDED = """
entries = db.session.query(OfflineEntry).filter(OfflineEntry.case_id == CASE).all()
contacts = db.session.scalars(select(Contact).where(Contact.case_id == CASE)).all()
print(json.dumps({"entries": [e.status.value for e in entries],
                  "texts": [e.payload.get("what_happened") for e in entries],
                  "contacts": len(contacts)}))
"""


def test_an_ended_session_keeps_the_queue_and_a_case_no_longer_ones_own_is_handed_over(
    browser, live_server, server_env
):
    t = Words("vi")
    name = "Quàng Văn Chuyển Đi"
    [ids] = json.loads(run_app(server_env, SETUP, NAMES=[name]))
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=live_server, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        log_in(page, "canbo.xa", "vi")
        page.goto("/offline/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.get_by_label(t("Choose a PIN for this phone (6 to 12 digits)")).fill(PIN)
        page.get_by_label(t("The same PIN again")).fill(PIN)
        page.get_by_role("button", name=t("Keep the next 7 days' visits on this phone")).click()
        expect(page.locator("[data-case]").filter(has_text=name)).to_be_visible()
        # A form sent without a connection says so too (here the language switch).
        page.goto("/")
        context.set_offline(True)
        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", name=t("No connection"))).to_be_visible()
        page.goto("/offline/")
        page.get_by_label(t("PIN of this phone")).fill(PIN)
        page.get_by_role("button", name=t("Open")).click()
        record_contact(page, t, name, "Anh Đi báo sắp chuyển lên tỉnh.")
        # Meanwhile the case is given to a colleague, and the session ends.
        run_app(server_env, REASSIGN, CASE=ids["case"])
        context.clear_cookies()
        context.set_offline(False)
        page.get_by_role("button", name=t("Send the waiting entries")).click()
        expect(page.get_by_role("link", name=t("Log in again"))).to_be_visible()
        expect(page.locator("#queue-count")).to_have_text("1")

        log_in(page, "canbo.xa", "vi")
        page.goto("/offline/")
        page.get_by_label(t("PIN of this phone")).fill(PIN)
        page.get_by_role("button", name=t("Open")).click()
        gone = page.locator('[data-state="out_of_scope"]')
        expect(gone).to_have_count(1)
        gone.get_by_role("button", name=t("Hand to the officer")).click()
        expect(page.locator("#queue-count")).to_have_text("0")
        state = json.loads(run_app(server_env, HANDED, CASE=ids["case"]))
        assert state == {
            "entries": ["handed_over"],
            "texts": ["Anh Đi báo sắp chuyển lên tỉnh."],
            "contacts": 0,
        }

        # Told before the seven days run out, erased once they have.
        page.evaluate(AGE_COPY, 6.5)
        page.reload()
        expect(page.locator("#offline-notice")).to_contain_text("Còn chưa đến một ngày")
        page.evaluate(AGE_COPY, 8)
        page.reload()
        expect(page.locator("#offline-notice")).to_contain_text(
            t("Seven days passed without sending: the copy of the visits on this phone was erased.")
        )
        assert page.evaluate(KEPT_RECORDS) == 0

        # Five wrong PINs erase it, the last one announced.
        keep_visits(page, t)
        page.get_by_role("button", name=t("Lock")).click()
        for _ in range(4):
            page.get_by_label(t("PIN of this phone")).fill("999999")
            page.get_by_role("button", name=t("Open")).click()
        expect(page.locator("#pin-warning")).to_have_text(
            t("Wrong PIN. One more wrong try erases the copy on this phone.")
        )
        page.get_by_label(t("PIN of this phone")).fill("999999")
        page.get_by_role("button", name=t("Open")).click()
        expect(page.locator("#offline-notice")).to_contain_text(
            t("The PIN was wrong five times: the copy on this phone was erased.")
        )
        assert page.evaluate(KEPT_RECORDS) == 0

        # Logging out erases it, after saying so.
        keep_visits(page, t)
        page.goto("/")
        dialogs = []
        page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
        page.evaluate("document.querySelector('form[data-offline-warning] button').click()")
        page.wait_for_url("**/login**")
        assert dialogs and "Đăng xuất sẽ xóa các lần thăm gặp" in dialogs[0]
        assert page.evaluate(KEPT_RECORDS) == 0
    finally:
        context.close()
