"""Loading the official unit lists: the counts, idempotency, updates, few statements."""

import shutil
import unicodedata

from sqlalchemy import delete, event

from reintegration.extensions import db
from reintegration.geo.loading import DATA_DIR, MODELS
from reintegration.geo.models import Commune, CommuneConversion, LegacyProvince, Province
from reintegration.geo.services import REFERENCE_TABLES, load_units, unit_counts

# The counts of rows in the CSV files. The data README says 696 old districts, but only 691
# have communes, and the list is one line per commune.
EXPECTED = {
    "provinces": 34,
    "communes": 3321,
    "legacy_provinces": 63,
    "legacy_districts": 691,
    "legacy_communes": 10051,
    "commune_conversions": 10565,
}
CLI_OUTPUT = (
    "34 provinces, 3321 communes, 63 old provinces, 691 old districts, "
    "10051 old communes, 10565 conversion rows"
)


def test_reference_tables_are_the_six_unit_tables():
    assert set(EXPECTED) == REFERENCE_TABLES


def test_flask_geo_load_twice_from_empty_tables_gives_the_official_counts(app, runner):
    with app.app_context():
        for model in reversed(MODELS):
            db.session.execute(delete(model))
        db.session.commit()
        assert db.session.get(Province, 1) is None
    try:
        for _ in range(2):
            result = runner.invoke(args=["geo", "load"])
            assert result.exit_code == 0, result.output
            assert result.output.strip() == CLI_OUTPUT
        with app.app_context():
            assert unit_counts() == EXPECTED
            assert db.session.get(Province, 1).name == "Thành phố Hà Nội"
            assert db.session.get(Commune, 4).name == "Phường Ba Đình"
    finally:
        with app.app_context():  # leave the reference data whole for the other tests
            load_units()
            db.session.commit()


def test_loaded_values(app_ctx):
    hanoi = db.session.get(Province, 1)
    assert (hanoi.kind, hanoi.name_folded) == ("thành phố trung ương", "thanh pho ha noi")
    ba_dinh = db.session.get(Commune, 4)
    assert (ba_dinh.province_code, ba_dinh.kind, ba_dinh.name_folded) == (
        1,
        "phường",
        "phuong ba dinh",
    )
    # The official list writes this one "xã Bắc Sơn".
    assert db.session.get(Commune, 6325).name == "Xã Bắc Sơn"
    assert db.session.get(LegacyProvince, 82).new_province_codes == "80 82"
    split = db.session.get(CommuneConversion, (214, 229))
    assert split.partly_merged is True
    assert db.session.get(CommuneConversion, (1, 97)).partly_merged is False


def _copy_data(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_load_updates_changed_names_in_nfc_without_adding_rows(app_ctx, tmp_path):
    data_dir = _copy_data(tmp_path)
    units = data_dir / "units_2025.csv"
    renamed = unicodedata.normalize("NFD", "Phường Ba Đình Mới")
    text = units.read_text(encoding="utf-8").replace(",Phường Ba Đình,", f",{renamed}  ,")
    units.write_text(text, encoding="utf-8")

    assert load_units(data_dir) == EXPECTED

    ba_dinh = db.session.get(Commune, 4)
    assert ba_dinh.name == "Phường Ba Đình Mới"
    assert ba_dinh.name == unicodedata.normalize("NFC", ba_dinh.name)
    assert ba_dinh.name_folded == "phuong ba dinh moi"
    # The test's session is rolled back at teardown: the reference data stays as loaded.


def test_second_load_reads_each_table_once_and_writes_nothing(app_ctx):
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert load_units() == EXPECTED
    finally:
        event.remove(db.engine, "before_cursor_execute", record)

    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert writes == []
    # One read of each table's rows and one count of each: no statement per row.
    assert len(statements) <= 2 * len(MODELS)
