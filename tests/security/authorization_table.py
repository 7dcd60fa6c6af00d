"""Who gets what: every endpoint of the app, how to build its URL for an object inside the
user's scope and for one outside it, and the answer each role gets.

Read a row as: ``get=only(CASEWORKER, OFFICER)`` — those two roles get 200 on the object in
their scope, every other signed-in role 403, an anonymous visitor the login page (the API:
401). On the object outside their scope the roles that passed get 404 (scope is applied in
the query, so an object out of scope does not exist for them); the others keep their 403.
``outside=`` writes the out-of-scope answers out when they differ from that rule.

POST rows: a refusal is checked for every role and object that must be refused (never a
2xx or 3xx). ``ACCEPTED`` means "not refused" (no 401/403/404/405, no 5xx): the request
reached the service, which may still turn it down as a domain error or invalid form; the
domain tests check what the action does.

A new route fails ``test_every_route_has_an_entry`` until it has a row here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from reintegration.accounts.models import Role
from tests.security.world import World

ADMIN = Role.ADMIN
OFFICER = Role.PROVINCE_OFFICER
CASEWORKER = Role.CASEWORKER
REVIEWER = Role.UNION_REVIEWER
VIEWER = Role.COMMITTEE_VIEWER
ANONYMOUS = None
ROLES: tuple[Role | None, ...] = (*Role, ANONYMOUS)

LOGIN = "login"  # a redirect to the login page
ACCEPTED = "accepted"  # any answer that is not a refusal

Expect = dict[Role | None, int | str]


def only(*roles: Role, ok: int | str = 200, anonymous: int | str = LOGIN) -> Expect:
    """A page: ``roles`` get ``ok``, the other roles 403, anonymous the login page."""
    expect: Expect = {role: ok if role in roles else 403 for role in Role}
    expect[ANONYMOUS] = anonymous
    return expect


def api(*roles: Role, ok: int | str = 200) -> Expect:
    """An API endpoint: anonymous callers get 401."""
    return only(*roles, ok=ok, anonymous=401)


def signed_in(ok: int | str = 200) -> Expect:
    return only(*Role, ok=ok)


def public(ok: int | str = 200) -> Expect:
    return only(*Role, ok=ok, anonymous=ok)


@dataclass(frozen=True)
class Args:
    """How to build a URL's arguments: ``build(world, inside, username)``. ``scoped`` says
    whether the arguments change with the scope (otherwise there is no object out of
    scope to try)."""

    build: Callable[[World, bool, str | None], dict]
    scoped: bool = True


def on(**attributes: str) -> Args:
    """Arguments taken from the objects of one side: ``on(case_id="case")``."""

    def build(world: World, inside: bool, _me: str | None) -> dict:
        side = world.side(inside)
        return {arg: getattr(side, name) for arg, name in attributes.items()}

    return Args(build)


def fixed(**values) -> Args:
    """Arguments outside any scope (reference data, the administrator's objects)."""
    return Args(lambda world, inside, me: dict(values), scoped=False)


def from_world(builder: Callable[[World], dict]) -> Args:
    return Args(lambda world, inside, me: builder(world), scoped=False)


def mine(arg: str, table: str) -> Args:
    """The user's own object inside, another user's outside (notifications, tokens)."""

    def build(world: World, inside: bool, me: str | None) -> dict:
        owner = me if inside and me else world.stranger
        return {arg: getattr(world, table)[owner]}

    return Args(build)


def passed(status: int | str) -> bool:
    return status == ACCEPTED or (isinstance(status, int) and status < 400)


def outside_from(inside: Expect) -> Expect:
    """The default out-of-scope answers: the roles that passed get 404."""
    return {role: 404 if passed(status) else status for role, status in inside.items()}


@dataclass(frozen=True)
class Rule:
    args: Args | None = None
    get: Expect | None = None
    post: Expect | None = None
    outside: Expect | None = None  # the out-of-scope answers, when not the default
    # A body for the POST (default: empty form), or ``body(world, inside)`` when it names
    # an object of the world.
    post_data: dict | Callable[[World, bool], dict] | None = None
    variant: str = ""  # tells apart several rows of one endpoint

    def expected_outside(self, inside: Expect) -> Expect:
        return self.outside or outside_from(inside)

    def body(self, world: World, inside: bool) -> dict:
        if callable(self.post_data):
            return self.post_data(world, inside)
        return self.post_data or {}


CW_PO = (CASEWORKER, OFFICER)
# API bodies that pass validation, so that the scope check is what answers.
DAY = "2025-10-01"
CONTACT = {
    "kind": "phone_call",
    "contact_on": DAY,
    "participants": "Anh Bảy",
    "what_happened": "Gọi điện hỏi thăm",
}
CASE = on(case_id="case")
LOAN = on(application_id="loan")
SNAPSHOT = on(snapshot_id="snapshot")
PROVIDER = on(provider_id="provider")
COURSE = on(course_id="course")
PLACEMENT = on(placement_id="placement")
EMPLOYER = on(employer_id="employer")
OPENING = on(opening_id="opening")
REFERRAL = on(referral_id="referral")
BATCH = on(batch_id="batch")
API_PLACEMENT = on(case_id="case", placement_id="placement")
API_REFERRAL = on(case_id="case", referral_id="referral")

# An entry made offline names its case in the body: the side's case.
BODY_NAMES_THE_CASE = Args(lambda world, inside, me: {}, scoped=True)


def offline_entry(world: World, inside: bool) -> dict:
    return {
        "key": f"matrix-entry-{'in' if inside else 'out'}-0000",
        "kind": "contact",
        "case_id": world.side(inside).case,
        "based_on": {"case": 1, "goals": "0", "commune": 1},
        "visited_at": f"{DAY}T09:30",
        "contact": CONTACT,
    }


# Referring a person of one's own communes (the case in scope) to a course of another
# province: that course is out of the user's scope.
inside_case = Args(lambda w, inside, me: {"case_id": w.inside.case}, scoped=False)


def own_course(world: World, inside: bool) -> dict:
    return {"course_id": world.side(inside).course}


def course_elsewhere(world: World, _inside: bool) -> dict:
    return {"course_id": world.outside.course}


def step(arg: str, side_field: str, action: str) -> Args:
    """A workflow step's URL: the side's object and a fixed action."""
    return Args(lambda w, inside, me: {arg: getattr(w.side(inside), side_field), "action": action})


TABLE: dict[str, Rule | tuple[Rule, ...]] = {
    # Public pages and files.
    # Signed-in users are sent on to the start page.
    "auth.login": Rule(get=public(ok=302) | {ANONYMOUS: 200}, post=public(ok=ACCEPTED)),
    "core.set_language": Rule(post=public(ok=302)),
    "static": Rule(
        args=Args(
            lambda world, inside, me: {
                "filename": "css/app.css" if inside else "../reintegration/config.py"
            }
        ),
        get=public(),
        outside=public(ok=404),
    ),
    # Every signed-in user.
    "core.home": Rule(get=signed_in()),
    "auth.change_password": Rule(get=signed_in(), post=signed_in(ok=ACCEPTED)),
    "auth.logout": Rule(post=signed_in(ok=302)),
    "notifications.inbox": Rule(get=signed_in()),
    "notifications.account": Rule(get=signed_in(), post=signed_in(ok=ACCEPTED)),
    "notifications.mark_all_read": Rule(post=signed_in(ok=302)),
    "notifications.open_notification": Rule(
        args=mine("notification_id", "notification_of"), post=signed_in(ok=302)
    ),
    "api_pages.my_tokens": Rule(get=signed_in(), post=signed_in(ok=ACCEPTED)),
    "api_pages.revoke_my_token": Rule(args=mine("token_id", "token_of"), post=signed_in(ok=302)),
    "api_pages.docs": Rule(get=public()),  # the API's shape only, no data
    # The installable app: the same files for everyone, no data (the phone's is encrypted).
    "offline.service_worker": Rule(get=public()),
    "offline.manifest": Rule(get=public()),
    "offline.visits": Rule(get=public()),
    "offline.unavailable": Rule(get=public()),
    "offline.handed_over": Rule(get=only(OFFICER)),
    # Administration.
    "accounts_admin.users": Rule(get=only(ADMIN)),
    "accounts_admin.create": Rule(get=only(ADMIN), post=only(ADMIN, ok=ACCEPTED)),
    "accounts_admin.edit": Rule(
        args=from_world(lambda w: {"user_id": w.other_user}),
        get=only(ADMIN),
        post=only(ADMIN, ok=ACCEPTED),
    ),
    "api_pages.user_tokens": Rule(
        args=from_world(lambda w: {"user_id": w.other_user}), get=only(ADMIN)
    ),
    "api_pages.revoke_user_token": Rule(
        args=from_world(lambda w: {"user_id": w.other_user, "token_id": w.token_of[w.stranger]}),
        post=only(ADMIN, ok=302),
    ),
    "audit.log": Rule(get=only(ADMIN)),
    "audit.export": Rule(get=only(ADMIN)),
    "calendar.holidays": Rule(get=only(ADMIN), post=only(ADMIN, ok=ACCEPTED)),
    "calendar.delete": Rule(
        args=from_world(lambda w: {"holiday_id": w.holiday}), post=only(ADMIN, ok=302)
    ),
    "calendar.remove": Rule(post=only(ADMIN, ok=ACCEPTED)),
    "calendar.confirm": Rule(args=from_world(lambda w: {"year": 2031}), post=only(ADMIN, ok=302)),
    "people.amnesty_decisions": Rule(get=only(ADMIN), post=only(ADMIN, ok=ACCEPTED)),
    "people.expungement_periods": Rule(get=only(ADMIN), post=only(ADMIN, ok=ACCEPTED)),
    "loans.rules": Rule(get=only(ADMIN), post=only(ADMIN, ok=ACCEPTED)),
    # Personal-data breaches: administrators only, and no person file in them.
    "privacy.breaches_list": Rule(get=only(ADMIN)),
    "privacy.new_breach": Rule(get=only(ADMIN), post=only(ADMIN, ok=ACCEPTED)),
    "privacy.breach": Rule(
        args=from_world(lambda w: {"breach_id": w.breach}),
        get=only(ADMIN),
        post=only(ADMIN, ok=ACCEPTED),
    ),
    "follow_up_rules.rules": Rule(get=only(ADMIN)),
    "follow_up_rules.delete_rule": Rule(
        args=from_world(lambda w: {"rule_id": w.rule}), post=only(ADMIN, ok=302)
    ),
    "follow_up_rules.copy_defaults": Rule(
        args=from_world(lambda w: {"code": w.province_in}), post=only(ADMIN, ok=ACCEPTED)
    ),
    "follow_up_rules.use_defaults": Rule(
        args=from_world(lambda w: {"code": w.province_in}), post=only(ADMIN, ok=302)
    ),
    "follow_up_rules.add_rule": Rule(
        args=from_world(lambda w: {"code": w.province_in}), post=only(ADMIN, ok=ACCEPTED)
    ),
    # Reference data: every province is open to the roles that may read the list.
    "geo.provinces": Rule(get=only(ADMIN, OFFICER)),
    "geo.province": Rule(
        args=Args(lambda w, inside, me: {"code": w.province_in if inside else w.province_out}),
        get=only(ADMIN, OFFICER),
        outside=only(ADMIN, OFFICER),
    ),
    "geo.province_communes_json": Rule(
        args=from_world(lambda w: {"code": w.province_in}), get=only(ADMIN)
    ),
    "geo.convert": Rule(get=only(ADMIN, OFFICER, CASEWORKER)),
    # People and cases.
    "people.people": Rule(get=only(*CW_PO)),
    "people.register": Rule(get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "people.case_file": Rule(args=CASE, get=only(*CW_PO)),
    "people.edit_case": Rule(args=CASE, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "people.edit_person": Rule(args=CASE, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "people.edit_release": Rule(args=CASE, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "people.change_classification": Rule(args=CASE, post=only(*CW_PO, ok=ACCEPTED)),
    "people.change_status": Rule(args=CASE, post=only(*CW_PO, ok=ACCEPTED)),
    "people.record_residence_check": Rule(args=CASE, post=only(*CW_PO, ok=ACCEPTED)),
    "people.resolve_id_data_error": Rule(args=CASE, post=only(*CW_PO, ok=302)),
    "people.paper_pdf": Rule(
        args=Args(lambda world, inside, me: {"case_id": world.side(inside).case, "paper": "hcd05"}),
        get=only(*CW_PO),
    ),
    "people.reveal": Rule(args=CASE, post=only(*CW_PO, ok=ACCEPTED)),
    "people.merge": Rule(args=CASE, get=only(OFFICER), post=only(OFFICER, ok=ACCEPTED)),
    "people.merged_person": Rule(args=on(person_id="merged_person"), get=only(*CW_PO)),
    # A person's data-access report: province officers only.
    "privacy.access_report": Rule(
        args=on(person_id="person"), get=only(OFFICER), post=only(OFFICER, ok=ACCEPTED)
    ),
    # Casework.
    "casework.new_contact": Rule(args=CASE, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    # Only the contact's author edits it (the officer corrects instead).
    "casework.edit_contact": Rule(
        args=on(case_id="case", contact_id="contact"),
        get=only(CASEWORKER),
        post=only(CASEWORKER, ok=ACCEPTED),
        outside=only(*CW_PO, ok=404),
    ),
    "casework.correct_contact": Rule(
        args=on(case_id="case", contact_id="contact"),
        get=only(*CW_PO),
        post=only(*CW_PO, ok=ACCEPTED),
    ),
    "casework.new_assessment": Rule(args=CASE, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "casework.new_goal": Rule(args=CASE, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "casework.goal": Rule(
        args=on(case_id="case", goal_id="goal"),
        get=only(*CW_PO),
        post=only(*CW_PO, ok=ACCEPTED),
    ),
    "casework.edit_goal": Rule(
        args=on(case_id="case", goal_id="goal"),
        get=only(*CW_PO),
        post=only(*CW_PO, ok=ACCEPTED),
    ),
    "follow_ups.mark_done": Rule(
        args=on(case_id="case", follow_up_id="follow_up"),
        get=only(*CW_PO),
        post=only(*CW_PO, ok=ACCEPTED),
    ),
    "casework.request_transfer": Rule(args=CASE, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "casework.transfers": Rule(get=only(*CW_PO)),
    "casework.accept_transfer": Rule(
        args=on(transfer_id="transfer_in"), post=only(*CW_PO, ok=ACCEPTED)
    ),
    "casework.refuse_transfer": Rule(
        args=on(transfer_id="transfer_in"), post=only(*CW_PO, ok=ACCEPTED)
    ),
    "casework.cancel_transfer": Rule(
        args=on(transfer_id="transfer_out"), post=only(*CW_PO, ok=ACCEPTED)
    ),
    "casework.work_block": Rule(args=fixed(block="overdue"), get=only(*CW_PO)),
    # Loans: the commune's caseworkers and officers; the union's reviewers once submitted.
    "loans.applications": Rule(get=only(*CW_PO)),
    "loans.new_application": Rule(
        args=on(case="case"), get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)
    ),
    "loans.new_business_application": Rule(get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "loans.form01_pdf": Rule(args=on(commune="commune"), get=only(*CW_PO)),
    "loans.review_queue": Rule(get=only(REVIEWER)),
    "loans.application": Rule(args=LOAN, get=only(*CW_PO, REVIEWER)),
    "loans.summary_pdf": Rule(args=LOAN, get=only(*CW_PO, REVIEWER)),
    # A business's plan: for those who prepare it (a business has no organisation to review it).
    "loans.form02_pdf": Rule(args=on(application_id="business_loan"), get=only(*CW_PO)),
    # The application is submitted: no longer editable, the editor sends back to it.
    "loans.edit_application": Rule(
        args=LOAN, get=only(*CW_PO, ok=302), post=only(*CW_PO, ok=ACCEPTED)
    ),
    "loans.download": Rule(
        args=on(application_id="loan", document_id="document"), get=only(*CW_PO, REVIEWER)
    ),
    "loans.upload": Rule(args=LOAN, post=only(*CW_PO, ok=ACCEPTED)),
    "loans.delete_document": Rule(
        args=on(application_id="loan", document_id="document"), post=only(*CW_PO, ok=ACCEPTED)
    ),
    "loans.payment": Rule(args=on(application_id="disbursed_loan"), post=only(*CW_PO, ok=ACCEPTED)),
    "loans.step": (
        Rule(
            args=Args(
                lambda w, inside, me: {"application_id": w.side(inside).loan, "action": "take"}
            ),
            post=only(REVIEWER, ok=ACCEPTED),
            variant="take",
        ),
        Rule(
            args=Args(
                lambda w, inside, me: {"application_id": w.side(inside).loan, "action": "certify"}
            ),
            post=only(*CW_PO, ok=ACCEPTED),
            variant="certify",
        ),
    ),
    # Training: the province's catalogue is read by its caseworkers and officers and kept by
    # its officers; placements are reached through their case's commune.
    "training.providers": Rule(get=only(*CW_PO)),
    "training.provider": Rule(args=PROVIDER, get=only(*CW_PO)),
    "training.new_provider": Rule(get=only(OFFICER), post=only(OFFICER, ok=ACCEPTED)),
    "training.edit_provider": Rule(
        args=PROVIDER, get=only(OFFICER), post=only(OFFICER, ok=ACCEPTED)
    ),
    "training.courses": Rule(get=only(*CW_PO)),
    "training.new_course": Rule(args=PROVIDER, get=only(OFFICER), post=only(OFFICER, ok=ACCEPTED)),
    "training.course": Rule(args=COURSE, get=only(*CW_PO)),
    "training.edit_course": Rule(args=COURSE, get=only(OFFICER), post=only(OFFICER, ok=ACCEPTED)),
    "training.change_seats": Rule(args=COURSE, post=only(OFFICER, ok=ACCEPTED)),
    # Administrators set any province's levels, an officer their own province's.
    "training.support_rates": Rule(
        get=only(ADMIN, OFFICER), post=only(ADMIN, OFFICER, ok=ACCEPTED)
    ),
    "training.case_training": Rule(args=CASE, get=only(*CW_PO)),
    "training.fitting_courses": Rule(args=CASE, get=only(*CW_PO)),
    "training.refer": (
        Rule(args=CASE, post=only(*CW_PO, ok=ACCEPTED), post_data=own_course),
        Rule(
            args=inside_case,
            post=only(*CW_PO, ok=404),
            post_data=course_elsewhere,
            variant="course of another province",
        ),
    ),
    "training.placement": Rule(args=PLACEMENT, get=only(*CW_PO)),
    "training.placement_step": Rule(
        args=step("placement_id", "placement", "enroll"), post=only(*CW_PO, ok=ACCEPTED)
    ),
    # Jobs: employers and openings are the province's, kept by its caseworkers and officers;
    # an opening of any province may be read (people move for work) and someone of one's
    # own communes referred to it; referrals are reached through their case's commune.
    "employment.employers_list": Rule(get=only(*CW_PO)),
    "employment.new_employer": Rule(get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "employment.employer": Rule(args=EMPLOYER, get=only(*CW_PO)),
    "employment.edit_employer": Rule(
        args=EMPLOYER, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)
    ),
    "employment.new_opening": Rule(args=EMPLOYER, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "employment.openings_list": Rule(get=only(*CW_PO)),
    "employment.opening": Rule(args=OPENING, get=only(*CW_PO), outside=only(*CW_PO)),
    "employment.candidates": Rule(args=OPENING, get=only(*CW_PO), outside=only(*CW_PO)),
    # Read from anywhere, closed only by its own province.
    "employment.close_opening": Rule(args=OPENING, post=only(*CW_PO, ok=302), outside=only()),
    "employment.refer": (
        Rule(args=on(opening_id="opening", case_id="case"), post=only(*CW_PO, ok=302)),
        Rule(
            args=Args(
                lambda w, inside, me: {"opening_id": w.outside.opening, "case_id": w.inside.case},
                scoped=False,
            ),
            # Referred: the page goes on to the new referral.
            post=only(*CW_PO, ok=302),
            variant="opening of another province",
        ),
    ),
    "employment.referral": Rule(args=REFERRAL, get=only(*CW_PO)),
    "employment.referral_step": Rule(
        args=step("referral_id", "referral", "interview"), post=only(*CW_PO, ok=ACCEPTED)
    ),
    "employment.case_jobs": Rule(args=CASE, get=only(*CW_PO)),
    "employment.case_openings": Rule(args=CASE, get=only(*CW_PO)),
    "employment.edit_profile": Rule(args=CASE, get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    # Release-list imports: a caseworker's own, and every import of an officer's province.
    "imports.index": Rule(get=only(*CW_PO)),
    "imports.upload": Rule(get=only(*CW_PO), post=only(*CW_PO, ok=ACCEPTED)),
    "imports.batch": (
        Rule(args=BATCH, get=only(*CW_PO)),
        Rule(
            args=from_world(lambda w: {"batch_id": w.officer_batch}),
            get=only(OFFICER) | {CASEWORKER: 404},
            variant="the officer's import",
        ),
    ),
    "imports.status": Rule(args=BATCH, get=only(*CW_PO)),
    # The list is read: its columns are matched, the page goes on to the preview.
    "imports.columns": Rule(args=BATCH, get=only(*CW_PO, ok=302), post=only(*CW_PO, ok=302)),
    "imports.decide": Rule(args=BATCH, post=only(*CW_PO, ok=302)),
    "imports.confirm": Rule(args=BATCH, post=only(*CW_PO, ok=302)),
    "imports.cancel": Rule(args=BATCH, post=only(*CW_PO, ok=302)),
    # The rows behind one count of the preview.
    "imports.rows": Rule(
        args=Args(lambda w, inside, me: {"batch_id": w.side(inside).batch, "show": "warned"}),
        get=only(*CW_PO),
    ),
    "imports.rejected": Rule(
        args=Args(lambda w, inside, me: {"batch_id": w.side(inside).batch, "fmt": "csv"}),
        get=only(*CW_PO),
    ),
    # Reports: figures for committees and officers; the people behind them for officers.
    "reports.dashboard": Rule(get=only(VIEWER, OFFICER)),
    "reports.snapshot_list": Rule(get=only(VIEWER, OFFICER)),
    "reports.build": Rule(post=only(VIEWER, OFFICER, ok=ACCEPTED)),
    "reports.toggle_subscription": Rule(
        args=fixed(kind="month"), post=only(VIEWER, OFFICER, ok=302)
    ),
    "reports.snapshot": Rule(args=SNAPSHOT, get=only(VIEWER, OFFICER)),
    "reports.export_csv": Rule(args=SNAPSHOT, get=only(VIEWER, OFFICER)),
    "reports.export_xlsx": Rule(args=SNAPSHOT, get=only(VIEWER, OFFICER)),
    "reports.export_pdf": Rule(args=SNAPSHOT, get=only(VIEWER, OFFICER)),
    "reports.people": Rule(
        args=Args(
            lambda w, inside, me: {"snapshot_id": w.side(inside).snapshot, "figure_key": "received"}
        ),
        get=only(OFFICER),
    ),
    "reports.approve": Rule(args=SNAPSHOT, post=only(OFFICER, ok=ACCEPTED)),
    "reports.correct": Rule(args=SNAPSHOT, post=only(OFFICER, ok=ACCEPTED)),
    # The JSON API (token authentication).
    "api-docs.openapi_json": Rule(get=public()),
    "api_account.me": Rule(get=api(*Role)),
    "api_people.search": Rule(get=api(*CW_PO)),
    "api_people.register": Rule(post=api(*CW_PO, ok=ACCEPTED)),
    "api_people.read_person": Rule(args=on(person_id="person"), get=api(*CW_PO)),
    # Reads a text into public units: no person, nothing saved.
    "api_addresses.read": Rule(
        post=api(*CW_PO), post_data={"text": "Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình"}
    ),
    "api_cases.read_case": Rule(args=CASE, get=api(*CW_PO)),
    "api_cases.receive": Rule(
        args=CASE, post=api(*CW_PO, ok=ACCEPTED), post_data={"received_on": DAY}
    ),
    "api_cases.activate": Rule(args=CASE, post=api(*CW_PO, ok=ACCEPTED)),
    "api_cases.change_classification": Rule(
        args=CASE,
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"classification": "B", "reason": "Xem xét lại"},
    ),
    "api_cases.close": Rule(
        args=CASE,
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"close_reason": "moved_away", "closed_on": DAY},
    ),
    "api_cases.reveal": Rule(
        args=CASE, post=api(*CW_PO, ok=ACCEPTED), post_data={"reason": "Cần cho hồ sơ vay vốn"}
    ),
    "api_casework.list_contacts": Rule(args=CASE, get=api(*CW_PO)),
    "api_casework.record_contact": Rule(
        args=CASE, post=api(*CW_PO, ok=ACCEPTED), post_data=CONTACT
    ),
    "api_casework.list_follow_ups": Rule(args=CASE, get=api(*CW_PO)),
    "api_casework.mark_done": Rule(
        args=on(case_id="case", follow_up_id="follow_up"),
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"done_on": DAY, "outcome": "Đã gặp"},
    ),
    "api_offline.session_state": Rule(get=api(CASEWORKER)),
    "api_offline.prepare": Rule(post=api(CASEWORKER)),
    "api_offline.send_entry": Rule(
        args=BODY_NAMES_THE_CASE, post=api(CASEWORKER, ok=ACCEPTED), post_data=offline_entry
    ),
    # Only a case the phone kept is handed over (one's own: "send it instead", 409).
    "api_offline.hand_over": Rule(
        args=BODY_NAMES_THE_CASE, post=api(CASEWORKER, ok=ACCEPTED), post_data=offline_entry
    ),
    "api_transfers.list_transfers": Rule(get=api(*CW_PO)),
    "api_transfers.read_transfer": Rule(args=on(transfer_id="transfer_out"), get=api(*CW_PO)),
    "api_transfers.case_transfers": Rule(args=CASE, get=api(*CW_PO)),
    "api_transfers.request_transfer": Rule(
        args=CASE,
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"to_commune_code": 1, "reason": "Chuyển nhà"},
    ),
    "api_transfers.accept": Rule(
        args=on(transfer_id="transfer_in"), post=api(*CW_PO, ok=ACCEPTED), post_data={}
    ),
    "api_transfers.refuse": Rule(
        args=on(transfer_id="transfer_in"),
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"note": "Không đúng địa chỉ"},
    ),
    "api_transfers.cancel": Rule(
        args=on(transfer_id="transfer_out"), post=api(*CW_PO, ok=ACCEPTED), post_data={}
    ),
    "api_reports.list_snapshots": Rule(get=api(VIEWER, OFFICER)),
    "api_reports.read_snapshot": Rule(args=SNAPSHOT, get=api(VIEWER, OFFICER)),
    "api_loans.list_applications": Rule(get=api(*CW_PO, REVIEWER)),
    "api_loans.read_application": Rule(args=LOAN, get=api(*CW_PO, REVIEWER)),
    "api_loans.step_submit": Rule(args=LOAN, post=api(*CW_PO, ok=ACCEPTED)),
    "api_loans.step_resubmit": Rule(args=LOAN, post=api(*CW_PO, ok=ACCEPTED)),
    "api_loans.step_take": Rule(args=LOAN, post=api(REVIEWER, ok=ACCEPTED)),
    "api_loans.step_return": Rule(
        args=LOAN, post=api(REVIEWER, ok=ACCEPTED), post_data={"comment": "Thiếu giấy tờ"}
    ),
    "api_loans.step_reject": Rule(
        args=LOAN, post=api(REVIEWER, ok=ACCEPTED), post_data={"comment": "Không đủ điều kiện"}
    ),
    "api_loans.step_endorse": Rule(args=LOAN, post=api(REVIEWER, ok=ACCEPTED)),
    "api_loans.step_certify": Rule(args=LOAN, post=api(*CW_PO, ok=ACCEPTED), post_data={"on": DAY}),
    "api_loans.step_send": Rule(args=LOAN, post=api(*CW_PO, ok=ACCEPTED), post_data={"on": DAY}),
    "api_loans.step_approve": Rule(
        args=LOAN,
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"on": DAY, "amount": 10_000_000, "term_months": 12, "rate": "6.6"},
    ),
    "api_loans.step_decline": Rule(
        args=LOAN, post=api(*CW_PO, ok=ACCEPTED), post_data={"on": DAY, "comment": "Không duyệt"}
    ),
    "api_loans.step_disburse": Rule(
        args=LOAN, post=api(*CW_PO, ok=ACCEPTED), post_data={"on": DAY}
    ),
    "api_training.list_courses": Rule(get=api(*CW_PO)),
    "api_training.read_course": Rule(args=COURSE, get=api(*CW_PO)),
    "api_training.list_placements": Rule(args=CASE, get=api(*CW_PO)),
    "api_training.refer": (
        Rule(args=CASE, post=api(*CW_PO, ok=ACCEPTED), post_data=own_course),
        # Not a valid choice (422), as if it did not exist.
        Rule(
            args=inside_case,
            post=api(*CW_PO, ok=422),
            post_data=course_elsewhere,
            variant="course of another province",
        ),
    ),
    "api_training.enroll": Rule(
        args=API_PLACEMENT, post=api(*CW_PO, ok=ACCEPTED), post_data={"on": DAY}
    ),
    "api_training.complete": Rule(
        args=API_PLACEMENT,
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"on": DAY, "certificate_number": "HN-2025-01"},
    ),
    "api_training.drop": Rule(
        args=API_PLACEMENT,
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"on": DAY, "reason": "Chuyển đi làm ăn xa"},
    ),
    "api_employment.list_openings": Rule(get=api(*CW_PO)),
    # Any province's opening (people move for work).
    "api_employment.read_opening": Rule(args=OPENING, get=api(*CW_PO), outside=api(*CW_PO)),
    "api_employment.list_referrals": Rule(args=CASE, get=api(*CW_PO)),
    "api_employment.refer": Rule(
        args=CASE,
        post=api(*CW_PO, ok=ACCEPTED),
        post_data=lambda w, inside: {"opening_id": w.side(inside).opening},
    ),
    "api_employment.interview": Rule(
        args=API_REFERRAL, post=api(*CW_PO, ok=ACCEPTED), post_data={"on": DAY}
    ),
    "api_employment.hire": Rule(
        args=API_REFERRAL, post=api(*CW_PO, ok=ACCEPTED), post_data={"on": DAY}
    ),
    "api_employment.not_hired": Rule(
        args=API_REFERRAL,
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"on": DAY, "reason": "Không đạt phỏng vấn"},
    ),
    "api_employment.job_lost": Rule(
        args=API_REFERRAL,
        post=api(*CW_PO, ok=ACCEPTED),
        post_data={"on": DAY, "reason": "resigned"},
    ),
}


def rows() -> list[tuple[str, Rule]]:
    """(endpoint, rule) for every row, variants included."""
    result = []
    for endpoint, entry in TABLE.items():
        for rule in entry if isinstance(entry, tuple) else (entry,):
            result.append((endpoint, rule))
    return result
