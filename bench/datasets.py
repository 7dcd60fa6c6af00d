"""Built data kept between runs: one pristine database per benchmark, size and seed.

Building a million people takes far longer than measuring them, so each benchmark's data is
built once per database and kept: on SQLite a file in bench/data/cache/, on PostgreSQL a
database ``reint_bench_<size>_<benchmark>`` on the same cluster. Its key (size, seeds, the
code that builds it) is stored beside it; a changed key rebuilds it. A new migration does not:
it is applied to the kept data, as to a production database (an index added at a million
people takes seconds; rebuilding takes most of an hour).
A run measures a copy (a file copy, or ``CREATE DATABASE … TEMPLATE``), so the jobs that
change data (the sweep, the import, a report build) always start from the same state.
Benchmarks whose measures only read (the people list, matching) use the pristine copy.

Most of a build is the people themselves, and benchmarks share them: each names its
``POPULATION`` (everyone spread over the country, or all in one province), which is built
once per size as ``reint_bench_<size>_people_<all|province>`` and copied as the start of
every benchmark that names it.
"""

import hashlib
import importlib
import inspect
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bench import synthetic

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
CACHE = DATA / "cache"
READ_ONLY = {"people_search", "matching"}


def fingerprint(benchmark: str, size: int) -> str:
    """Changes when anything that shapes the built data changes: the synthetic people, the
    schema, the users, the benchmark's module (all but how it measures)."""
    from bench import setup

    module = importlib.import_module(f"bench.{benchmark}")
    builder = inspect.getsource(module).replace(inspect.getsource(module.measure), "")
    digest = hashlib.sha256(f"{benchmark}:{size}:{synthetic.SEED}".encode())
    digest.update((ROOT / "synthetic.py").read_bytes())
    digest.update(builder.encode())
    for function in (setup.fresh_schema, setup.make_users, setup.analyse):
        digest.update(inspect.getsource(function).encode())
    return digest.hexdigest()[:16]


def population_fingerprint(size: int, province: int | None) -> str:
    from bench import setup

    digest = hashlib.sha256(f"people:{size}:{province}:{synthetic.SEED}".encode())
    digest.update((ROOT / "synthetic.py").read_bytes())
    digest.update(inspect.getsource(setup.fresh_schema).encode())
    return digest.hexdigest()[:16]


# The start of every database's name: REINTEGRATION_BENCH_PREFIX lets two checkouts share
# one PostgreSQL cluster without building over each other's data.
PREFIX = os.environ.get("REINTEGRATION_BENCH_PREFIX") or "reint_bench"


def population_name(size: int, province: int | None) -> str:
    return f"{PREFIX}_{size}_people_{province or 'all'}"


def pristine_name(benchmark: str, size: int) -> str:
    return f"{PREFIX}_{size}_{benchmark}"


def working_name(benchmark: str, size: int) -> str:
    return f"{PREFIX}_work_{size}_{benchmark}"


class Store:
    """Where one database kind keeps pristine data and makes working copies."""

    def __init__(self, database: str, postgres_url: str | None = None) -> None:
        self.database = database
        self.postgres_url = postgres_url

    def url(self, name: str) -> str:
        if self.database == "sqlite":
            return f"sqlite:///{self._file(name)}"
        return make_url(self.postgres_url).set(database=name).render_as_string(hide_password=False)

    def _file(self, name: str) -> Path:
        """Pristine files in the cache folder, working copies beside it."""
        return (DATA if name.startswith(f"{PREFIX}_work_") else CACHE) / f"{name}.db"

    # --- keys ------------------------------------------------------------------------

    def key_of(self, name: str) -> str | None:
        if self.database == "sqlite":
            marker = self._file(name).with_suffix(".key")
            return marker.read_text().strip() if marker.exists() else None
        with self._admin() as connection:
            return connection.execute(
                text(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                    "WHERE datname = :name"
                ),
                {"name": name},
            ).scalar()

    def set_key(self, name: str, key: str) -> None:
        if self.database == "sqlite":
            self._file(name).with_suffix(".key").write_text(key + "\n")
            return
        with self._admin() as connection:
            connection.execute(text(f"COMMENT ON DATABASE {name} IS '{key}'"))

    # --- create, copy, drop ------------------------------------------------------------

    def create_empty(self, name: str) -> None:
        self.drop(name)
        if self.database == "sqlite":
            self._file(name).parent.mkdir(parents=True, exist_ok=True)
            return
        with self._admin() as connection:
            connection.execute(text(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"))

    def copy(self, source: str, target: str) -> None:
        self.drop(target)
        if self.database == "sqlite":
            DATA.mkdir(exist_ok=True)
            self._checkpoint(source)
            shutil.copyfile(self._file(source), self._file(target))
            return
        with self._admin() as connection:
            connection.execute(text(f"CREATE DATABASE {target} TEMPLATE {source}"))

    def drop(self, name: str) -> None:
        if self.database == "sqlite":
            path = self._file(name)
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            path.with_suffix(".key").unlink(missing_ok=True)
            return
        with self._admin() as connection:
            try:
                # PostgreSQL itself stops an autovacuum worker busy on the database; FORCE
                # would instead try to end it, which this role may not (the report build's
                # copy at a million people failed so).
                connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            except OperationalError:
                # Still open elsewhere (a run stopped at its time limit): ended by force.
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def settle(self, name: str) -> None:
        """VACUUM a PostgreSQL database as autovacuum would have by the time anyone uses
        it. After a bulk load its visibility map is empty, so the planner prices every
        index-only scan as reading the table: a case search at 100,000 people ran as a
        43 ms scan of the table instead of a 0.5 ms index-only scan. Quick once done, and
        a copy (CREATE DATABASE … TEMPLATE) keeps it."""
        if self.database != "postgresql":
            return
        engine = create_engine(self.url(name), isolation_level="AUTOCOMMIT")
        with _Closing(engine) as connection:
            tables = connection.exec_driver_sql(
                "SELECT quote_ident(relname) FROM pg_stat_user_tables ORDER BY relname"
            ).scalars()
            connection.exec_driver_sql(f"VACUUM (ANALYZE) {', '.join(tables)}")

    def _checkpoint(self, name: str) -> None:
        """Fold the write-ahead log into the file, which alone is copied."""
        engine = create_engine(self.url(name))
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()

    def _admin(self):
        engine = create_engine(
            make_url(self.postgres_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
        )
        return _Closing(engine)


class _Closing:
    def __init__(self, engine) -> None:
        self.engine = engine

    def __enter__(self):
        self.connection = self.engine.connect()
        return self.connection

    def __exit__(self, *exc) -> None:
        self.connection.close()
        self.engine.dispose()


def prepare(
    store: Store,
    benchmark: str,
    size: int,
    build: Callable[[str], None],
    target: str | None = None,
    working_copy: bool = True,
) -> tuple[str, bool]:
    """The URL of a database holding ``benchmark``'s data at ``size``: built now when the
    pristine copy is missing or stale (``build`` is called with its URL), then copied to
    ``target`` (by default the benchmark's working copy; none for read-only benchmarks, nor
    without ``working_copy``). Returns the URL and whether it was built now."""
    name, key = pristine_name(benchmark, size), fingerprint(benchmark, size)
    built = store.key_of(name) != key
    if built:
        population = importlib.import_module(f"bench.{benchmark}").POPULATION
        store.copy(ensure_population(store, size, population), name)
        build(store.url(name))
        store.set_key(name, key)
    else:
        upgrade_kept(store, name)
    store.settle(name)
    if target is None and (benchmark in READ_ONLY or not working_copy):
        return store.url(name), built
    target = target or working_name(benchmark, size)
    store.copy(name, target)
    return store.url(target), built


def ensure_population(store: Store, size: int, province: int | None) -> str:
    """The name of the pristine database of ``size`` people (schema, reference data, people
    with their releases and cases, no users), built now unless kept from an earlier run."""
    from bench.setup import analyse, fresh_schema
    from reintegration.extensions import db

    name, key = population_name(size, province), population_fingerprint(size, province)
    if store.key_of(name) == key:
        upgrade_kept(store, name)
        return name
    started = time.perf_counter()
    store.create_empty(name)
    app = app_for(store.url(name))
    fresh_schema(app)
    with app.app_context():
        synthetic.build_people(size, province_code=province)
        db.session.remove()
    analyse(app)
    with app.app_context():
        db.engine.dispose()
    store.set_key(name, key)
    print(f"{name}: {size:,} people built in {time.perf_counter() - started:.1f} s", flush=True)
    return name


def upgrade_kept(store: Store, name: str) -> None:
    """Apply the migrations added since ``name`` was built, then refresh its statistics."""
    from flask_migrate import upgrade

    from bench.setup import analyse
    from reintegration.extensions import db

    app = app_for(store.url(name))
    with app.app_context():
        query = text("SELECT version_num FROM alembic_version")
        before = set(db.session.execute(query).scalars())
        db.session.remove()
        upgrade()
        changed = set(db.session.execute(query).scalars()) != before
        db.session.remove()
    if changed:
        analyse(app)
        print(f"{name}: kept data upgraded to the newest migration", flush=True)
    with app.app_context():
        db.engine.dispose()


def bench_instance() -> str:
    return str(DATA / "instance")


def app_for(url: str) -> Flask:
    from bench.setup import bench_app

    return bench_app(url, bench_instance())
