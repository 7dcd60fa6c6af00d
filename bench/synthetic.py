"""Synthetic people at scale: fixed seed, realistic Vietnamese names, real communes.

Rows are written with bulk inserts (executemany) in batches, so building 200,000 people
with their releases and cases takes seconds and bounded memory.
"""

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select

from reintegration.demo.names import vietnamese_name
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case, Person, Release
from reintegration.people.models.person import name_sort_key, search_text

SEED = 20250901
BATCH = 5_000

RELEASE_TYPES = ["amnesty", "sentence_completed", "conditional_early_release"]
FACILITIES = ["Trại giam Ninh Khánh", "Trại giam Thanh Xuân", "Trại giam Xuân Lộc",
              "Trại giam Nam Hà", "Trại giam Phú Sơn 4"]  # fmt: skip


def commune_codes(province_code: int | None) -> list[int]:
    stmt = select(Commune.code).order_by(Commune.code)
    if province_code is not None:
        stmt = stmt.where(Commune.province_code == province_code)
    return list(db.session.scalars(stmt))


def people_rows(count: int, communes: list[int], rng: random.Random) -> Iterator[tuple]:
    now = datetime.now(UTC)
    for number in range(1, count + 1):
        female = rng.random() < 0.08  # most people released from prison are men
        name = vietnamese_name(rng, female)
        year = rng.randint(1960, 2005)
        century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
        # 12 digits: a province code (the next one per million), century and sex, year,
        # a six-digit serial.
        province, serial = divmod(number, 1_000_000)
        id_number = f"{province + 1:03d}{century_sex}{year % 100:02d}{serial:06d}"
        person = {
            "id": number,
            "full_name": name,
            "search_text": search_text(name, None, id_number, None),
            "sort_key": name_sort_key(name),
            "birth_year": year,
            "birth_date": date(year, rng.randint(1, 12), rng.randint(1, 28)),
            "sex": "female" if female else "male",
            "id_number": id_number,
            "nationality": "Việt Nam",
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        released = date(2025, 1, 1) + timedelta(days=rng.randint(0, 300))
        release = {
            "id": number,
            "person_id": number,
            "release_type": rng.choice(RELEASE_TYPES),
            "release_date": released,
            "detention_facility": rng.choice(FACILITIES),
            "offence_group": rng.choice(["property", "drugs", "public_order", "life_and_health"]),
            "offence_against_children": False,
            "created_at": now,
            "updated_at": now,
        }
        status = rng.choices(["notified", "received", "active", "closed"], [3, 7, 80, 10])[0]
        case = {
            "id": number,
            "person_id": number,
            "release_id": number,
            "commune_code": rng.choice(communes),
            "status": status,
            "close_reason": "moved_away" if status == "closed" else None,
            "notified_on": released - timedelta(days=5),
            "received_on": None if status == "notified" else released + timedelta(days=2),
            "classification": rng.choices(["A", "B", "C", "D"], [50, 35, 12, 3])[0],
            "extremely_difficult": rng.random() < 0.1,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        yield person, release, case


def build_people(count: int, province_code: int | None = None) -> None:
    """Insert ``count`` people, each with a release and a case, in the communes of
    ``province_code`` (all communes when None). Commits per batch."""
    rng = random.Random(SEED)  # noqa: S311 (repeatable test data, not secrets)
    communes = commune_codes(province_code)
    batch: list[tuple] = []
    for rows in people_rows(count, communes, rng):
        batch.append(rows)
        if len(batch) == BATCH:
            _flush(batch)
            batch = []
    if batch:
        _flush(batch)
    _reset_sequences()


def _flush(batch: list[tuple]) -> None:
    people, releases, cases = zip(*batch, strict=True)
    db.session.execute(insert(Person.__table__), list(people))
    db.session.execute(insert(Release.__table__), list(releases))
    db.session.execute(insert(Case.__table__), list(cases))
    db.session.commit()


def _reset_sequences() -> None:
    """Rows were inserted with explicit ids; PostgreSQL's sequences must move past them."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("people", "releases", "cases"):
        db.session.execute(
            db.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {table}))"
            )
        )
    db.session.commit()
