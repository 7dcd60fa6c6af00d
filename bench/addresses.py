"""Issue 18: residences written as one text, read by ``geo.addresses`` as a national release
list writes them. The unit book is built from the unit tables (once a process), then
20,000 distinct addresses are read, each list with a fresh book and empty caches (the first
list a worker reads): old units with hamlets and abbreviations, the same folded and without
separators, and names of no commune (the close names worked out). What the figures say:
the share of an import's preview that placing its rows takes.

    python -m bench.addresses --database sqlite|postgresql
"""

import argparse
import random
import time

from flask import Flask

from bench.harness import record, time_calls
from bench.setup import HO_CHI_MINH
from bench.synthetic import commune_codes
from reintegration.core.text import fold
from reintegration.geo import addresses as parser
from reintegration.geo.services import _read_address_book

ADDRESSES = 20_000
SEED = 18
POPULATION: int | None = None  # no people: the unit tables are all it reads


def build(app: Flask, size: int) -> list[int]:
    """Nothing beyond the unit tables, which every benchmark's database has (and the
    benchmark users, whose communes these are)."""
    with app.app_context():
        return commune_codes(HO_CHI_MINH)


def lists(book: parser.AddressBook, count: int) -> dict[str, list[str]]:
    """Distinct one-cell addresses of old communes converted whole, written three ways."""
    rng = random.Random(SEED)  # noqa: S311 (repeatable test data)
    whole = [
        u
        for u in book.legacy_communes
        if [p for _, p in book.conversions.get(u.code, [])] == [False]
    ]
    districts = {d.code: d.name for d in book.legacy_districts}
    provinces = {p.code: p.name for p in book.legacy_provinces}
    picked = [rng.choice(whole) for _ in range(count)]

    def abbreviated(name: str) -> str:
        kind, bare = parser.official_type(name)
        short = {"xã": "X.", "phường": "P.", "thị trấn": "TT.", "huyện": "H.", "quận": "Q.",
                 "thị xã": "TX.", "thành phố": "TP.", "tỉnh": "T."}.get(kind)  # fmt: skip
        return f"{short} {bare}" if short else bare

    def dotless(name: str) -> str:  # "x Cồn Thoi", "TX Nghĩa Lộ": as typed in a hurry
        return abbreviated(name).replace(". ", " ").replace("X ", "x ").replace("P ", "p ")

    written, folded, unknown, messy = [], [], [], []
    for i, unit in enumerate(picked):
        district, province = districts[unit.parent], provinces[unit.province]
        hamlet = rng.choice(["Thôn", "Xóm", "Tổ", "Ấp", "Số"])
        if i % 2:
            written.append(f"{hamlet} {i}, {unit.name}, {district}, {province}")
        else:
            written.append(f"{hamlet} {i} - {abbreviated(unit.name)} - "
                           f"{abbreviated(district)} - {abbreviated(province)}")  # fmt: skip
        folded.append(fold(f"{hamlet} {i} {unit.name} {district} {province}"))
        unknown.append(f"Thôn {i}, Xã Không Có {i % 500}, {district}, {province}")
        if i % 2:
            messy.append(f"xom {i}, {dotless(unit.name)}; {dotless(district)}; "
                         f"{dotless(province)}".upper())  # fmt: skip
        else:
            messy.append(f"{i} Lê Lợi {parser.official_type(unit.name)[1]} "
                         f"{parser.official_type(district)[1]} "
                         f"{parser.official_type(province)[1]}")  # fmt: skip
    return {
        f"{count:,} old addresses, hamlets and abbreviations": written,
        f"{count:,} old addresses folded, without separators": folded,
        f"{count:,} addresses naming no commune (500 names)": unknown,
        f"{count:,} old addresses, dotless abbreviations or names only": messy,
    }


def _fresh() -> parser.AddressBook:
    for cached in (parser._segment_parts, parser._part, parser._type_word, parser._marks):
        cached.cache_clear()
    return _read_address_book()


def measure(app: Flask, database: str) -> dict[str, dict]:
    with app.app_context():
        figures = {"building the unit book": time_calls(_read_address_book, 5, warmup=1)}
        for name, texts in lists(_read_address_book(), ADDRESSES).items():
            book = _fresh()
            started, cpu = time.perf_counter(), time.process_time()
            placed = sum(parser.resolve(text, book).found for text in texts)
            elapsed_ms = (time.perf_counter() - started) * 1000
            cpu_ms = (time.process_time() - cpu) * 1000
            figures[name] = {
                "p50_ms": round(elapsed_ms, 1), "p95_ms": round(elapsed_ms, 1), "calls": 1,
                "cpu_ms": round(cpu_ms, 1),
                "per_address_us": round(cpu_ms * 1000 / len(texts), 1),
                "placed": placed,
            }  # fmt: skip
    record("addresses", database, 0, figures)
    return figures


def main(argv: list[str] | None = None) -> None:
    from bench.__main__ import ensure_data
    from bench.datasets import app_for

    parser_ = argparse.ArgumentParser(prog="python -m bench.addresses", description=__doc__)
    parser_.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser_.parse_args(argv)
    app = app_for(ensure_data("addresses", 0, args.database))
    for name, figures in measure(app, args.database).items():
        extra = ""
        if "per_address_us" in figures:
            extra = (
                f"  (CPU {figures['per_address_us']} µs an address, {figures['placed']:,} placed)"
            )
        print(f"  {name:<55} {figures['p50_ms']:>10.1f} ms{extra}")


if __name__ == "__main__":
    main()
