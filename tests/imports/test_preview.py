"""Reading and checking a list: addresses converted, split communes flagged, each problem
with its row and column, encodings read alike, columns matched by hand."""

import codecs
import re
from datetime import date, datetime

from sqlalchemy import func, select

from reintegration.extensions import db
from reintegration.imports.models import BatchStatus, DecisionKind, RowStatus
from reintegration.imports.services.columns import count_known
from reintegration.imports.services.reading import read_table
from reintegration.people.models import Person, Sex
from reintegration.people.services.data import PersonData
from reintegration.people.services.similar import similar_people, similar_people_many
from tests.factories import PersonFactory
from tests.imports.conftest import AN, BINH, HEADER, csv_bytes, handed_over, rows_of, xlsx_bytes


def test_old_address_is_converted_to_the_new_commune(app, auth, hanoi, upload, run_pending,
                                                     latest_batch):  # fmt: skip
    auth.login(hanoi.officer)
    assert upload(csv_bytes([HEADER, AN])).status_code == 302
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.READY
    (row,) = rows_of(app, batch.id)
    assert row.status == RowStatus.NEW
    assert row.data["intake"]["commune_code"] == hanoi.commune_x  # Phường Ba Đình
    assert row.data["person"]["residence_as_written"] == (
        "Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội"
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Person)) == 0  # a dry run


def test_split_commune_waits_for_a_choice_among_its_candidates(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, BINH]))
    run_pending()
    batch = latest_batch()
    (row,) = rows_of(app, batch.id)
    assert row.status == RowStatus.DECISION
    assert row.decision == DecisionKind.SPLIT
    assert sorted(row.candidates) == [8, 25]
    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "Phường Ngọc Hà, Thành phố Hà Nội" in page
    assert "Phường Giảng Võ, Thành phố Hà Nội" in page
    assert batch.count(RowStatus.DECISION) == 1

    client.post(f"/imports/{batch.id}/decisions", data={f"row-{row.id}": "25"})
    (row,) = rows_of(app, batch.id)
    assert row.status == RowStatus.NEW
    assert row.data["intake"]["commune_code"] == 25
    assert latest_batch().count(RowStatus.NEW) == 1


def test_each_problem_names_its_row_column_and_reason(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    bad_date = ["3", "Lê Văn Cường", "31/02/1985", "Nam", "001085012347", "Phường Ba Đình",
                "", "Hà Nội", "01/09/2025", ""]  # fmt: skip
    bad_id = ["4", "Phạm Văn Dũng", "01/01/1980", "Nam", "0010800123", "Phường Ba Đình",
              "", "Hà Nội", "01/09/2025", ""]  # fmt: skip
    repeated = ["5", "Hoàng Văn Em", "01/01/1985", "Nam", "001085012345", "Phường Ba Đình",
                "", "Hà Nội", "01/09/2025", ""]  # fmt: skip
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN, bad_date, bad_id, repeated]))
    run_pending()
    batch = latest_batch()
    rows = {row.row_number: row for row in rows_of(app, batch.id)}
    assert rows[2].status == RowStatus.NEW
    assert rows[3].status == rows[4].status == rows[5].status == RowStatus.INVALID
    assert rows[3].problems == [
        {"column": "Ngày sinh", "message": "“31/02/1985” không phải là ngày (dd/mm/yyyy)."}
    ]
    assert rows[4].problems[0]["column"] == "Số định danh cá nhân"
    assert "12 chữ số" in rows[4].problems[0]["message"]
    assert rows[5].problems == [
        {
            "column": "Số định danh cá nhân",
            "message": "Số định danh 001085012345 cũng có ở dòng 2.",
        }
    ]
    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "“31/02/1985” không phải là ngày (dd/mm/yyyy)." in page
    assert batch.count(RowStatus.INVALID) == 3


def test_a_person_already_registered_is_known_and_a_similar_one_asks(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    with app.app_context():
        PersonFactory(full_name="Nguyễn Văn An", birth_year=1985, birth_date=date(1985, 3, 15),
                      id_number="001085012345")  # fmt: skip
        PersonFactory(full_name="Trần Thị Bình", birth_year=1990, birth_date=date(1990, 7, 2),
                      id_number=None)  # fmt: skip
        db.session.commit()
    placed = [*BINH[:5], "Phường Ba Đình", "", "Hà Nội", *BINH[8:]]
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN, placed]))
    run_pending()
    batch = latest_batch()
    known, similar = rows_of(app, batch.id)
    assert known.status == RowStatus.KNOWN
    assert similar.status == RowStatus.DECISION and similar.decision == DecisionKind.SIMILAR
    client.post(f"/imports/{batch.id}/decisions", data={f"row-{similar.id}": "new"})
    assert rows_of(app, batch.id)[1].status == RowStatus.NEW


def test_a_person_listed_twice_asks_whether_it_is_the_same_one(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    """Row 3 shares row 2's name and birth, but both carry ID numbers, which tell them
    apart. Row 4 is row 2 again, typed without diacritics or ID number: it may be either,
    and waits for a decision naming both."""
    namesake = ["2", "Nguyễn Văn An", "15/03/1985", "Nam", "001085099999", *AN[5:]]
    again = ["3", "Nguyen Van An", "15/03/1985", "Nam", "", *AN[5:]]
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN, namesake, again]))
    run_pending()
    batch = latest_batch()
    first, other, repeated = rows_of(app, batch.id)
    assert first.status == other.status == RowStatus.NEW
    assert repeated.status == RowStatus.DECISION
    assert (repeated.decision, repeated.candidates) == (DecisionKind.REPEATED, [2, 3])

    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "Một dòng trước đó có người tương tự" in page
    assert "Dòng 2: Nguyễn Văn An — 15/03/1985" in page
    assert "Nguyen Van An — 15/03/1985" in page  # the row's own birth, dd/mm/yyyy too

    client.post(f"/imports/{batch.id}/decisions", data={f"row-{repeated.id}": "skip"})
    assert rows_of(app, batch.id)[2].status == RowStatus.SKIPPED
    assert latest_batch().count(RowStatus.NEW) == 2


def test_a_row_listed_twice_may_be_someone_else(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    """Only a year of birth on the second row: it is compared with everyone of that year
    and given name, waits, and "someone else" registers it."""
    again = ["2", "Nguyễn Văn An", "1985", "Nam", "", *AN[5:]]
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, AN, again]))
    run_pending()
    batch = latest_batch()
    repeated = rows_of(app, batch.id)[1]
    assert (repeated.decision, repeated.candidates) == (DecisionKind.REPEATED, [2])
    client.post(f"/imports/{batch.id}/decisions", data={f"row-{repeated.id}": "new"})
    assert rows_of(app, batch.id)[1].status == RowStatus.NEW
    assert latest_batch().count(RowStatus.NEW) == 2


def test_a_year_of_birth_meets_the_days_of_that_year_and_the_sexes_differ(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    """An earlier row with only a year may be a later one with a day; a woman of the same
    family and given name is someone else."""
    year_only = ["1", "Nguyễn Văn An", "1985", "Nam", "", *AN[5:]]
    dated = ["2", *AN[1:]]
    woman = ["3", "Nguyễn Thị An", "1985", "Nữ", "", *AN[5:]]
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, year_only, dated, woman]))
    run_pending()
    first, later, other = rows_of(app, latest_batch().id)
    assert first.status == other.status == RowStatus.NEW
    assert (later.decision, later.candidates) == (DecisionKind.REPEATED, [2])


def test_a_row_waiting_for_its_commune_notes_the_earlier_row(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    """Both rows name a split commune, so both wait for it; the second also says it may
    be the first, where its commune is chosen."""
    again = ["3", *BINH[1:4], "", *BINH[5:]]
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, BINH, again]))
    run_pending()
    batch = latest_batch()
    first, second = rows_of(app, batch.id)
    assert first.decision == second.decision == DecisionKind.SPLIT
    assert first.problems == []
    note = "Dòng 2 của danh sách này có thể là cùng một người."
    assert second.problems == [{"column": "", "message": note}]
    assert note in client.get(f"/imports/{batch.id}").get_data(as_text=True)


def test_utf16_and_bom_files_read_the_same_as_utf8(app_ctx):
    rows = [HEADER, AN, BINH]
    plain = csv_bytes(rows)
    files = [
        codecs.BOM_UTF8 + plain,
        csv_bytes(rows, delimiter=";"),
        codecs.BOM_UTF16_LE + csv_bytes(rows, encoding="utf-16-le", delimiter="\t"),
        csv_bytes(rows, encoding="utf-16", delimiter="\t"),  # Excel's "Unicode text"
        xlsx_bytes(rows),
    ]

    def cells(content):
        table = read_table(content, count_known)
        return table.headers, [(n, [str(c) if c is not None else None for c in cells])
                               for n, cells in table.rows()]  # fmt: skip

    expected = cells(plain)
    assert expected[0] == HEADER
    for content in files:
        assert cells(content) == expected


def test_the_rows_read_while_looking_for_the_header_are_kept(app_ctx):
    """The file is read once: the first rows, read to find the header, are rows too."""
    people = [[str(n), f"Người {n}", "01/01/1980"] for n in range(1, 15)]
    for content in (
        csv_bytes([HEADER[:3], *people]),
        xlsx_bytes([["DANH SÁCH"], HEADER[:3], *people]),
    ):
        table = read_table(content, count_known)
        assert table.headers == HEADER[:3]
        assert [cells[1] for _number, cells in table.rows()] == [p[1] for p in people]


def test_excel_dates_and_numbers_are_read_as_people_write_them(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    """A date cell, and an ID number stored as a number (Excel drops its leading zeros)."""
    row = [1, "Nguyễn Văn An", datetime(1985, 3, 15), "nam", 1085012345, "Phường Trúc Bạch",
           "Quận Ba Đình", "Hà Nội", 45901, None]  # fmt: skip
    auth.login(hanoi.officer)
    upload(xlsx_bytes([["DANH SÁCH NGƯỜI ĐƯỢC THA"], [], HEADER, row]), filename="ds.xlsx")
    run_pending()
    (imported,) = rows_of(app, latest_batch().id)
    assert imported.status == RowStatus.NEW, imported.problems
    assert imported.row_number == 4
    assert imported.data["person"]["id_number"] == "001085012345"
    assert imported.data["person"]["birth_date"] == "1985-03-15"
    assert imported.data["release"]["release_date"] == "2025-09-01"


def test_english_headings_and_an_unknown_column_ask_for_matching(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    header = ["Full name", "Date of birth", "SEX", "Citizen ID", "Commune", "Province",
              "Release date", "Nhận xét"]  # fmt: skip
    row = ["Nguyen Van An", "15/03/1985", "male", "001085012345", "Phuong Ba Dinh", "Ha Noi",
           "2025-09-01", "Cải tạo tốt"]  # fmt: skip
    auth.login(hanoi.officer)
    upload(csv_bytes([header, row]))
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.NEEDS_MAPPING
    assert batch.mapping[:7] == ["full_name", "birth_date", "sex", "id_number", "commune",
                                 "province", "release_date"]  # fmt: skip
    page = client.get(f"/imports/{batch.id}/columns").get_data(as_text=True)
    assert '<label for="column-7">Nhận xét</label>' in page

    form = {f"column-{i}": key for i, key in enumerate(batch.mapping[:7])}
    refused = client.post(f"/imports/{batch.id}/columns", data={**form, "column-1": "sex"})
    assert refused.status_code == 422
    chosen = re.search(
        r'name="column-1".*?</select>', refused.get_data(as_text=True), flags=re.DOTALL
    ).group()
    assert '<option value="sex" selected>' in chosen  # the columns chosen, kept
    client.post(f"/imports/{batch.id}/columns", data={**form, "column-7": "ignore"})
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.READY
    (row,) = rows_of(app, batch.id)
    assert row.status == RowStatus.NEW
    assert row.data["intake"]["commune_code"] == hanoi.commune_x


def test_a_caseworker_imports_only_into_their_communes(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    """A row of another commune is not theirs to register: it is handed to the province's
    officers (see test_national_list)."""
    elsewhere = ["2", "Lê Văn Bảo", "15/03/1986", "Nam", "001086012399", "Phường Ngọc Hà", "",
                 "Hà Nội", *AN[8:]]  # fmt: skip
    auth.login(hanoi.caseworker_x)
    upload(csv_bytes([HEADER, AN, elsewhere]))
    run_pending()
    parent = latest_batch()
    (handed,) = handed_over(app, parent.id)
    assert handed.province_code == 1
    (mine,) = rows_of(app, parent.id)
    assert mine.status == RowStatus.NEW
    (other,) = rows_of(app, handed.id)
    assert other.row_number == 3 and other.status == RowStatus.NEW


def test_a_whole_list_finds_the_same_similar_people_as_one_by_one(app_ctx):
    """The list's lookup (by birth day and given name, and by year where a day is missing
    on either side) must find exactly what the single check finds."""
    born = date(1985, 3, 15)
    people = {
        "same day": PersonFactory(full_name="Nguyễn Văn An", birth_year=1985, birth_date=born),
        "no accents": PersonFactory(full_name="Nguyen Van An", birth_year=1985, birth_date=born),
        "year only": PersonFactory(full_name="Nguyễn Văn An", birth_year=1985, birth_date=None),
        "other day": PersonFactory(
            full_name="Nguyễn Văn An", birth_year=1985, birth_date=date(1985, 4, 1)
        ),
        "middle left out": PersonFactory(full_name="Nguyễn An", birth_year=1985, birth_date=born),
        "other given name": PersonFactory(
            full_name="Nguyễn Văn Bình", birth_year=1985, birth_date=born
        ),
        "other year": PersonFactory(
            full_name="Nguyễn Văn An", birth_year=1986, birth_date=date(1986, 3, 15)
        ),
        "given name inside": PersonFactory(
            full_name="Nguyễn Văn Anh", birth_year=1985, birth_date=born
        ),
    }
    db.session.flush()
    merged = PersonFactory(full_name="Nguyễn Văn An", birth_year=1985, birth_date=born)
    merged.merged_into_id = people["same day"].id
    db.session.flush()
    items = [
        PersonData("Nguyễn Văn An", 1985, Sex.MALE, birth_date=born),
        PersonData("NGUYỄN VĂN AN", 1985, Sex.MALE),
        PersonData("Nguyễn Văn Bình", 1985, Sex.MALE, birth_date=born),
        PersonData("Trần Thị Cúc", 1990, Sex.FEMALE, birth_date=date(1990, 1, 1)),
    ]
    by_list = similar_people_many(items)
    one_by_one = [sorted(p.id for p in similar_people(item)) for item in items]
    assert [sorted(ids) for ids in by_list] == one_by_one
    names = {person.id: label for label, person in people.items()}
    assert {names[i] for i in by_list[0]} == {"same day", "no accents", "year only",
                                              "middle left out"}  # fmt: skip
    assert {names[i] for i in by_list[1]} == {"same day", "no accents", "year only",
                                              "other day", "middle left out"}  # fmt: skip
    assert {names[i] for i in by_list[2]} == {"other given name"}
    assert by_list[3] == []


def test_a_list_finds_a_given_name_written_without_its_marks(app_ctx):
    """ "Le Van Duc" on a list is looked up by the folded given name: "Lê Văn Đức" on file
    is found, though the two sort apart."""
    born = date(1985, 3, 15)
    on_file = PersonFactory(full_name="Lê Văn Đức", birth_year=1985, birth_date=born)
    PersonFactory(full_name="Lê Văn Dũng", birth_year=1985, birth_date=born)
    db.session.flush()
    listed = [PersonData("Le Van Duc", 1985, Sex.MALE, birth_date=born)]
    assert similar_people_many(listed) == [[on_file.id]]
