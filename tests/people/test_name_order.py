"""People's names in Vietnamese order wherever the database sorts them (issue 21): by the
given name, a ă â b c d đ e ê …, tones after the letters; the stored key recomputed for
the people already on file by the migration 6a7b8c9d0026."""

import random
import re
from datetime import timedelta

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from reintegration.accounts.models import Role, User
from reintegration.casework.models import FollowUp, FollowUpKind
from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.people.models import Case, Person
from reintegration.people.models.person import name_match_key, name_sort_key
from tests.factories import CaseFactory, PersonFactory

# By the given name: "Ba" (any family name) before "Bà", "Dung" and "Dũng" before "Đức".
IN_ORDER = [
    "Nguyễn Văn An",
    "Lê Thị Ánh",
    "Trần Văn Ba",
    "Hoàng Thị Bà",
    "Vũ Bình",
    "Phạm Thị Dung",
    "Đặng Văn Dũng",
    "Lê Văn Đức",
    "Đỗ Thị Em",
    "Trịnh Văn Giang",
]
BEFORE_THE_KEYS = "5e1a7c2d0025"


def shuffled(names: list[str]) -> list[str]:
    names = names[:]
    random.Random(21).shuffle(names)
    return names


@pytest.fixture
def people_on_file(app, hanoi):
    """The names in a shuffled order, half in commune X (caseworker X's), half in Y; each
    with a home visit due in two days. Returns the commune of each name of IN_ORDER."""
    with app.app_context():
        me = db.session.scalar(select(User).where(User.username == hanoi.caseworker_x))
        for number, name in enumerate(shuffled(IN_ORDER)):
            commune = hanoi.commune_x if number % 2 == 0 else hanoi.commune_y
            case = CaseFactory(
                person=PersonFactory(full_name=name),
                commune_code=commune,
                caseworker=me if commune == hanoi.commune_x else None,
            )
            db.session.flush()
            db.session.add(
                FollowUp(
                    case_id=case.id,
                    due_on=today_local() + timedelta(days=2),
                    kind=FollowUpKind.HOME_VISIT,
                    generated=False,
                )
            )
        db.session.commit()
        commune_of = dict(
            db.session.execute(select(Person.full_name, Case.commune_code).join(Case.person)).all()
        )
        return [commune_of[name] for name in IN_ORDER]


def listed_names(client, **params) -> list[str]:
    page = client.get("/people/", query_string=params).get_data(as_text=True)
    return re.findall(r'href="/cases/\d+">([^<]+)</a>', page)


def test_the_keys_sort_in_vietnamese_order():
    assert sorted(shuffled(IN_ORDER), key=name_sort_key) == IN_ORDER
    # Case, the normal form and where the tone mark sits do not count.
    assert name_sort_key("LÊ VĂN ĐỨC") == name_sort_key("lê văn đức")
    assert name_sort_key("Nguyễn Hoà") == name_sort_key("Nguyễn Hòa")


def test_an_officers_case_list_is_in_vietnamese_order(client, auth, hanoi, people_on_file):
    auth.login(hanoi.officer)
    assert listed_names(client) == IN_ORDER


def test_a_caseworkers_case_list_is_in_vietnamese_order(client, auth, hanoi, people_on_file):
    auth.login(hanoi.caseworker_x)
    mine = [name for name, commune in zip(IN_ORDER, people_on_file, strict=True)
            if commune == hanoi.commune_x]  # fmt: skip
    assert len(mine) == 5
    assert listed_names(client) == mine
    # A search keeps the order: every "d…" given name, Đ after D.
    assert listed_names(client, q="d") == [n for n in mine if n.split()[-1][0] in "DĐ"]


def test_the_offline_pack_lists_the_visits_in_vietnamese_order(client, auth, hanoi, people_on_file):
    auth.login(hanoi.caseworker_x)
    pack = client.post("/api/v1/offline/pack", json={}).json
    mine = [name for name, commune in zip(IN_ORDER, people_on_file, strict=True)
            if commune == hanoi.commune_x]  # fmt: skip
    assert [case["name"] for case in pack["cases"]] == mine


def test_the_caseworker_drop_down_is_in_vietnamese_order(client, auth, hanoi, make_user):
    for number, name in enumerate(shuffled(IN_ORDER)):
        make_user(
            role=Role.CASEWORKER,
            username=f"canbo.{number}",
            full_name=name,
            communes=[hanoi.commune_x],
        )
    auth.login(hanoi.officer)
    page = client.get("/people/").get_data(as_text=True)
    drop_down = re.search(r'<select[^>]*name="caseworker".*?</select>', page, re.S).group(0)
    offered = re.findall(r"<option[^>]*>([^<]+)</option>", drop_down)
    assert [name for name in offered if name in IN_ORDER] == IN_ORDER


def test_the_migration_recomputes_the_keys_of_the_people_on_file(app, hanoi, people_on_file):
    """Down to the folded keys and back, over people and their cases: the old keys put
    "Đức" among the "D"; the new ones after them, and the match keys stay folded."""
    keys = text(
        "SELECT p.full_name, p.sort_key, c.sort_key FROM people p "
        "JOIN cases c ON c.person_id = p.id ORDER BY c.sort_key, c.id"
    )
    with app.app_context():
        db.session.remove()
        try:
            downgrade(revision=BEFORE_THE_KEYS)
            rows = db.session.execute(keys).all()
            db.session.remove()
        finally:
            upgrade()
        assert [(name, key) for name, key, _copy in rows] == [
            (name, name_match_key(name)) for name, _key, _copy in rows
        ]
        assert all(copy == key for _name, key, copy in rows)
        assert [name for name, _key, _copy in rows] == [
            "Nguyễn Văn An", "Lê Thị Ánh", "Hoàng Thị Bà", "Trần Văn Ba", "Vũ Bình",
            "Lê Văn Đức", "Đặng Văn Dũng", "Phạm Thị Dung", "Đỗ Thị Em", "Trịnh Văn Giang",
        ]  # fmt: skip
        rows = db.session.execute(keys).all()
        assert [name for name, _key, _copy in rows] == IN_ORDER
        assert all(key == copy == name_sort_key(name) for name, key, copy in rows)
        match_keys = db.session.execute(text("SELECT full_name, match_key FROM people")).all()
        assert all(key == name_match_key(name) for name, key in match_keys)


def test_communes_sort_in_vietnamese_order_where_the_database_sorts_them(app, make_user):
    """The officer's start page names the first communes without a caseworker; they come in
    the order of the drop-downs (Đ after every D), on both databases."""
    from reintegration.casework.services.waiting import NAMES_SHOWN, officer_waiting
    from reintegration.core.text import vietnamese_key
    from reintegration.geo.models import Commune

    username = make_user(role=Role.PROVINCE_OFFICER, username="tinh.nb", province_code=37)
    with app.app_context():
        names = db.session.scalars(select(Commune.name).where(Commune.province_code == 37)).all()
        expected = sorted(names, key=vietnamese_key)
        assert [n for n in expected if n.startswith("Xã Đ")]  # the province has such communes
        user = db.session.scalars(select(User).where(User.username == username)).one()
        assert officer_waiting(user).commune_names == expected[:NAMES_SHOWN]
        in_sql = db.session.scalars(
            select(Commune.name).where(Commune.province_code == 37).order_by(Commune.sort_key)
        ).all()
        assert in_sql == expected
