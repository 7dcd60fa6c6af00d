"""Search without diacritics or case, by ID fragment, sorted by given name, within scope."""

import unicodedata

import pytest

from reintegration.extensions import db
from tests.factories import CaseFactory, PersonFactory

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Đức", "Phạm Thị Ánh", "Đỗ Minh Châu"]


@pytest.fixture
def people_x(app, hanoi):
    with app.app_context():
        for number, name in enumerate(NAMES):
            person = PersonFactory(full_name=name, id_number=f"00108501{number:04d}")
            CaseFactory(person=person, commune_code=hanoi.commune_x)
        outsider = PersonFactory(full_name="Nguyễn Văn An Khác", id_number="001085019999")
        CaseFactory(person=outsider, commune_code=hanoi.commune_y)
        db.session.commit()


def listed_names(client, **params) -> list[str]:
    import re

    page = client.get("/people/", query_string=params).get_data(as_text=True)
    return re.findall(r'href="/cases/\d+">([^<]+)</a>', page)


@pytest.mark.parametrize(
    "typed",
    [
        "nguyen van an",
        "Nguyen Van An",
        "NGUYỄN văn an",
        unicodedata.normalize("NFD", "Nguyễn Văn An"),
        "van an",
        "nguyễn",
    ],
)
def test_search_ignores_diacritics_case_and_normal_form(client, auth, hanoi, people_x, typed):
    auth.login(hanoi.caseworker_x)
    assert listed_names(client, q=typed) == ["Nguyễn Văn An"]


def test_d_with_stroke_folds_to_d(client, auth, hanoi, people_x):
    auth.login(hanoi.caseworker_x)
    assert listed_names(client, q="duc") == ["Lê Văn Đức"]
    assert listed_names(client, q="do minh") == ["Đỗ Minh Châu"]


def test_search_by_id_number_fragment(client, auth, hanoi, people_x):
    auth.login(hanoi.caseworker_x)
    assert listed_names(client, q="001085010002") == ["Lê Văn Đức"]
    assert listed_names(client, q="0003") == ["Phạm Thị Ánh"]


def test_list_is_sorted_by_given_name(client, auth, hanoi, people_x):
    auth.login(hanoi.caseworker_x)
    # An, Ánh, Bình, Châu, Đức: by the last word, without diacritics.
    assert listed_names(client) == [
        "Nguyễn Văn An",
        "Phạm Thị Ánh",
        "Trần Thị Bình",
        "Đỗ Minh Châu",
        "Lê Văn Đức",
    ]


def test_search_never_leaves_the_scope(client, auth, hanoi, people_x):
    auth.login(hanoi.caseworker_x)
    assert "Nguyễn Văn An Khác" not in listed_names(client, q="nguyen van an")
    assert listed_names(client, q="001085019999") == []


def test_province_officer_sees_every_commune(client, auth, hanoi, people_x):
    auth.login(hanoi.officer)
    assert sorted(listed_names(client, q="nguyen van an")) == [
        "Nguyễn Văn An",
        "Nguyễn Văn An Khác",
    ]


def test_filters_by_commune_and_classification(app, client, auth, hanoi, people_x):
    from sqlalchemy import select

    from reintegration.people.models import Case, Classification, Person

    with app.app_context():
        case = db.session.scalars(
            select(Case).join(Person).where(Person.full_name == "Trần Thị Bình")
        ).one()
        case.classification = Classification.C
        db.session.commit()
    auth.login(hanoi.officer)
    assert listed_names(client, classification="C") == ["Trần Thị Bình"]
    assert listed_names(client, commune=hanoi.commune_y) == ["Nguyễn Văn An Khác"]


def test_search_wildcards_are_literal(client, auth, hanoi, people_x):
    auth.login(hanoi.caseworker_x)
    assert listed_names(client, q="%") == []
    assert listed_names(client, q="_") == []


def test_broad_results_page_in_name_order(app, client, auth, hanoi, people_x, monkeypatch):
    """Past COUNT_CAP matches the total says "more than"; the pages still follow the
    given-name order."""
    from reintegration.people.services import search

    monkeypatch.setattr(search, "COUNT_CAP", 3)
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    auth.login(hanoi.caseworker_x)
    first = client.get("/people/").get_data(as_text=True)
    assert listed_names(client) == ["Nguyễn Văn An", "Phạm Thị Ánh"]
    assert listed_names(client, page=2) == ["Trần Thị Bình", "Đỗ Minh Châu"]
    assert "Hơn 3 kết quả" in first


def person_named(full_name: str):
    from sqlalchemy import select

    from reintegration.people.models import Person

    return db.session.scalars(select(Person).where(Person.full_name == full_name)).one()


def test_a_renamed_person_is_found_and_sorted_by_the_new_name(app, client, auth, hanoi, people_x):
    """The list searches and sorts the copy of the names each case carries; a change to
    the person reaches it."""
    with app.app_context():
        person_named("Trần Thị Bình").full_name = "Trần Thị Yến"
        db.session.commit()
    auth.login(hanoi.caseworker_x)
    assert listed_names(client, q="binh") == []
    assert listed_names(client, q="tran thi yen") == ["Trần Thị Yến"]
    assert listed_names(client)[-1] == "Trần Thị Yến"


def test_a_case_moved_to_another_person_is_found_under_that_name(
    app, client, auth, hanoi, people_x
):
    """A merge moves the absorbed record's cases to the kept one."""
    with app.app_context():
        kept = person_named("Nguyễn Văn An")
        (case,) = person_named("Nguyễn Văn An Khác").cases
        case.person = kept
        db.session.commit()
    auth.login(hanoi.officer)
    assert listed_names(client, q="an khac") == []
    assert listed_names(client, q="001085019999") == []
    assert listed_names(client, q="nguyen van an") == ["Nguyễn Văn An", "Nguyễn Văn An"]


def test_a_list_page_loads_its_cases_once_and_is_audited(app, client, auth, hanoi):
    """The page is drawn before the search's audit is committed: committing first expired
    every case loaded, and each was read again while the page was drawn (a query a row)."""
    from sqlalchemy import event, select

    from reintegration.core.audit import AuditEvent

    with app.app_context():
        for number in range(12):
            person = PersonFactory(full_name=f"Nguyễn Văn Số {number}")
            CaseFactory(person=person, commune_code=hanoi.commune_x)
        db.session.commit()
        engine = db.engine
    auth.login(hanoi.caseworker_x)
    sent = []

    def count(*_args) -> None:
        sent.append(1)

    for params in ({}, {"q": "nguyen van so"}):
        sent.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            page = client.get("/people/", query_string=params)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert page.status_code == 200
        assert len(listed_names(client, **params)) == 12
        assert len(sent) < 12
    with app.app_context():
        searches = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "people_searched")
        ).all()
        assert [e.detail["query"] for e in searches] == ["nguyen van so"] * 2


@pytest.fixture
def khai(app, hanoi):
    with app.app_context():
        for name, commune in (
            ("Trịnh Văn Khải", hanoi.commune_x),
            ("Trịnh Thị Khánh", hanoi.commune_x),
            ("Khải Trịnh Văn Nam", hanoi.commune_x),
            ("Trịnh Văn Khải", hanoi.commune_y),  # the same name, outside the scope
        ):
            CaseFactory(person=PersonFactory(full_name=name), commune_code=commune)
        db.session.commit()


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("trinh khai", ["Trịnh Văn Khải", "Khải Trịnh Văn Nam"]),
        ("khai trinh", ["Trịnh Văn Khải", "Khải Trịnh Văn Nam"]),
        ("Khải  TRỊNH", ["Trịnh Văn Khải", "Khải Trịnh Văn Nam"]),
        ("tr v kh", ["Trịnh Văn Khải", "Khải Trịnh Văn Nam"]),
        ("trinh van khai", ["Trịnh Văn Khải", "Khải Trịnh Văn Nam"]),
        ("trinh kha", ["Trịnh Thị Khánh", "Trịnh Văn Khải", "Khải Trịnh Văn Nam"]),
        ("thi trinh", ["Trịnh Thị Khánh"]),
        ("ng v an", ["Nguyễn Văn An"]),
        ("an nguyen", ["Nguyễn Văn An"]),
        ("van", ["Nguyễn Văn An", "Lê Văn Đức", "Trịnh Văn Khải", "Khải Trịnh Văn Nam"]),
        ("inh", []),  # a word is found by its start, not its middle
        ("trinh khai x", []),  # every word must be there
    ],
)
def test_search_by_any_words_of_the_name_in_any_order(client, auth, hanoi, people_x, khai,
                                                      typed, found):  # fmt: skip
    auth.login(hanoi.caseworker_x)
    assert sorted(listed_names(client, q=typed)) == sorted(found)


def test_words_of_a_name_and_an_id_fragment_together(client, auth, hanoi, people_x):
    auth.login(hanoi.caseworker_x)
    assert listed_names(client, q="an 010000") == ["Nguyễn Văn An"]  # 001085010000
    assert listed_names(client, q="binh 010000") == []  # Bình's is 001085010001


def test_the_release_type_filter_follows_the_cases_release(app, client, auth, hanoi, people_x):
    """The list filters on the release type each case carries: a release corrected to
    another type, and a case given another release, are listed under their new type."""
    from sqlalchemy import select

    from reintegration.accounts.models import User
    from reintegration.people.models import AmnestyDecision, ReleaseType
    from reintegration.people.services import editing
    from reintegration.people.services.data import ReleaseData
    from tests.factories import ReleaseFactory

    auth.login(hanoi.officer)
    assert listed_names(client, release_type="amnesty") == []
    assert len(listed_names(client, release_type="sentence_completed")) == 6
    with app.app_context():
        release = person_named("Trần Thị Bình").cases[0].release
        editing.correct_release(
            release,
            ReleaseData(
                release_type=ReleaseType.AMNESTY,
                release_date=release.release_date,
                amnesty_decision_id=db.session.scalars(select(AmnestyDecision.id)).first(),
            ),
            expected_version=release.version,
            actor=db.session.scalars(select(User).where(User.username == hanoi.caseworker_x)).one(),
            with_offence=False,
        )
        db.session.commit()
    assert listed_names(client, release_type="amnesty") == ["Trần Thị Bình"]
    with app.app_context():
        person = person_named("Lê Văn Đức")
        person.cases[0].release = ReleaseFactory(
            person=person, release_type=ReleaseType.CONDITIONAL_EARLY_RELEASE
        )
        db.session.commit()
    assert listed_names(client, release_type="conditional_early_release") == ["Lê Văn Đức"]
    assert "Lê Văn Đức" not in listed_names(client, release_type="sentence_completed")
    assert len(listed_names(client, release_type="sentence_completed")) == 4


def test_pages_and_count_under_the_cap_come_from_one_statement(
    app, client, auth, hanoi, people_x, monkeypatch
):
    """Fewer matches than the cap: the count and each page are taken of the matches read
    once, in given-name order; a page past the last shows nobody and the same count."""
    from sqlalchemy import event

    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    auth.login(hanoi.officer)
    assert listed_names(client) == ["Nguyễn Văn An", "Phạm Thị Ánh"]
    assert listed_names(client, page=2) == ["Trần Thị Bình", "Đỗ Minh Châu"]
    assert listed_names(client, page=3) == ["Lê Văn Đức", "Nguyễn Văn An Khác"]
    assert listed_names(client, q="van", page=2) == ["Nguyễn Văn An Khác"]
    past = client.get("/people/", query_string={"q": "van", "page": 5}).get_data(as_text=True)
    assert "Tổng cộng 3" in past
    assert "Không có ai phù hợp." in past

    with app.app_context():
        engine = db.engine
    sent = []

    def count(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get("/people/", query_string={"q": "van"}).get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert "Tổng cộng 3" in page
    # One statement reads the matches of cases (counted and paged), one loads the page's.
    assert sum("FROM cases" in statement for statement in sent) == 2
