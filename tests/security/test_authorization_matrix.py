"""Every route × every role × an object in scope and one out of scope, against the one
table in authorization_table.py.

One test per role: the world is built once for it, the requests run in a row, and every
answer that differs from the table is reported together.
"""

from dataclasses import dataclass

import pytest
from werkzeug.routing import Map

from reintegration.accounts.models import Role
from tests.factories import DEFAULT_PASSWORD
from tests.security.authorization_table import ACCEPTED, LOGIN, ROLES, TABLE, Expect, Rule, rows
from tests.security.world import World, build_world

REFUSALS = {401, 403, 404, 405}
METHODS = ("GET", "POST")
# Run after every other request of a role: they end the session or the token it uses.
LAST = ("api_pages.revoke_my_token", "auth.logout")


def routed_endpoints(url_map: Map) -> dict[str, set[str]]:
    """endpoint → the methods its rules answer (GET and POST only)."""
    endpoints: dict[str, set[str]] = {}
    for rule in url_map.iter_rules():
        endpoints.setdefault(rule.endpoint, set()).update(set(rule.methods) & set(METHODS))
    return endpoints


def test_every_route_has_an_entry(app):
    routed = routed_endpoints(app.url_map)
    problems = []
    for endpoint in sorted(set(routed) - set(TABLE)):
        rules = [r.rule for r in app.url_map.iter_rules() if r.endpoint == endpoint]
        problems.append(
            f"{endpoint} ({', '.join(rules)}): add a row for it to "
            "tests/security/authorization_table.py"
        )
    for endpoint in sorted(set(TABLE) - set(routed)):
        problems.append(f"{endpoint}: no such route any more; remove its row")
    for endpoint, rule in rows():
        if endpoint not in routed:
            continue
        for method in routed[endpoint]:
            if (rule.get if method == "GET" else rule.post) is None:
                problems.append(f"{endpoint}: answers {method}; give its row a {method.lower()}=")
        if rule.args is None and any("<" in r.rule for r in app.url_map.iter_rules(endpoint)):
            problems.append(f"{endpoint}: its URL takes arguments; give its row args=")
    assert not problems, "\n".join(problems)


def test_the_table_names_every_role():
    for endpoint, rule in rows():
        for expect in (rule.get, rule.post, rule.outside):
            if expect is not None:
                assert set(expect) == set(ROLES), endpoint


@dataclass
class Request:
    endpoint: str
    rule: Rule
    method: str
    inside: bool
    expected: int | str

    def label(self, url: str) -> str:
        variant = f"[{self.rule.variant}]" if self.rule.variant else ""
        side = "in scope" if self.inside else "out of scope"
        return f"{self.method} {self.endpoint}{variant} {url} ({side})"


def is_api(app, endpoint: str) -> bool:
    rules = list(app.url_map.iter_rules(endpoint))
    return not endpoint.startswith("api_pages.") and rules[0].rule.startswith("/api/")


def planned(role: Role | None) -> list[Request]:
    """The requests for ``role``, in the order they run: reads first, then the refusals,
    then the writes that may change the world, then those that end the session."""
    reads, refusals, writes = [], [], []
    for endpoint, rule in rows():
        for method, expect in (("GET", rule.get), ("POST", rule.post)):
            if expect is None:
                continue
            sides = [True] + ([False] if rule.args is not None and rule.args.scoped else [])
            for inside in sides:
                answers: Expect = expect if inside else rule.expected_outside(expect)
                request = Request(endpoint, rule, method, inside, answers[role])
                if method == "GET":
                    reads.append(request)
                elif request.expected in (ACCEPTED,) or (
                    isinstance(request.expected, int) and request.expected < 400
                ):
                    writes.append(request)
                else:
                    refusals.append(request)
    writes.sort(
        key=lambda r: (r.endpoint in LAST, LAST.index(r.endpoint) if r.endpoint in LAST else 0)
    )
    return reads + refusals + writes


def matches(response, expected: int | str) -> bool:
    if expected == LOGIN:
        return response.status_code == 302 and response.location.startswith("/login")
    if expected == ACCEPTED:
        return response.status_code not in REFUSALS and response.status_code < 500
    return response.status_code == expected


@pytest.fixture
def fast_pdfs(monkeypatch):
    """The PDF routes lay out no PDF here: the templates still render, WeasyPrint does not."""

    class Html:
        def __init__(self, string: str):
            self.string = string

        def write_pdf(self) -> bytes:
            return b"%PDF-1.7\n"

    monkeypatch.setattr("weasyprint.HTML", Html)


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_authorization_matrix(app, role, fast_pdfs, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path))
    world: World = build_world(app)
    username = world.usernames[role] if role else None
    pages = app.test_client()
    api_headers = {}
    if username:
        login = pages.post("/login", data={"username": username, "password": DEFAULT_PASSWORD})
        assert login.status_code == 302, "the matrix user could not log in"
        api_headers = {"Authorization": f"Bearer {world.clear_token_of[username]}"}
    api_client = app.test_client()
    urls = app.url_map.bind("localhost")

    failures = []
    for request in planned(role):
        args = request.rule.args.build(world, request.inside, username) if request.rule.args else {}
        url = urls.build(request.endpoint, args, method=request.method)
        if is_api(app, request.endpoint):
            send = api_client.get if request.method == "GET" else api_client.post
            kwargs = {"headers": api_headers}
            if request.method == "POST":
                kwargs["json"] = request.rule.body(world, request.inside)
        else:
            send = pages.get if request.method == "GET" else pages.post
            body = request.rule.body(world, request.inside) if request.method == "POST" else None
            kwargs = {"data": body} if body is not None else {}
        response = send(url, **kwargs)
        response.close()
        if not matches(response, request.expected):
            where = f" → {response.location}" if response.location else ""
            failures.append(
                f"{request.label(url)}: expected {request.expected}, "
                f"got {response.status_code}{where}"
            )
    assert not failures, f"{len(failures)} answers differ from the table:\n" + "\n".join(failures)
