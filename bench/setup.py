"""A fresh database for a benchmark run: schema from the migrations, reference data, users."""

from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import MetaData

from bench import PASSWORD
from reintegration import create_app
from reintegration.accounts import services as accounts
from reintegration.accounts.models import Role, User
from reintegration.extensions import db
from reintegration.geo.services import load_units

# The users work in Hồ Chí Minh City, the province with the most communes (168 of 3,321),
# so the province officer's scope is the largest a real officer has.
HO_CHI_MINH = 79


def bench_app(database_url: str, instance_path: str) -> Flask:
    return create_app(
        {
            "MODE": "testing",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_PATH": instance_path,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )


def fresh_schema(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            db.engine.dispose()
            path = Path(db.engine.url.database)
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
        else:
            reflected = MetaData()
            reflected.reflect(bind=db.engine)
            reflected.drop_all(bind=db.engine)
        upgrade()
        load_units()
        db.session.commit()


def make_users(app: Flask, commune_codes: list[int]) -> dict[str, str]:
    """A province officer of Hồ Chí Minh City and a caseworker of two of its communes."""
    with app.app_context():
        accounts.create_user(
            username="bench.officer", full_name="Cán bộ tỉnh", role=Role.PROVINCE_OFFICER,
            password=PASSWORD, scope=accounts.Scope(province_code=HO_CHI_MINH),
        )  # fmt: skip
        accounts.create_user(
            username="bench.caseworker", full_name="Cán bộ xã", role=Role.CASEWORKER,
            password=PASSWORD,
            scope=accounts.Scope(province_code=HO_CHI_MINH, commune_codes=tuple(commune_codes[:2])),
        )  # fmt: skip
        db.session.commit()
        return {u.role.value: u.username for u in db.session.query(User)}


def analyse(app: Flask) -> None:
    """Fresh statistics, as a production database would have after autovacuum/ANALYZE."""
    with app.app_context(), db.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
