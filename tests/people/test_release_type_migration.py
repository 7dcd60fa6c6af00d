"""The revision that copies each release's type onto its cases fills the cases written
before it, batch by batch of ids, and from then on its triggers keep the copy: on SQLite and,
when the suite runs there, on PostgreSQL (in a database of its own, made and dropped here)."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy.engine import make_url

from reintegration import create_app
from reintegration.extensions import db
from tests.conftest import DATABASE_URL_VAR

BEFORE = "7b8c9d0e0027"
REVISION = "6f2b8d3c0026"
NOW = datetime(2026, 11, 1, tzinfo=UTC)
# Case ids on both sides of the migration's batches of 50,000.
CASE_IDS = (1, 2, 50_000, 50_001, 120_007)
TYPES = ("amnesty", "sentence_completed", "conditional_early_release", "amnesty", None)


@pytest.fixture
def empty_database(tmp_path, monkeypatch):
    """The URL of an empty database: a file, or a PostgreSQL database beside the suite's."""
    import os

    suite_url = os.environ.get(DATABASE_URL_VAR)
    if not suite_url or not suite_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path}/migration.db"
        return
    url = make_url(suite_url)
    name = f"{url.database}_release_type"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def filled(table: sa.Table, **values) -> dict:
    """``values``, and a plain value for every other column the row cannot go without."""
    plain = {sa.Integer: 0, sa.Boolean: False, sa.Date: date(2025, 9, 1), sa.DateTime: NOW}
    for column in table.columns:
        if column.name in values or column.nullable or column.server_default is not None:
            continue
        if column.primary_key:
            continue
        kind = next((v for t, v in plain.items() if isinstance(column.type, t)), "vn")
        values[column.name] = kind
    return values


def test_cases_get_their_release_type_and_keep_it(empty_database, tmp_path):
    app = create_app({"MODE": "testing", "INSTANCE_PATH": str(tmp_path),
                      "SQLALCHEMY_DATABASE_URI": empty_database})  # fmt: skip
    with app.app_context():
        upgrade(revision=BEFORE)
        commune = 4
        with db.engine.begin() as connection:
            meta = sa.MetaData()
            provinces, communes, people, releases, cases = (
                sa.Table(name, meta, autoload_with=connection)
                for name in ("provinces", "communes", "people", "releases", "cases")
            )
            # One commune, written with the tables as they were then (loading the units
            # today writes columns later revisions add).
            connection.execute(provinces.insert().values(filled(
                provinces, code=1, name="Thành phố Hà Nội", name_folded="thanh pho ha noi",
            )))  # fmt: skip
            connection.execute(communes.insert().values(filled(
                communes, code=commune, province_code=1, name="Phường Ba Đình",
                name_folded="phuong ba dinh",
            )))  # fmt: skip
            stamps = {"created_at": NOW, "updated_at": NOW}
            for case_id, release_type in zip(CASE_IDS, TYPES, strict=True):
                connection.execute(people.insert().values(filled(
                    people, id=case_id, full_name="Nguyễn Văn An", search_text="nguyen van an",
                    sort_key="an", birth_year=1990, sex="male", **stamps,
                )))  # fmt: skip
                if release_type:
                    connection.execute(releases.insert().values(filled(
                        releases, id=case_id, person_id=case_id, release_type=release_type,
                        release_date=date(2025, 9, 1), **stamps,
                    )))  # fmt: skip
                connection.execute(cases.insert().values(filled(
                    cases, id=case_id, person_id=case_id, commune_code=commune,
                    status="received", release_id=case_id if release_type else None, **stamps,
                )))  # fmt: skip

        upgrade()

        def copied() -> list[tuple]:
            return [tuple(row) for row in db.session.execute(
                sa.text("SELECT id, release_type FROM cases ORDER BY id")
            )]  # fmt: skip

        assert copied() == list(zip(CASE_IDS, TYPES, strict=True))
        # The triggers: a corrected release, a case given another release, a new case.
        db.session.execute(
            sa.text("UPDATE releases SET release_type = 'sentence_completed' WHERE id = 1")
        )
        db.session.execute(sa.text("UPDATE cases SET release_id = 2 WHERE id = 50000"))
        db.session.execute(
            sa.text(
                "INSERT INTO cases (id, person_id, commune_code, status, release_id, version, "
                "extremely_difficult, created_at, updated_at) "
                "VALUES (7, 2, :commune, 'closed', 50000, 1, :no, :now, :now)"
            ),
            {"commune": commune, "no": False, "now": NOW},
        )
        db.session.commit()
        assert copied() == [
            (1, "sentence_completed"), (2, "sentence_completed"),
            (7, "conditional_early_release"), (50_000, "sentence_completed"),
            (50_001, "amnesty"), (120_007, None),
        ]  # fmt: skip
        db.session.remove()
        downgrade(revision=BEFORE)
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("cases")}
        assert "release_type" not in columns
        db.session.remove()
        db.engine.dispose()
