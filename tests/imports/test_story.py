"""The preview's counts tell the story of the list, and each opens its rows."""

import re
import unicodedata
from urllib.parse import unquote_plus

from reintegration.imports.models import Tag
from tests.imports.conftest import rows_of, xlsx_bytes

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Xã/Phường", "Quận/Huyện",
          "Tỉnh/Thành phố", "Ngày ra trại"]  # fmt: skip
OLD = ["Phường Trúc Bạch", "Quận Ba Đình", "Hà Nội"]  # converted to Phường Ba Đình
NEW = ["Phường Ngọc Hà", "", "Hà Nội"]
ROWS = [
    [1, "Nguyễn Văn An", "15/03/1985", "Nam", "001085012345", *OLD, "01/09/2025"],
    # The ID number stored as a number: its leading zeros put back.
    [2, "Trần Văn Bình", "02/07/1990", "Nam", 1090012346, *NEW, "01/09/2025"],
    # The birth date stored as its serial number (15/03/1985 = 31121).
    [3, "Lê Văn Cường", 31121, "Nam", "001085012347", *NEW, "01/09/2025"],
    [4, unicodedata.normalize("NFD", "Phạm Thị Dung"), "01/01/1980", "Nữ", "001180012348",
     *NEW, "01/09/2025"],
    # The same ID number as row 1: repeated, invalid.
    [5, "Nguyễn Văn An", "15/03/1985", "Nam", "001085012345", *NEW, "01/09/2025"],
    [6, "Hoàng Văn Em", "01/01/1985", "", "001085012349", *NEW, "01/09/2025"],
    [7, "Vũ Văn Giang", "01/01/1986", "Nam", "037086012350", "Xã Cồn Thoi", "Huyện Kim Sơn",
     "Ninh Bình", "01/09/2025"],
]  # fmt: skip


def test_the_counts_tell_the_story_and_open_their_rows(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    auth.login(hanoi.officer)
    upload(xlsx_bytes([HEADER, *ROWS]), filename="danh-sach.xlsx")
    run_pending()
    batch = latest_batch()
    tags = {r.row_number - 1: set(r.tags) for r in rows_of(app, batch.id)}
    assert Tag.OLD_ADDRESS.value in tags[1]
    assert tags[2] == {Tag.ID_ZERO.value} and tags[3] == {Tag.SERIAL_DATE.value}
    assert tags[4] == {Tag.DECOMPOSED.value} and Tag.REPEATED.value in tags[5]
    assert 7 not in tags  # Ninh Bình's

    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    story = page.split('data-testid="import-story"')[1].split("</ul>")[0]
    counts = {
        (show, unquote_plus(reason or "")): int(count)
        for show, reason, count in re.findall(
            r'rows\?show=([^"&]+)(?:&amp;reason=([^"]*))?">[^<]*: (\d+)<', story
        )
    }
    assert counts == {
        ("status:new", ""): 4, ("tag:repeated", ""): 1, ("status:invalid", ""): 2,
        ("invalid", "Giới tính"): 1, ("invalid", "Số CCCD"): 1, ("tag:id_zero", ""): 1,
        ("tag:serial_date", ""): 1, ("tag:decomposed", ""): 1, ("tag:old_address", ""): 1,
    }  # fmt: skip
    assert 'data-testid="import-handed"' in page

    def opened(show, **args) -> str:
        response = client.get(f"/imports/{batch.id}/rows", query_string={"show": show, **args})
        assert response.status_code == 200
        return response.get_data(as_text=True).split('data-testid="import-rows"')[1]

    assert "Trần Văn Bình" in opened("tag:id_zero") and "An" not in opened("tag:id_zero")
    repeated = opened("tag:repeated")
    assert "<td>6</td>" in repeated and "<td>2</td>" not in repeated
    invalid = opened("invalid", reason="Giới tính")
    assert "Hoàng Văn Em" in invalid and "Nguyễn Văn An" not in invalid
    assert "Lê Văn Cường" in opened("status:new")
    assert client.get(f"/imports/{batch.id}/rows?show=nonsense").status_code == 404
    auth.logout()
    auth.login(hanoi.caseworker_x)
    assert client.get(f"/imports/{batch.id}/rows?show=status:new").status_code == 404


def test_a_csv_saved_from_a_sheet_has_its_ids_zeros_put_back_and_said(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    """A CSV holds text only: an ID column that was numbers in the sheet it was saved from
    reaches us without its leading zeros, and is repaired as the sheet's numbers are."""
    header = "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Xã/Phường,Tỉnh/Thành phố,Ngày ra trại"
    lines = [
        header,
        "Nguyễn Văn An,15/03/1985,Nam,1085012345,Phường Ngọc Hà,Hà Nội,01/09/2025",
        "Trần Văn Bình,02/07/1990,Nam,37090012346,Phường Ngọc Hà,Hà Nội,01/09/2025",
        # Eleven digits beginning with 0: a digit missing elsewhere, not a zero dropped.
        "Lê Văn Cường,03/08/1991,Nam,03709101234,Phường Ngọc Hà,Hà Nội,01/09/2025",
    ]
    auth.login(hanoi.officer)
    upload("\n".join(lines).encode(), filename="danh-sach.csv")
    run_pending()
    rows = {r.row_number: r for r in rows_of(app, latest_batch().id)}
    assert rows[2].data["person"]["id_number"] == "001085012345"
    assert rows[3].data["person"]["id_number"] == "037090012346"
    assert Tag.ID_ZERO.value in rows[2].tags and Tag.ID_ZERO.value in rows[3].tags
    refused = rows[4]
    assert refused.status == "invalid" and Tag.ID_ZERO.value not in refused.tags


def test_names_written_in_capitals_are_written_as_names_and_said(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    header = "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Xã/Phường,Tỉnh/Thành phố,Ngày ra trại"
    place = "Phường Ngọc Hà,Hà Nội,01/09/2025"
    lines = [
        header,
        f"NGUYỄN VĂN  AN,15/03/1985,Nam,001085012345,{place}",
        f"H'HEN NIÊ,02/07/1990,Nữ,001190012346,{place}",
        f"Trần thị Bích,03/08/1991,Nữ,001191012347,{place}",  # mixed: kept as typed
    ]
    auth.login(hanoi.officer)
    upload("\n".join(lines).encode(), filename="danh-sach.csv")
    run_pending()
    batch = latest_batch()
    rows = {r.row_number: r for r in rows_of(app, batch.id)}
    names = [rows[n].data["person"]["full_name"] for n in (2, 3, 4)]
    assert names == ["Nguyễn Văn An", "H'Hen Niê", "Trần thị Bích"]
    assert [Tag.NAME_CASE.value in rows[n].tags for n in (2, 3, 4)] == [True, True, False]
    page = client.get(f"/imports/{batch.id}/rows", query_string={"show": "tag:name_case"})
    assert page.status_code == 200
    shown = page.get_data(as_text=True).split('data-testid="import-rows"')[1]
    assert "Nguyễn Văn An" in shown and "Bích" not in shown


def test_days_in_words_and_sexes_in_two_words_are_read(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    header = "Họ và tên,Ngày sinh,Giới tính,Số CCCD,Xã/Phường,Tỉnh/Thành phố,Ngày ra trại"
    place = "Phường Ngọc Hà,Hà Nội"
    lines = [
        header,
        f"Nguyễn Văn An,ngày 15 tháng 3 năm 1985,Nam giới,001085012345,{place},01/09/2025",
        f"Trần Thị Bình,03/1990,Nữ giới,001190012346,{place},ngày 01 tháng 9 năm 2025",
    ]
    auth.login(hanoi.officer)
    upload("\n".join(lines).encode(), filename="danh-sach.csv")
    run_pending()
    rows = {r.row_number: r for r in rows_of(app, latest_batch().id)}
    an, binh = rows[2].data, rows[3].data
    assert (an["person"]["birth_date"], an["person"]["sex"]) == ("1985-03-15", "male")
    assert (binh["person"]["birth_date"], binh["person"]["birth_year"]) == (None, 1990)
    assert binh["person"]["sex"] == "female"
    assert binh["release"]["release_date"] == "2025-09-01"
