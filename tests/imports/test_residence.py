"""A list whose residence is one cell, as the release papers write it (old units, hamlets,
abbreviations): each row placed in its commune of today, the street part kept apart, the
text kept as written, and what cannot be read said per row."""

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role
from reintegration.extensions import db
from reintegration.imports.models import BatchStatus, DecisionKind, RowStatus
from reintegration.imports.services.columns import auto_mapping, mapping_problems
from reintegration.people.models import Case, Person
from tests.imports.conftest import csv_bytes, rows_of, xlsx_bytes

NINH_BINH = 37  # since July 2025: the old Ninh Bình, Nam Định and Hà Nam
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân",
          "Quê quán/Nơi cư trú", "Ngày ra trại"]  # fmt: skip
ROWS = [
    # Xã Cồn Thoi (Kim Sơn) went wholly into Xã Bình Minh (14623).
    ["1", "Nguyễn Văn An", "15/03/1985", "Nam", "037085012345",
     "Thôn 3, Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình", "01/09/2025"],
    # Trực Hùng → Xã Ninh Cường (14077); Trực Hưng → Xã Trực Ninh (14053): the diacritics
    # written tell them apart.
    ["2", "Trần Văn Bình", "02/07/1990", "Nam", "036090012346",
     "Xóm 2, xã Trực Hùng, huyện Trực Ninh, tỉnh Nam Định", "01/09/2025"],
    ["3", "Lê Thị Cúc", "20/10/1988", "Nữ", "036188012347",
     "Xã Trực Hưng - H. Trực Ninh - Nam Định", "01/09/2025"],
    # Phường Quang Trung (TP. Phủ Lý, Hà Nam) was split: a person chooses.
    ["4", "Phạm Văn Dũng", "01/01/1980", "Nam", "035080012348",
     "Số 12 Lê Lợi, P. Quang Trung, TP. Phủ Lý, Hà Nam", "01/09/2025"],
    # Written without diacritics: both communes fit.
    ["5", "Hoàng Văn Em", "01/01/1985", "Nam", "036085012349",
     "xa truc hung, huyen truc ninh, nam dinh", "01/09/2025"],
    ["6", "Đỗ Văn Giang", "01/01/1986", "Nam", "037086012350",
     "Thôn 1, Xã Không Có, Huyện Kim Sơn, Tỉnh Ninh Bình", "01/09/2025"],
    ["7", "Vũ Văn Hải", "01/01/1987", "Nam", "037087012351", "Thôn 1", "01/09/2025"],
    # Another province (Hà Nội).
    ["8", "Bùi Văn Khoa", "01/01/1988", "Nam", "001088012352",
     "Phường Trúc Bạch, Quận Ba Đình, Hà Nội", "01/09/2025"],
]  # fmt: skip


@pytest.fixture
def ninh_binh_officer(make_user) -> str:
    return make_user(role=Role.PROVINCE_OFFICER, username="tinh.ninhbinh", province_code=NINH_BINH)


@pytest.fixture
def previewed(app, auth, ninh_binh_officer, upload, run_pending, latest_batch):
    auth.login(ninh_binh_officer)
    assert upload(xlsx_bytes([HEADER, *ROWS]), filename="dac-xa.xlsx").status_code == 302
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.READY, batch.error
    return batch, {row.row_number - 1: row for row in rows_of(app, batch.id)}


def test_residence_headings_are_one_cell_and_enough_to_place_a_row():
    for heading in ("Nơi cư trú", "Địa chỉ", "Nơi ĐKTT", "Quê quán/Nơi cư trú", "NƠI CƯ TRÚ",
                    "Dia chi thuong tru", "Nơi ở hiện nay"):  # fmt: skip
        assert auto_mapping([heading]) == ["residence"], heading
    assert auto_mapping(["Số nhà"]) == ["residence_address"]
    mapping = auto_mapping(HEADER)
    assert mapping_problems(mapping, release_date_default=False) == []


def test_old_addresses_in_one_cell_place_the_provinces_rows(previewed):
    _batch, rows = previewed
    for number in (1, 2, 3):
        assert rows[number].status == RowStatus.NEW, rows[number].problems
    communes = {n: rows[n].data["intake"]["commune_code"] for n in (1, 2, 3)}
    assert communes == {1: 14623, 2: 14077, 3: 14053}
    person = rows[1].data["person"]
    assert person["residence_commune_code"] == 14623
    assert person["residence_address"] == "Thôn 3"
    assert person["residence_as_written"] == "Thôn 3, Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình"
    assert rows[2].data["person"]["residence_address"] == "Xóm 2"
    assert rows[3].data["person"]["residence_address"] is None


def test_split_commune_and_undiacritised_names_wait_for_a_person(previewed):
    _batch, rows = previewed
    assert (rows[4].status, rows[4].decision) == (RowStatus.DECISION, DecisionKind.SPLIT)
    assert sorted(rows[4].candidates) == [13285, 13366]
    assert rows[4].data["person"]["residence_address"] == "Số 12 Lê Lợi"
    assert (rows[5].status, rows[5].decision) == (RowStatus.DECISION, DecisionKind.AMBIGUOUS)
    assert sorted(rows[5].candidates) == [14053, 14077]


def test_a_residence_that_names_no_known_commune_says_why(previewed):
    _batch, rows = previewed
    assert rows[6].status == RowStatus.INVALID
    assert rows[6].problems == [{
        "column": "Quê quán/Nơi cư trú",
        "message": "Không có xã/phường nào tên “Xã Không Có” ở “Huyện Kim Sơn”.",
    }]  # fmt: skip
    assert rows[7].status == RowStatus.INVALID
    assert rows[7].problems[0]["column"] == "Quê quán/Nơi cư trú"
    assert "“Thôn 1”" in rows[7].problems[0]["message"]
    assert 8 not in rows  # Hà Nội's: handed to its province (test_national_list)
    assert _batch.counts["elsewhere"] == 1


def test_confirmed_rows_keep_commune_street_and_text_as_written(
    app, client, previewed, run_pending, latest_batch
):
    batch, _rows = previewed
    assert client.post(f"/imports/{batch.id}/confirm").status_code == 302
    run_pending()
    assert latest_batch().status == BatchStatus.COMMITTED
    with app.app_context():
        people = {p.full_name: p for p in db.session.scalars(select(Person))}
        assert set(people) == {"Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Cúc"}
        an = people["Nguyễn Văn An"]
        assert (an.residence_commune_code, an.residence_address) == (14623, "Thôn 3")
        assert an.residence_as_written == "Thôn 3, Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình"
        cases = {c.person.full_name: c.commune_code for c in db.session.scalars(select(Case))}
        assert cases == {"Nguyễn Văn An": 14623, "Trần Văn Bình": 14077, "Lê Thị Cúc": 14053}


def test_a_street_column_beside_the_commune_columns_keeps_its_place(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    header = ["Họ và tên", "Năm sinh", "Giới tính", "Địa chỉ", "Xã/Phường", "Tỉnh/Thành phố",
              "Ngày ra trại"]  # fmt: skip
    row = ["Ngô Văn Lâm", "1985", "Nam", "Số 5 ngõ 12 Hàng Bông", "Phường Ba Đình", "Hà Nội",
           "01/09/2025"]  # fmt: skip
    auth.login(hanoi.officer)
    upload(csv_bytes([header, row]))
    run_pending()
    (imported,) = rows_of(app, latest_batch().id)
    assert imported.status == RowStatus.NEW, imported.problems
    assert imported.data["intake"]["commune_code"] == hanoi.commune_x
    assert imported.data["person"]["residence_address"] == "Số 5 ngõ 12 Hàng Bông"


# A residence in one cell beside province and district columns: the columns complete what
# the cell leaves out, and a cell that names another place than its column is not guessed.
COLUMN_HEADER = ["Họ và tên", "Năm sinh", "Giới tính", "Nơi cư trú", "Quận/Huyện",
                 "Tỉnh/Thành phố", "Ngày ra trại"]  # fmt: skip
COLUMN_ROWS = [
    # No province in the cell: Ninh Bình's column. Without it, no district either.
    ["Ngô Văn Một", "1985", "Nam", "Thôn 3, Xã Cồn Thoi", "Huyện Kim Sơn", "Ninh Bình"],
    ["Ngô Văn Hai", "1985", "Nam", "thon 3 yen thai", "yen mo", "Tỉnh Ninh Bình"],
    # Xã Kim Sơn is a commune of Ninh Bình, Gia Lai and Đồng Tháp: the column says which
    # (Gia Lai's: handed to it, though the importer is Ninh Bình's).
    ["Ngô Văn Ba", "1985", "Nam", "Thôn 2, Xã Kim Sơn", "", "Gia Lai"],
    # The cell and the column disagree: the row says both.
    ["Ngô Văn Bốn", "1985", "Nam", "Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình", "",
     "Hà Nội"],
    ["Ngô Văn Năm", "1985", "Nam", "Xã Cồn Thoi, Huyện Kim Sơn", "Yên Mô", "Ninh Bình"],
    ["Ngô Văn Sáu", "1985", "Nam", "Thôn 1, Xã Yên Thái", "", "Hà Nội"],
    # The cell and the column agree (an old province inside today's).
    ["Ngô Văn Bảy", "1985", "Nam", "Xã Trực Hưng, Huyện Trực Ninh, Tỉnh Nam Định", "",
     "Ninh Bình"],
    ["Ngô Văn Tám", "1985", "Nam", "Xã Cồn Thoi", "", "Tỉnh Không Có"],
]  # fmt: skip


def test_a_residence_cell_beside_province_and_district_columns(
    app, auth, ninh_binh_officer, upload, run_pending, latest_batch
):
    auth.login(ninh_binh_officer)
    rows = [[*row, "01/09/2025"] for row in COLUMN_ROWS]
    assert upload(csv_bytes([COLUMN_HEADER, *rows])).status_code == 302
    run_pending()
    batch = latest_batch()
    found = {row.row_number - 1: row for row in rows_of(app, batch.id)}
    for number, commune in ((1, 14623), (2, 14746), (7, 14053)):
        assert found[number].status == RowStatus.NEW, found[number].problems
        assert found[number].data["intake"]["commune_code"] == commune
    assert found[1].data["person"]["residence_address"] == "Thôn 3"
    assert 3 not in found and batch.counts["elsewhere"] == 1  # handed to Gia Lai

    def problem(number: int) -> str:
        assert found[number].status == RowStatus.INVALID
        (only,) = found[number].problems
        assert only["column"] == "Nơi cư trú"
        return only["message"]

    assert "“Tỉnh Ninh Bình”" in problem(4) and "“Hà Nội”" in problem(4)
    assert "“Huyện Kim Sơn”" in problem(5) and "“Yên Mô”" in problem(5)
    # Yên Thái is no commune of Hà Nội: read anywhere, it is Ninh Bình's.
    assert "“Hà Nội”" in problem(6) and "Ninh Bình" in problem(6)
    assert "“Tỉnh Không Có”" in problem(8)
