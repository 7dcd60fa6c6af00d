"""Lists laid out as facilities send them: titles above the headings, a row numbering the
columns under them, headings with words of their own, a "Năm sinh" column of whole dates,
ID numbers grouped or marked as text, one column for the citizen ID and the old card, dates
with two-digit years, and a total, the place and date and signatures below the last person.
None of that costs a row; what is left out is said."""

from datetime import date

import pytest

from reintegration.accounts.models import Role
from reintegration.imports.models import BatchStatus, RowStatus
from reintegration.imports.services import values as v
from reintegration.imports.services.columns import auto_mapping
from tests.imports.conftest import rows_of, xlsx_bytes

NINH_BINH = 37
TITLE = [["TRẠI GIAM NINH KHÁNH", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], [],
         ["DANH SÁCH PHẠM NHÂN ĐƯỢC ĐẶC XÁ"], []]  # fmt: skip
HEADER = ["TT", "Họ và\ntên", "Năm\nsinh", "Giới tính (Nam/Nữ)", "Số CCCD/CMND",
          "Nơi ĐKTT trước khi\nbị bắt", "Mức\nán", "Ngày ra\ntrại"]  # fmt: skip
NUMBERING = [1, 2, 3, 4, 5, 6, 7, 8]
PEOPLE = [
    [1, "Nguyễn Văn An", "12/3/1985", "Nam", "037 085 012 345",
     "Thôn 3, Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình", "03 năm", "01/9/26"],
    [2, "Trần Thị Bình", 1990, "Nữ", "'037190012346",
     "Thôn 1 - Xã Yên Thái - Huyện Yên Mô - Ninh Bình", "2N6T", "01/09/2026"],
    [3, "Lê Văn Cường", "20-07-1978", "NAM", "037123456",
     "Xã Kim Chính, Huyện Kim Sơn, Tỉnh Ninh Bình", "18 tháng tù", "01/09/2026"],
]  # fmt: skip
FOOTER = [[], ["Tổng cộng: 3 người"],
          [None, None, None, None, None, "Ninh Bình, ngày 01 tháng 9 năm 2026"],
          [None, "Người lập biểu", None, None, None, "GIÁM THỊ"]]  # fmt: skip


@pytest.fixture
def previewed(app, auth, make_user, upload, run_pending, latest_batch):
    officer = make_user(role=Role.PROVINCE_OFFICER, username="tinh.nb", province_code=NINH_BINH)
    auth.login(officer)
    content = xlsx_bytes([*TITLE, HEADER, NUMBERING, *PEOPLE, *FOOTER])
    response = upload(content, filename="dac-xa.xlsx", release_type="amnesty",
                      amnesty_decision_id="1")  # fmt: skip
    assert response.status_code == 302
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.READY, (batch.status, batch.error)
    return batch, {row.values["Họ và\ntên"]: row for row in rows_of(app, batch.id)}


def test_headings_with_words_of_their_own_find_their_columns():
    assert auto_mapping(HEADER) == [
        "ignore", "full_name", "birth_year", "sex", "id_number", "residence",
        "sentence_months", "release_date",
    ]  # fmt: skip
    assert auto_mapping(["Tình trạng hôn nhân", "Xã hội"]) == [None, None]


def test_every_person_is_read_and_nothing_else(client, previewed):
    batch, rows = previewed
    assert batch.total_rows == 3
    assert {name: row.status for name, row in rows.items()} == {
        "Nguyễn Văn An": RowStatus.NEW, "Trần Thị Bình": RowStatus.NEW,
        "Lê Văn Cường": RowStatus.NEW,
    }, {name: row.problems for name, row in rows.items()}  # fmt: skip
    an = rows["Nguyễn Văn An"].data
    assert an["person"]["birth_date"] == "1985-03-12"  # a date in the "Năm sinh" column
    assert an["person"]["id_number"] == "037085012345"
    assert an["release"]["release_date"] == "2026-09-01"
    assert an["release"]["sentence_months"] == 36
    assert rows["Trần Thị Bình"].data["person"]["id_number"] == "037190012346"
    cuong = rows["Lê Văn Cường"].data["person"]
    assert (cuong["id_number"], cuong["old_id_number"]) == (None, "037123456")
    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "Dòng 6 là dòng đánh số các cột" in page
    assert "3 dòng không phải là người" in page
    assert "Tổng cộng: 3 người" in page and "Người lập biểu · GIÁM THỊ" in page


@pytest.mark.parametrize(
    ("written", "day"),
    [("01/9/26", date(2026, 9, 1)), ("1/1/85", date(1985, 1, 1)), ("31-12-99", date(1999, 12, 31)),
     ("3.3.03", date(2003, 3, 3))],
)  # fmt: skip
def test_a_two_digit_year_is_the_latest_not_after_this_one(app_ctx, written, day):
    assert v.day(written) == day


@pytest.mark.parametrize(
    ("written", "read"),
    [("ngày 15 tháng 3 năm 1985", (date(1985, 3, 15), 1985)),
     ("Ngày 15 tháng 03 năm 1985.", (date(1985, 3, 15), 1985)),
     ("15 / 03 / 1985", (date(1985, 3, 15), 1985)), ("15/3/1985.", (date(1985, 3, 15), 1985)),
     ("03/1985", (None, 1985)), ("T3/1985", (None, 1985)), ("tháng 3/1985", (None, 1985))],
)  # fmt: skip
def test_a_birth_in_words_spaced_out_or_with_its_month_only(app_ctx, written, read):
    assert v.birth(written) == read


@pytest.mark.parametrize("written", ["31 tháng 2 năm 1985", "13/1985", "09/2026"])
def test_no_such_day_in_words_nor_a_month_for_a_release(app_ctx, written):
    with pytest.raises(v.BadValue):
        v.day(written)


@pytest.mark.parametrize("written", ["31/02/26", "1/13/85", "01/9/2026x"])
def test_a_day_that_does_not_exist_is_still_refused(app_ctx, written):
    with pytest.raises(v.BadValue):
        v.day(written)


@pytest.mark.parametrize(
    ("written", "read"),
    [("037 085 012 345", "037085012345"), ("037.085.012.345", "037085012345"),
     ("'037085012345", "037085012345"), ("037-085-012-345", "037085012345"),
     ("037085O12345", "037085O12345"), (37085012345, "037085012345")],
)  # fmt: skip
def test_id_numbers_grouped_or_marked_as_text_are_joined(written, read):
    assert v.id_number(written, 12) == read


@pytest.mark.parametrize(
    ("written", "months", "kind"),
    [
        ("03 (ba) năm", 36, "prison"),
        ("Ba năm", 36, "prison"),
        ("mười năm", 120, "prison"),
        ("mười lăm năm", 180, "prison"),
        ("hai mươi lăm năm", 300, "prison"),
        ("năm năm sáu tháng", 66, "prison"),
        ("(ba năm)", 36, "prison"),
        ("3 năm tù (đã giảm 6 tháng)", 36, "prison"),
        ("20 năm (giảm từ chung thân)", 240, "prison"),
        ("Chung thân (đã giảm xuống 20 năm)", None, "life"),
        ("Tù có thời hạn 5 năm", 60, "prison"),
    ],
)
def test_terms_in_words_and_with_a_note_in_brackets(app_ctx, written, months, kind):
    assert v.sentence(written) == v.Sentence(months, v.SentenceKind(kind))


@pytest.mark.parametrize("written", ["tạm giam 3 năm", "năm", "ba mươi", "mười mươi năm"])
def test_words_that_are_no_term_are_still_refused(app_ctx, written):
    with pytest.raises(v.BadValue):
        v.sentence(written)
