"""The floor of each measure: what the database itself needs for the same work.

For batch work (the daily jobs, the import, a report build) the floor is the equivalent
SQL written by hand (set-based, one statement per step) run with the same driver on the
same data, timed, then rolled back. For a page it is that SQL plus a bare Flask response
of the same size (a view that returns a ready string), both measured in the same run as
the page. A measure's ratio is its median over its floor's median: how much the
application adds to what the database cannot avoid.

Every statement here is SQL written by hand from fixed table names and numbers, which is
the point of a floor: hence the file-wide S608.
"""
# ruff: noqa: S608

import io
import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from flask import Flask

from bench.harness import time_calls
from bench.setup import HO_CHI_MINH
from reintegration.core.text import fold
from reintegration.extensions import db

REPEAT = 20


class Raw:
    """A DBAPI connection of the app's own engine: SQL written with ``:name`` parameters,
    sent as the driver wants them, in one transaction that ends rolled back."""

    def __init__(self) -> None:
        self.postgres = db.engine.dialect.name == "postgresql"
        self.connection = db.engine.raw_connection()
        self.cursor = self.connection.cursor()

    def run(self, sql: str, **params) -> list[tuple]:
        if self.postgres:
            sql = re.sub(r"(?<![:\w]):([a-z_]\w*)", r"%(\1)s", sql)
        else:
            params = {k: _sqlite_value(v) for k, v in params.items()}
        self.cursor.execute(sql, params)
        return self.cursor.fetchall() if self.cursor.description else []

    def many(self, sql: str, rows: list[tuple]) -> None:
        if self.postgres:
            sql = re.sub(r"\?", "%s", sql)
        else:
            rows = [tuple(_sqlite_value(v) for v in row) for row in rows]
        self.cursor.executemany(sql, rows)

    def rollback(self) -> None:
        self.connection.rollback()

    def close(self) -> None:
        self.connection.rollback()
        self.connection.close()


def _sqlite_value(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def batch_floor(milliseconds: float, what: str) -> dict:
    return {"floor_ms": round(milliseconds, 1), "floor": what}


# --- pages ------------------------------------------------------------------------------


def bare_flask_ms(body_bytes: int) -> float:
    """Median of a bare Flask app answering a ready body of ``body_bytes`` bytes."""
    bare = Flask("bare")
    body = "x" * max(1, body_bytes)
    bare.add_url_rule("/", "page", lambda: body)
    client = bare.test_client()
    return time_calls(lambda: client.get("/"), REPEAT * 3)["p50_ms"]


def bare_floor(page_bytes: int) -> dict:
    """The layout-alone page's own floor: a bare Flask response of its size."""
    flask_ms = bare_flask_ms(page_bytes)
    return {
        "floor_ms": round(flask_ms, 2),
        "floor_flask_ms": round(flask_ms, 2),
        "floor": "bare Flask response of the same size",
    }


def page_floor(sql_ms: float) -> dict:
    """A page's floor: its SQL, plus the layout-alone page (the password form: the session,
    the user, the menu, the unread count and the layout, no query of its own) timed beside
    each call of the page (``harness.time_with_layout``), added by ``attach_floors``."""
    return {
        "floor_sql_ms": round(sql_ms, 2),
        "floor": "hand-written SQL + the layout alone (the password form), same run",
    }


def logged_in(app: Flask, username: str):
    from bench.setup import PASSWORD

    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    if response.status_code != 302:
        raise RuntimeError(f"login failed for {username}")
    return client


def page_bytes(app: Flask, username: str, path: str, params: dict) -> int:
    return len(logged_in(app, username).get(path, query_string=params).data)


# --- people_search ---------------------------------------------------------------------

LIST_COLUMNS = (
    "SELECT c.id, c.status, c.classification, c.received_on, p.id, p.full_name, "
    "p.birth_year, p.id_number, co.name, u.full_name "
    "FROM cases c JOIN people p ON p.id = c.person_id "
    "JOIN communes co ON co.code = c.commune_code "
    "LEFT JOIN users u ON u.id = c.caseworker_id "
)


def _list_sql(scope: str, params: dict) -> tuple[str, str, dict]:
    where = [f"c.commune_code IN ({scope})", "c.status <> 'closed'"]
    values: dict = {}
    joins = ""
    if params.get("q"):
        # As people.services.search: digits anywhere; else each word the start of a word.
        folded = fold(params["q"])
        if folded.replace(" ", "").isdigit():
            where.append("c.search_text LIKE :pattern")
            values["pattern"] = f"%{folded.replace(' ', '')}%"
        else:
            for number, word in enumerate(dict.fromkeys(folded.split())):
                where.append(
                    f"(c.search_text LIKE :start{number} OR c.search_text LIKE :inner{number})"
                )
                values[f"start{number}"], values[f"inner{number}"] = f"{word}%", f"% {word}%"
    if params.get("classification"):
        where.append("c.classification = :classification")
        values["classification"] = params["classification"]
    if params.get("release_type"):
        joins = "JOIN releases r ON r.id = c.release_id "
        where.append("r.release_type = :release_type")
        values["release_type"] = params["release_type"]
    condition = " AND ".join(where)
    offset = (int(params.get("page", 1)) - 1) * 25
    order = f"ORDER BY c.sort_key, c.id LIMIT 25 OFFSET {offset}"
    page = f"{LIST_COLUMNS}{joins}WHERE {condition} {order}"
    count = f"SELECT count(*) FROM (SELECT 1 FROM cases c {joins}WHERE {condition} LIMIT 1001) t"
    return page, count, values


def people_search(app: Flask, size: int) -> dict:
    from bench.people_search import LAYOUT_ONLY, LAYOUT_ONLY_PATH, MEASURES

    floors = {}
    with app.app_context():
        raw = Raw()
        caseworker = raw.run("SELECT id FROM users WHERE username = 'bench.caseworker'")[0][0]
        scopes = {
            "province_officer": f"SELECT code FROM communes WHERE province_code = {HO_CHI_MINH}",
            "caseworker": f"SELECT commune_code FROM user_communes WHERE user_id = {caseworker}",
        }
        usernames = {"province_officer": "bench.officer", "caseworker": "bench.caseworker"}
        for name, (role, params) in MEASURES.items():
            page, count, values = _list_sql(scopes[role], params)

            def call(page=page, count=count, values=values):
                raw.run(count, **values)
                raw.run(page, **values)

            sql_ms = time_calls(call, REPEAT, budget_s=30)["p50_ms"]
            floors[name] = page_floor(sql_ms)
        body = page_bytes(app, usernames["caseworker"], LAYOUT_ONLY_PATH, {})
        floors[LAYOUT_ONLY] = bare_floor(body)
        raw.close()
        db.session.remove()
    return floors


# --- followup_sweep -------------------------------------------------------------------


def _notice_params(raw: Raw, *pairs: tuple[str, str]) -> str:
    function = "json_build_object" if raw.postgres else "json_object"
    return f"{function}(" + ", ".join(f"'{k}', {v}" for k, v in pairs) + ")"


def _day(raw: Raw, column: str) -> str:
    return f"to_char({column}, 'DD/MM/YYYY')" if raw.postgres else f"strftime('%d/%m/%Y', {column})"


def _reminders(raw: Raw, kind: str, first: date, last: date, now) -> None:
    params = _notice_params(
        raw, ("name", "p.full_name"), ("case", "c.id"), ("due", _day(raw, "f.due_on"))
    )
    raw.run(
        "INSERT INTO notifications (user_id, kind, message, params, link, subject_type, "
        "subject_id, dedupe_key, email_status, created_at) "
        f"SELECT u.id, '{kind}', 'message', {params}, "
        "'/cases/' || c.id || '?tab=follow_ups', 'Case', c.id, "
        f"'{kind}:Case:' || c.id || ':' || f.id || ':' || u.id, 'in_app', :now "
        "FROM follow_ups f JOIN cases c ON c.id = f.case_id JOIN people p ON p.id = c.person_id "
        "JOIN users u ON u.id = c.caseworker_id AND u.active "
        "WHERE f.status = 'due' AND f.due_on >= :first AND f.due_on <= :last "
        "AND c.status <> 'closed' ON CONFLICT (dedupe_key) DO NOTHING",
        first=first, last=last, now=now,
    )  # fmt: skip


def _sweep(raw: Raw, today: date, grace: int) -> None:
    from reintegration.calendar.services import add_working_days

    now = datetime.now(UTC)
    cutoff = today - timedelta(days=grace)
    raw.run(
        "UPDATE follow_ups SET status = 'missed', closed_at = :now, updated_at = :now "
        "WHERE status = 'due' AND due_on < :cutoff",
        now=now,
        cutoff=cutoff,
    )
    _reminders(raw, "follow_up_overdue", cutoff, today - timedelta(days=1), now)
    _reminders(raw, "follow_up_due", today + timedelta(days=1), add_working_days(today, 1), now)


def _escalate(raw: Raw, today: date, days: int) -> None:
    now = datetime.now(UTC)
    cutoff = today - timedelta(days=days)
    started = "coalesce(c.received_on, r.release_date)"
    last_done = (
        "(SELECT max(f.done_on) FROM follow_ups f WHERE f.case_id = c.id AND f.status = 'done')"
    )
    last_contact = "(SELECT max(k.contact_on) FROM contacts k WHERE k.case_id = c.id)"
    if raw.postgres:
        since = f"greatest({started}, {last_done}, {last_contact})"
        quiet = "(CAST(:today AS date) - s.since)"
    else:
        since = (
            f"max({started}, coalesce({last_done}, {started}), coalesce({last_contact}, {started}))"
        )
        quiet = "CAST(julianday(:today) - julianday(s.since) AS INTEGER)"
    params = _notice_params(
        raw, ("name", "s.full_name"), ("case", "s.id"), ("commune", "s.commune"),
        ("days", quiet), ("since", _day(raw, "s.since")),
    )  # fmt: skip
    raw.run(
        "INSERT INTO notifications (user_id, kind, message, params, link, subject_type, "
        "subject_id, dedupe_key, email_status, created_at) "
        f"SELECT u.id, 'case_silent', 'message', {params}, '/cases/' || s.id, 'Case', s.id, "
        f"'case_silent:Case:' || s.id || ':' || s.since || '/' || ({quiet} / {days}) || ':' "
        "|| u.id, 'in_app', :now "
        "FROM (SELECT c.id, p.full_name, co.name AS commune, co.province_code, "
        f"{since} AS since FROM cases c JOIN people p ON p.id = c.person_id "
        "JOIN communes co ON co.code = c.commune_code "
        "LEFT JOIN releases r ON r.id = c.release_id "
        f"WHERE c.status IN ('received', 'active') AND {started} <= :cutoff "
        "AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.case_id = c.id "
        "AND f.status = 'done' AND f.done_on > :cutoff) "
        "AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.case_id = c.id "
        "AND k.contact_on > :cutoff)) s "
        "JOIN users u ON u.role = 'province_officer' AND u.active "
        "AND u.province_code = s.province_code ON CONFLICT (dedupe_key) DO NOTHING",
        today=today, cutoff=cutoff, now=now,
    )  # fmt: skip


def _extend(raw: Raw, today: date, months: int) -> None:
    """A row every three months to the horizon for each open case whose schedule runs
    short (the rule book's own rhythm is the application's work; the synthetic cases get
    about that many)."""
    from reintegration.core.clock import add_months

    now = datetime.now(UTC)
    threshold = add_months(today, (months + 1) // 2)
    series = " UNION ALL ".join(f"SELECT {k} AS k" for k in range(3, months + 1, 3))
    due = (
        "CAST(:today AS date) + m.k * interval '1 month'"
        if raw.postgres
        else "date(:today, '+' || m.k || ' months')"
    )
    raw.run(
        "INSERT INTO follow_ups (case_id, due_on, kind, status, generated, created_at, "
        f"updated_at) SELECT c.id, {due}, 'home_visit', 'due', :yes, :now, :now "
        f"FROM cases c CROSS JOIN ({series}) m "
        "WHERE c.status IN ('received', 'active') AND NOT EXISTS (SELECT 1 FROM follow_ups f "
        "WHERE f.case_id = c.id AND f.generated = :yes AND f.status <> 'cancelled' "
        "AND f.due_on >= :threshold)",
        today=today, threshold=threshold, now=now, yes=True,
    )  # fmt: skip


def followup_sweep(app: Flask, size: int) -> dict:
    from bench.followup_sweep import TODAY

    steps = {
        "sweep_follow_ups": lambda raw: _sweep(raw, TODAY, app.config["FOLLOW_UP_GRACE_DAYS"]),
        "escalate_silent_cases": lambda raw: _escalate(
            raw, TODAY, app.config["SILENCE_ESCALATION_DAYS"]
        ),
        "extend_follow_up_schedules": lambda raw: _extend(
            raw, TODAY, app.config["FOLLOW_UP_HORIZON_MONTHS"]
        ),
    }
    floors = {}
    with app.app_context():
        for name, step in steps.items():
            raw = Raw()
            # The first run works on the built data; the second on what the first left.
            for attempt in ("first run", "second run"):
                floors[f"{name}: {attempt}"] = batch_floor(
                    timed(lambda step=step, raw=raw: step(raw)), "hand-written set-based SQL"
                )
            raw.close()
        db.session.remove()
    return floors


# --- reports ----------------------------------------------------------------------------

REPORT_QUERIES = (
    # open cases by status, classification and release type
    "SELECT co.province_code, c.status, c.classification, r.release_type, count(*) "
    "FROM cases c JOIN communes co ON co.code = c.commune_code "
    "LEFT JOIN releases r ON r.id = c.release_id "
    "WHERE c.notified_on <= :end GROUP BY 1, 2, 3, 4",
    # releases and receptions in the quarter
    "SELECT co.province_code, r.release_type, count(*), "
    "sum(CASE WHEN c.received_on BETWEEN :start AND :end THEN 1 ELSE 0 END) "
    "FROM cases c JOIN communes co ON co.code = c.commune_code JOIN releases r "
    "ON r.id = c.release_id WHERE r.release_date BETWEEN :start AND :end GROUP BY 1, 2",
    # follow-ups due and done in the quarter
    "SELECT co.province_code, f.kind, f.status, count(*) FROM follow_ups f "
    "JOIN cases c ON c.id = f.case_id JOIN communes co ON co.code = c.commune_code "
    "WHERE f.due_on BETWEEN :start AND :end GROUP BY 1, 2, 3",
    # loans by stage, amounts, and payments in the quarter
    "SELECT co.province_code, l.status, count(*), sum(l.amount_requested), "
    "sum(l.approved_amount), sum(CASE WHEN l.disbursed_on BETWEEN :start AND :end "
    "THEN 1 ELSE 0 END) FROM loan_applications l JOIN communes co "
    "ON co.code = l.commune_code WHERE l.submitted_on <= :end GROUP BY 1, 2",
    "SELECT co.province_code, count(*), sum(p.amount) FROM loan_payments p "
    "JOIN loan_applications l ON l.id = p.application_id JOIN communes co "
    "ON co.code = l.commune_code WHERE p.paid_on BETWEEN :start AND :end GROUP BY 1",
    "SELECT co.province_code, count(*), sum(i.principal) FROM loan_instalments i "
    "JOIN loan_applications l ON l.id = i.application_id JOIN communes co "
    "ON co.code = l.commune_code WHERE i.due_on <= :end AND NOT EXISTS "
    "(SELECT 1 FROM loan_payments p WHERE p.instalment_id = i.id) GROUP BY 1",
    # training and jobs
    "SELECT co.province_code, pl.status, count(*) FROM training_placements pl "
    "JOIN cases c ON c.id = pl.case_id JOIN communes co ON co.code = c.commune_code "
    "WHERE pl.enrolled_on <= :end GROUP BY 1, 2",
    "SELECT co.province_code, rf.status, count(*), "
    "sum(CASE WHEN rf.hired_on BETWEEN :start AND :end THEN 1 ELSE 0 END) FROM referrals rf "
    "JOIN cases c ON c.id = rf.case_id JOIN communes co ON co.code = c.commune_code "
    "WHERE rf.referred_on <= :end GROUP BY 1, 2",
    "SELECT co.province_code, rc.months, f.status, count(*) FROM retention_checks rc "
    "JOIN follow_ups f ON f.id = rc.follow_up_id JOIN cases c ON c.id = f.case_id "
    "JOIN communes co ON co.code = c.commune_code WHERE f.due_on <= :end GROUP BY 1, 2, 3",
)


def _snapshot_sql(raw: Raw) -> str:
    return (
        "SELECT v.figure, v.unit_code, v.value FROM report_values v "
        "JOIN report_snapshots s ON s.id = v.snapshot_id "
        "WHERE s.id IN (SELECT max(id) FROM report_snapshots WHERE period_kind = 'quarter' "
        "AND area_level = :level AND area_code = :area AND period_start IN (:a, :b, :c) "
        "GROUP BY period_start)"
    )


def reports(app: Flask, size: int) -> dict:
    """Measured after the benchmark (the dashboards read the snapshots it built)."""
    from bench.people_search import LAYOUT_ONLY_PATH
    from bench.reports import QUARTER
    from reintegration.reports import periods

    floors = {}
    with app.app_context():
        raw = Raw()
        bounds = {"start": QUARTER.start, "end": QUARTER.end}

        def build():
            for sql in REPORT_QUERIES:
                raw.run(sql, **bounds)

        build()  # warm, as the benchmark's two earlier builds warm the real one
        floors["national_quarter_build_nation_and_34_provinces"] = batch_floor(
            min(timed(build) for _ in range(3)), "hand-written GROUP BY queries"
        )
        periods = [
            QUARTER,
            periods.previous_period(QUARTER),
            periods.same_period_last_year(QUARTER),
        ]
        starts = dict(zip("abc", (p.start for p in periods), strict=True))
        levels = {row[0] for row in raw.run("SELECT DISTINCT area_level FROM report_snapshots")}
        nation = "nation" if "nation" in levels else sorted(levels)[0]
        province = "province" if "province" in levels else sorted(levels)[-1]
        for name, level, area in (
            ("dashboard_national_viewer", nation, 0),
            ("dashboard_province_officer_hcmc", province, HO_CHI_MINH),
        ):
            sql_ms = time_calls(
                lambda level=level, area=area: raw.run(
                    _snapshot_sql(raw), level=level, area=area, **starts
                ),
                REPEAT,
            )["p50_ms"]
            floors[name] = page_floor(sql_ms)
        raw.close()
        db.session.remove()
    body = page_bytes(app, "bench.national", LAYOUT_ONLY_PATH, {})
    floors["national viewer: the password form (the layout alone)"] = bare_floor(body)
    return floors


# --- matching ---------------------------------------------------------------------------


PROVINCE_SCOPE = "SELECT code FROM communes WHERE province_code = :province"


def _top20_sql(scope: str = PROVINCE_SCOPE) -> str:
    """Candidates in ``scope`` (the city, or a caseworker's communes) with an open case,
    looking for work, not excluded; points for the wanted trade, a known skill, a completed
    course, the preferred commune."""
    return (
        "SELECT p.id, p.full_name, "
        "(CASE WHEN EXISTS (SELECT 1 FROM work_profile_trades t WHERE t.person_id = p.id "
        "AND t.trade_code = :trade AND t.link = 'interest') THEN 40 ELSE 0 END "
        "+ CASE WHEN EXISTS (SELECT 1 FROM work_profile_trades t WHERE t.person_id = p.id "
        "AND t.trade_code = :trade AND t.link = 'skill') THEN 30 ELSE 0 END "
        "+ CASE WHEN EXISTS (SELECT 1 FROM training_placements pl WHERE pl.person_id = p.id "
        "AND pl.trade_code = :trade AND pl.status = 'completed') THEN 20 ELSE 0 END "
        "+ CASE WHEN EXISTS (SELECT 1 FROM work_profile_communes wc WHERE wc.person_id = p.id "
        "AND wc.commune_code = :commune) THEN 10 ELSE 0 END) AS score "
        "FROM cases c JOIN people p ON p.id = c.person_id "
        "JOIN releases r ON r.id = c.release_id "
        "JOIN work_profiles w ON w.person_id = p.id "
        f"WHERE c.commune_code IN ({scope}) "
        "AND c.status IN ('received', 'active') AND c.classification <> 'D' "
        "AND w.availability <> 'not_looking' "
        "AND (:restricted = 0 OR r.offence_against_children = :no) "
        "AND NOT EXISTS (SELECT 1 FROM referrals rf WHERE rf.person_id = p.id "
        "AND rf.opening_id = :opening) "
        "ORDER BY score DESC, p.sort_key, p.id LIMIT 20"
    )


def matching(app: Flask, size: int) -> dict:
    from bench import matching as bench_matching

    floors = {}
    with app.app_context():
        raw = Raw()
        openings = raw.run(
            "SELECT id, trade_code, commune_code, no_work_with_children FROM openings "
            "WHERE status = 'open' ORDER BY id"
        )
        skilled = {row[0] for row in raw.run("SELECT DISTINCT opening_id FROM opening_skills")}
        hardest = next((o for o in openings if o[3] and o[0] in skilled), openings[0])
        picks = [hardest, openings[1], openings[len(openings) // 2]]

        caseworker = raw.run("SELECT id FROM users WHERE username = 'bench.caseworker'")[0][0]
        communes = f"SELECT commune_code FROM user_communes WHERE user_id = {caseworker}"

        def top20(opening, scope: str = PROVINCE_SCOPE) -> None:
            raw.run(
                _top20_sql(scope), trade=opening[1], commune=opening[2], province=HO_CHI_MINH,
                restricted=1 if opening[3] else 0, no=False, opening=opening[0],
            )  # fmt: skip

        for label, opening in zip(("restricted, skills", "plain", "middle"), picks, strict=True):
            for who, scope in (("officer", PROVINCE_SCOPE), ("caseworker", communes)):
                timing = time_calls(
                    lambda opening=opening, scope=scope: top20(opening, scope),
                    REPEAT,
                    budget_s=60,
                )
                floors[f"{who}: top 20 for one opening ({label})"] = {
                    "floor_ms": timing["p50_ms"],
                    "floor_calls": timing["calls"],
                    "floor": "hand-written SQL (scope, restrictions, points, top 20)",
                }
        count = getattr(bench_matching, "OPENINGS", len(openings))
        floors[f"officer: all {count} openings of the province"] = _every_opening_floor(
            openings, top20
        )
        raw.close()
        db.session.remove()
    return floors


def _every_opening_floor(openings: list, top20: Callable, budget_s: float = 120) -> dict:
    """The hand-written SQL for every opening, in order; past ``budget_s`` (it takes
    seconds an opening at a million people) the openings timed so far stand for the rest,
    scaled to all of them, and the floor says so."""
    started = time.perf_counter()
    timed_openings = 0
    for opening in openings:
        top20(opening)
        timed_openings += 1
        if time.perf_counter() - started > budget_s:
            break
    elapsed_ms = (time.perf_counter() - started) * 1000
    if timed_openings == len(openings):
        return batch_floor(elapsed_ms, "the same SQL for every opening")
    floor = batch_floor(
        elapsed_ms * len(openings) / timed_openings,
        f"the same SQL for every opening (timed on the first {timed_openings} of "
        f"{len(openings)}, scaled)",
    )
    return {**floor, "floor_openings_timed": timed_openings}


# --- release_import ---------------------------------------------------------------------


def release_import(app: Flask, size: int, rows: int) -> dict:
    """The preview's floor: the list read with the fastest reader (calamine, the app's) and
    the duplicate check by ID number and by name in hand-written SQL. The commit's: the rows
    an import of ``rows`` people writes, inserted by hand (people, releases, cases and a year
    of monthly follow-ups each)."""
    from python_calamine import CalamineWorkbook

    from bench.release_import import list_file
    from reintegration.people.models.person import name_sort_key

    now = datetime.now(UTC)
    today = date.today()
    floors = {}
    with app.app_context():
        content = list_file(rows, today)  # the list the benchmark uploads (same seed)
        raw = Raw()
        commune = raw.run(f"SELECT min(code) FROM communes WHERE province_code = {HO_CHI_MINH}")[0][
            0
        ]
        top = raw.run("SELECT max(id) FROM people")[0][0] or 0
        ids = [f"079{n:09d}" for n in range(rows)]

        def read() -> list[list]:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
            try:
                return workbook.get_sheet_by_index(0).to_python()
            finally:
                workbook.close()

        def check() -> None:
            """The list read, then who is on file already: by ID number, and by name."""
            check_listed(raw, read()[2:])

        reading = min(timed(read) for _ in range(3))

        def write() -> None:
            people = [
                (top + 1 + n, f"Nguyễn Văn {n}", f"nguyen van {n} {ids[n]}",
                 name_sort_key(f"Nguyễn Văn {n}"), f"{n} nguyen van",
                 1980, "male", ids[n], "Việt Nam", 1, now, now)
                for n in range(rows)
            ]  # fmt: skip
            raw.many(
                "INSERT INTO people (id, full_name, search_text, sort_key, match_key, "
                "birth_year, sex, id_number, nationality, version, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                people,
            )
            raw.many(
                "INSERT INTO releases (id, person_id, release_type, release_date, "
                "offence_against_children, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(p[0], p[0], "amnesty", date(2025, 9, 2), False, now, now) for p in people],
            )
            raw.many(
                "INSERT INTO cases (id, person_id, release_id, commune_code, status, "
                "notified_on, received_on, classification, extremely_difficult, version, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(p[0], p[0], p[0], commune, "received", today, today, "A", False, 1, now, now)
                 for p in people],
            )  # fmt: skip
            raw.many(
                "INSERT INTO follow_ups (case_id, due_on, kind, status, generated, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(p[0], today + timedelta(days=30 * k), "home_visit", "due", True, now, now)
                 for p in people for k in range(1, 13)],
            )  # fmt: skip

        checking, writing = timed(check), timed(write)
        raw.close()
        db.session.remove()
    floors[f"preview of {rows:,} rows"] = {
        **batch_floor(checking, "the list read with calamine + duplicate check by ID and name"),
        "floor_reading_ms": round(reading, 1),
    }
    floors[f"commit of {rows:,} rows"] = batch_floor(writing, "executemany INSERTs of the rows")
    floors["preview + commit (schedules included)"] = batch_floor(
        checking + writing, "the list read, duplicate check, executemany INSERTs of the rows"
    )
    floors.update(national_list(app))
    return floors


def duplicate_check(raw: "Raw", ids: list[str], names: list[str]) -> None:
    """Who is on file already: by ID number, and by name (500 a query)."""
    for start in range(0, len(ids), 500):
        marks = ", ".join(f"'{i}'" for i in ids[start : start + 500])
        raw.run(f"SELECT id_number FROM people WHERE id_number IN ({marks})")
    for start in range(0, len(names), 500):
        marks = ", ".join("'" + n.replace("'", "''") + "'" for n in names[start : start + 500])
        raw.run(f"SELECT id, birth_year FROM people WHERE match_key IN ({marks})")


def check_listed(raw: "Raw", listed: list[list]) -> None:
    """The duplicate check of a list's rows below its title and header, as the benchmark's
    lists lay them out (the name in the second column, the ID number in the fifth)."""
    from reintegration.people.models.person import name_match_key

    numbers = [str(row[4]) for row in listed]
    duplicate_check(raw, numbers, [name_match_key(str(row[1])) for row in listed])


def national_list(app: Flask) -> dict:
    """The national list's preview floor: its file read with calamine (every cell), then
    the duplicate check of its ID numbers and names in hand-written SQL."""
    from python_calamine import CalamineWorkbook

    from bench.release_import import NATIONAL_PREVIEW, NATIONAL_ROWS, national_file

    with app.app_context():
        content, _in_scope = national_file(NATIONAL_ROWS, date.today())
        raw = Raw()

        def check() -> None:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
            try:
                listed = workbook.get_sheet_by_index(0).to_python()[2:]
            finally:
                workbook.close()
            check_listed(raw, listed)

        checking = timed(check)
        raw.close()
        db.session.remove()
    return {
        NATIONAL_PREVIEW.format(rows=NATIONAL_ROWS): batch_floor(
            checking, "the list read with calamine + duplicate check by ID and name"
        )
    }


BEFORE = {"people_search", "followup_sweep", "matching", "release_import"}
