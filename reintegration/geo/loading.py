"""Loading the official unit lists (reintegration/geo/data/*.csv) into the database.

Idempotent: each table's existing rows are read once, then missing rows are inserted and
changed rows updated in bulk. Rows no longer in the lists are kept, since users, people and
addresses may still point at them.
"""

import csv
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import func, insert, inspect, select, update

from reintegration.core.models import SORT_KEY_LENGTH
from reintegration.core.text import fold, nfc, vietnamese_key
from reintegration.extensions import db
from reintegration.geo.models import (
    Commune,
    CommuneConversion,
    LegacyCommune,
    LegacyDistrict,
    LegacyProvince,
    Province,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

# In loading order: parents before the tables that point at them.
MODELS: tuple[type[db.Model], ...] = (
    Province,
    Commune,
    LegacyProvince,
    LegacyDistrict,
    LegacyCommune,
    CommuneConversion,
)
REFERENCE_TABLES: frozenset[str] = frozenset(model.__tablename__ for model in MODELS)

Row = dict[str, object]


def load_units(data_dir: Path | None = None) -> dict[str, int]:
    """Bring the six unit tables in line with the CSV files; returns each table's row count.

    Flushes, never commits: the caller owns the transaction.
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    units = _read(data_dir / "units_2025.csv")
    legacy_units = _read(data_dir / "legacy_units_pre2025.csv")
    rows_by_model = {
        Province: _provinces(units),
        Commune: _communes(units),
        LegacyProvince: _legacy_provinces(_read(data_dir / "legacy_provinces_pre2025.csv")),
        LegacyDistrict: _legacy_districts(legacy_units),
        LegacyCommune: _legacy_communes(legacy_units),
        CommuneConversion: _conversions(_read(data_dir / "commune_conversion_2025.csv")),
    }
    changed = False
    for model in MODELS:
        changed |= _upsert(model, rows_by_model[model])
    db.session.flush()
    if changed:
        db.session.expire_all()  # bulk updates bypass objects already in the session
    return unit_counts()


def unit_counts() -> dict[str, int]:
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in MODELS
    }


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _name(text: str) -> str:
    """NFC, and a capital first letter (one official name is written "xã Bắc Sơn")."""
    text = nfc(text)
    return text[:1].upper() + text[1:]


def _named(row: Row) -> Row:
    row["name_folded"] = fold(row["name"])
    return row


def _provinces(units: Iterable[dict[str, str]]) -> list[Row]:
    return [
        _named(
            {
                "code": int(r["province_code"]),
                "name": _name(r["province_name"]),
                "kind": nfc(r["province_type"]),
            }
        )
        for r in units
    ]


def _communes(units: Iterable[dict[str, str]]) -> list[Row]:
    return [
        _named(
            {
                "code": int(r["commune_code"]),
                "province_code": int(r["province_code"]),
                "name": _name(r["commune_name"]),
                "kind": nfc(r["commune_type"]),
                "sort_key": vietnamese_key(_name(r["commune_name"]))[:SORT_KEY_LENGTH],
            }
        )
        for r in units
    ]


def _legacy_provinces(rows: Iterable[dict[str, str]]) -> list[Row]:
    return [
        _named(
            {
                "code": int(r["legacy_province_code"]),
                "name": _name(r["legacy_province_name"]),
                "new_province_codes": " ".join(r["new_province_codes"].split()),
            }
        )
        for r in rows
    ]


def _legacy_districts(units: Iterable[dict[str, str]]) -> list[Row]:
    return [
        _named(
            {
                "code": int(r["district_code"]),
                "province_code": int(r["province_code"]),
                "name": _name(r["district_name"]),
            }
        )
        for r in units
    ]


def _legacy_communes(units: Iterable[dict[str, str]]) -> list[Row]:
    return [
        _named(
            {
                "code": int(r["commune_code"]),
                "district_code": int(r["district_code"]),
                "province_code": int(r["province_code"]),
                "name": _name(r["commune_name"]),
                "kind": nfc(r["commune_type"]),
            }
        )
        for r in units
    ]


def _conversions(rows: Iterable[dict[str, str]]) -> list[Row]:
    return [
        {
            "legacy_commune_code": int(r["legacy_commune_code"]),
            "new_commune_code": int(r["new_commune_code"]),
            "partly_merged": r["partly_merged"].strip() == "1",
        }
        for r in rows
    ]


def _upsert(model: type[db.Model], rows: list[Row]) -> bool:
    """Insert the rows whose key is missing, update those that differ; True if anything did."""
    key_names = [column.key for column in inspect(model).primary_key]
    # One row per key: the unit lists repeat each province and district on every commune line.
    wanted = {tuple(row[k] for k in key_names): row for row in rows}
    if not wanted:
        return False
    names = list(next(iter(wanted.values())))
    existing = {
        tuple(values[names.index(k)] for k in key_names): tuple(values)
        for values in db.session.execute(select(*(getattr(model, n) for n in names)))
    }
    missing, changed = [], []
    for key, row in wanted.items():
        current = existing.get(key)
        if current is None:
            missing.append(row)
        elif current != tuple(row[n] for n in names):
            changed.append(row)
    if missing:
        db.session.execute(insert(model), missing)
    if changed:
        db.session.execute(update(model), changed)
    return bool(missing or changed)
