"""The files offices have: workbooks of every kind, text in every encoding, old fonts;
and the files that must be refused at once (not lists, too large once read)."""

import codecs
import io
import struct
import unicodedata
import zipfile
from pathlib import Path

import olefile
import pytest
from sqlalchemy import func, select

from reintegration.extensions import db
from reintegration.imports.models import BatchStatus, ImportBatch, RowStatus
from tests.imports.conftest import AN, BINH, HEADER, csv_bytes, rows_of, xlsx_bytes

FILES = Path(__file__).parent / "files"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def imported(app, auth, hanoi, upload, run_pending, latest_batch, content, filename):
    auth.login(hanoi.officer)
    response = upload(content, filename=filename)
    assert response.status_code == 302, response.get_data(as_text=True)
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.READY, batch.error
    return batch, rows_of(app, batch.id)


@pytest.mark.parametrize("name", ["danh-sach.xls", "danh-sach.ods"])
def test_excel_97_and_opendocument_lists_are_read_like_xlsx(
    app, auth, hanoi, upload, run_pending, latest_batch, name
):
    """Made by LibreOffice (files/make_fixtures.py): a title, the header, a row with date
    cells and an ID number stored as a number, a row typed as text."""
    content = (FILES / name).read_bytes()
    batch, (an, cuong) = imported(app, auth, hanoi, upload, run_pending, latest_batch,
                                  content, "danh-sach.csv")  # the name does not decide  # fmt: skip
    assert batch.headers == HEADER
    assert (an.row_number, cuong.row_number) == (3, 4)
    assert an.status == cuong.status == RowStatus.NEW, (an.problems, cuong.problems)
    assert an.data["person"]["full_name"] == "Nguyễn Văn An"
    assert an.data["person"]["id_number"] == "001085012345"
    assert an.data["person"]["birth_date"] == "1985-03-15"
    assert an.data["release"]["release_date"] == "2025-09-01"
    assert an.data["intake"]["received_on"] == "2025-09-05"
    assert an.data["intake"]["commune_code"] == cuong.data["intake"]["commune_code"] == 4
    assert an.values["STT"] == "1"  # a whole number, not "1.0"
    assert batch.repairs == []


def test_a_list_typed_with_tcvn3_fonts_is_converted_and_says_so(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    """Headings and cells typed with .VnTime (an .xls, as such offices still keep)."""
    content = (FILES / "danh-sach-tcvn3.xls").read_bytes()
    batch, (an, cuong) = imported(app, auth, hanoi, upload, run_pending, latest_batch,
                                  content, "tcvn3.xls")  # fmt: skip
    assert batch.headers == HEADER
    assert an.status == cuong.status == RowStatus.NEW, (an.problems, cuong.problems)
    assert an.data["person"]["full_name"] == "Nguyễn Văn An"
    assert cuong.data["person"]["full_name"] == "Lê Văn Cường"
    assert an.data["person"]["residence_as_written"] == (
        "Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội"
    )
    assert an.data["intake"]["commune_code"] == 4
    notes = {(n["column"], n["encoding"]): n["cells"] for n in batch.repairs}
    assert notes[(None, "TCVN3")] == 0  # the headings
    assert notes[("Họ và tên", "TCVN3")] == 2
    assert notes[("Xã/Phường", "TCVN3")] == 2
    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "Cột “Họ và tên” được gõ bằng phông chữ tiếng Việt cũ (TCVN3): 2 ô" in page
    story = page.split('data-testid="import-story"')[1].split("</ul>")[0]
    font_cells = sum(note["cells"] for note in batch.repairs)
    assert f": {font_cells}<" in story and "tag:old_address" in story


def test_a_list_typed_with_vni_fonts_is_converted_but_not_its_unicode_cells(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    vni = ["1", "Nguyeãn Vaên An", "15/03/1985", "Nam", "001085012345", "Phöôøng Truùc Baïch",
           "Quaän Ba Ñình", "Thaønh phoá Haø Noäi", "01/09/2025", ""]  # fmt: skip
    typed = ["2", "Huyønh Thò Thuûy", "02/07/1990", "Nöõ", "001190012346", "Phöôøng Ba Ñình",
             "", "Haø Noäi", "01/09/2025", ""]  # fmt: skip
    unicode = ["3", "Đặng Thị Ôn", "20/10/1988", "Nữ", "001188012348", "Phường Ba Đình", "",
               "Hà Nội", "01/09/2025", ""]  # fmt: skip
    batch, rows = imported(app, auth, hanoi, upload, run_pending, latest_batch,
                           xlsx_bytes([HEADER, vni, typed, unicode]), "vni.xlsx")  # fmt: skip
    assert [r.status for r in rows] == [RowStatus.NEW] * 3, [r.problems for r in rows]
    names = [r.data["person"]["full_name"] for r in rows]
    assert names == ["Nguyễn Văn An", "Huỳnh Thị Thủy", "Đặng Thị Ôn"]
    assert rows[1].data["person"]["sex"] == "female"
    notes = {n["column"]: (n["encoding"], n["cells"]) for n in batch.repairs}
    assert notes["Họ và tên"] == ("VNI", 2)
    assert notes["Giới tính"] == ("VNI", 1)
    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "Cột “Họ và tên” được gõ bằng phông chữ tiếng Việt cũ (VNI): 2 ô" in page


def test_rows_keep_their_numbers_when_the_sheet_starts_lower_down(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    """The first cell in C4: the header is row 4 of the sheet, the person row 5."""
    content = xlsx_bytes([[], [], [], [None, None, *HEADER], [None, None, *AN]])
    batch, (row,) = imported(app, auth, hanoi, upload, run_pending, latest_batch, content,
                             "ds.xlsx")  # fmt: skip
    assert batch.headers == HEADER
    assert row.row_number == 5
    assert row.data["person"]["full_name"] == "Nguyễn Văn An"


def test_a_workbook_is_read_from_the_sheet_that_holds_the_list_and_says_so(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    """A summary sheet first, the list on the second, a hidden sheet of codes, a second
    list on a fourth sheet and an empty one: the list is read, the rest said."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = "Tổng hợp"
    summary.append(["BẢNG TỔNG HỢP SỐ NGƯỜI ĐƯỢC ĐẶC XÁ"])
    summary.append(["Tỉnh", "Số người"])
    summary.append(["Hà Nội", 2])
    hidden = workbook.create_sheet("Mã")
    hidden.append(HEADER)
    hidden.sheet_state = "hidden"
    listed = workbook.create_sheet("Danh sách")
    for row in ([], HEADER, AN):
        listed.append(row)
    more = workbook.create_sheet("Bổ sung")
    for row in (HEADER, BINH):
        more.append(row)
    workbook.create_sheet("Trống")
    out = io.BytesIO()
    workbook.save(out)
    batch, (row,) = imported(app, auth, hanoi, upload, run_pending, latest_batch,
                             out.getvalue(), "ds.xlsx")  # fmt: skip
    assert (batch.headers, row.row_number) == (HEADER, 3)
    assert row.data["person"]["full_name"] == "Nguyễn Văn An"
    assert batch.repairs[0] == {"kind": "sheets", "read": "Danh sách", "lists": ["Bổ sung"],
                                "others": ["Tổng hợp"]}  # fmt: skip
    page = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "Danh sách" in page and "Bổ sung" in page and "Tổng hợp" in page


def test_headings_over_two_rows_are_read_as_one(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    """As official forms have them: a group's title merged over its columns, the columns
    without a group merged down both rows, a title above."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH NGƯỜI ĐƯỢC ĐẶC XÁ"])
    sheet.append(["STT", "Thông tin cá nhân", None, None, "Số CCCD", "Nơi cư trú", None, None,
                  "Ngày ra trại"])  # fmt: skip
    sheet.append([None, "Họ và tên", "Ngày sinh", "Giới tính", None, "Xã/Phường",
                  "Quận/Huyện", "Tỉnh/Thành phố", None])  # fmt: skip
    sheet.merge_cells("B2:D2")
    sheet.merge_cells("F2:H2")
    for column in "AEI":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.append(["1", *AN[1:5], *AN[5:9]])
    out = io.BytesIO()
    workbook.save(out)
    batch, (row,) = imported(app, auth, hanoi, upload, run_pending, latest_batch,
                             out.getvalue(), "ds.xlsx")  # fmt: skip
    assert batch.headers == [
        "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Xã/Phường", "Quận/Huyện",
        "Tỉnh/Thành phố", "Ngày ra trại",
    ]  # fmt: skip
    assert row.row_number == 4 and row.status == RowStatus.NEW, row.problems
    person = row.data["person"]
    assert (person["full_name"], person["id_number"]) == ("Nguyễn Văn An", "001085012345")
    assert row.data["release"]["release_date"] == "2025-09-01"


def two_row_list(upper: list, lower: list, merges: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in (["DANH SÁCH NGƯỜI ĐƯỢC ĐẶC XÁ"], upper, lower, *rows):
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


PLACE = ["Phường Trúc Bạch", "Quận Ba Đình", "Hà Nội", "01/09/2025"]


def test_the_birth_written_in_the_column_of_the_persons_sex(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    """ "Năm sinh" over "Nam" and "Nữ", as official lists have it: the column the birth is
    written in gives the sex."""
    content = two_row_list(
        ["STT", "Họ và tên", "Năm sinh", None, "Số CCCD", "Xã/Phường", "Quận/Huyện", "Tỉnh",
         "Ngày ra trại"],
        [None, None, "Nam", "Nữ"],
        ["A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:I3"],
        [[1, "Nguyễn Văn An", "15/03/1985", None, "001085012345", *PLACE],
         [2, "Trần Thị Bình", None, 1990, "001190012346", *PLACE],
         [3, "Lê Văn Cường", 1985, 1986, "001085012347", *PLACE]],
    )  # fmt: skip
    batch, (an, binh, cuong) = imported(app, auth, hanoi, upload, run_pending, latest_batch,
                                        content, "ds.xlsx")  # fmt: skip
    assert batch.headers[2:4] == ["Năm sinh Nam", "Năm sinh Nữ"]
    assert an.status == binh.status == RowStatus.NEW, (an.problems, binh.problems)
    assert (an.data["person"]["sex"], an.data["person"]["birth_date"]) == ("male", "1985-03-15")
    assert (binh.data["person"]["sex"], binh.data["person"]["birth_year"]) == ("female", 1990)
    assert cuong.status == RowStatus.INVALID
    assert "Năm sinh Nam" in {problem["column"] for problem in cuong.problems}


def test_the_sex_marked_in_its_column(app, auth, hanoi, upload, run_pending, latest_batch):
    content = two_row_list(
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", None, "Số CCCD", "Xã/Phường",
         "Quận/Huyện", "Tỉnh", "Ngày ra trại"],
        [None, None, None, "Nam", "Nữ"],
        ["A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3", "G2:G3", "H2:H3", "I2:I3", "J2:J3"],
        [[1, "Nguyễn Văn An", "15/03/1985", "x", None, "001085012345", *PLACE],
         [2, "Trần Thị Bình", "02/07/1990", None, "X", "001190012346", *PLACE],
         [3, "Lê Văn Cường", "01/01/1985", "x", "x", "001085012347", *PLACE]],
    )  # fmt: skip
    batch, (an, binh, cuong) = imported(app, auth, hanoi, upload, run_pending, latest_batch,
                                        content, "ds.xlsx")  # fmt: skip
    assert batch.headers[3:5] == ["Giới tính Nam", "Giới tính Nữ"]
    assert (an.data["person"]["sex"], binh.data["person"]["sex"]) == ("male", "female")
    assert an.status == binh.status == RowStatus.NEW
    assert cuong.status == RowStatus.INVALID


def test_a_workbook_of_one_list_says_nothing_of_sheets(
    app, auth, hanoi, upload, run_pending, latest_batch
):
    batch, (row,) = imported(app, auth, hanoi, upload, run_pending, latest_batch,
                             xlsx_bytes([HEADER, AN]), "ds.xlsx")  # fmt: skip
    assert row.row_number == 2 and batch.repairs == []


def test_a_unicode_list_is_not_repaired(app, auth, hanoi, upload, run_pending, latest_batch):
    unicode = ["Nguyễn Văn Ân", "Lê Văn Tâm", "Võ Thị Bé"]
    names = [[str(n), name, "01/01/1980", "Nam", "", "Phường Ba Đình", "", "Hà Nội",
              "01/09/2025", ""] for n, name in enumerate(unicode, start=1)]  # fmt: skip
    batch, rows = imported(app, auth, hanoi, upload, run_pending, latest_batch,
                           xlsx_bytes([HEADER, *names]), "ds.xlsx")  # fmt: skip
    assert batch.repairs == []
    assert [r.data["person"]["full_name"] for r in rows] == [n[1] for n in names]


def windows_1258(rows) -> bytes:
    """As Vietnamese Windows writes it: base letters (ă, â, ê, ô, ơ, ư, đ included) with
    the tones as combining marks."""
    out = []
    for char in csv_bytes(rows).decode():
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize(
    "encode",
    [
        windows_1258,
        lambda rows: csv_bytes(rows, encoding="utf-16-le", delimiter="\t"),
        lambda rows: csv_bytes(rows, encoding="utf-16-be", delimiter="\t"),
    ],
    ids=["windows-1258", "utf-16-le without BOM", "utf-16-be without BOM"],
)
def test_text_in_other_encodings_reads_as_unicode(
    app, auth, hanoi, upload, run_pending, latest_batch, encode
):
    content = encode([HEADER, AN, BINH])
    assert not content.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    batch, (an, binh) = imported(app, auth, hanoi, upload, run_pending, latest_batch, content,
                                 "ds.csv")  # fmt: skip
    assert batch.headers == HEADER
    assert an.data["person"]["full_name"] == "Nguyễn Văn An"
    assert an.values["Họ và tên"] == "Nguyễn Văn An"
    assert binh.values["Xã/Phường"] == "Phường Cống Vị"
    assert unicodedata.is_normalized("NFC", "".join(str(v) for v in an.values.values()))
    assert an.data["intake"]["commune_code"] == hanoi.commune_x
    assert batch.repairs == []


def docx_like() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def word_97() -> bytes:
    """An OLE2 file without a workbook (as a .doc is): the xls fixture, its stream renamed."""
    content = bytearray((FILES / "danh-sach.xls").read_bytes())
    at = content.find("Workbook".encode("utf-16-le"))
    content[at : at + 16] = "WordDocu".encode("utf-16-le")
    return bytes(content)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7\n\xff\xfe\xfa binary", "không phải là danh sách đọc được"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "không phải là danh sách đọc được"),
        (bytes(range(256)) * 4, "không phải là danh sách đọc được"),
        (docx_like(), "không phải là danh sách đọc được"),
        (word_97(), "không phải là danh sách đọc được"),
        (b"<html><body><table><tr><td>Nguyen</td></tr></table></body></html>", "trang web"),
        (b"PK\x03\x04 broken zip", "bị hỏng"),
    ],
    ids=["pdf", "png", "binary", "docx", "doc", "html saved as xls", "broken zip"],
)
def test_a_file_that_is_no_list_is_refused_at_upload_with_its_reason(
    app, auth, hanoi, upload, content, reason
):
    auth.login(hanoi.officer)
    response = upload(content, filename="danh-sach.xls")
    assert response.status_code == 422
    assert reason in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def sheet_xlsx(sheet_xml: str, *, declared_size: int | None = None) -> bytes:
    """A minimal workbook around one sheet's XML (``declared_size``: what the zip says the
    sheet unpacks to, whatever it really does)."""
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{package}/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{package}/relationships"><Relationship'
        f' Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{office}"><sheets><sheet'
        ' name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{office}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{sheet_xml}'
        "</sheetData></worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    content = bytearray(out.getvalue())
    if declared_size is not None:  # in the local header and in the central directory
        name = b"xl/worksheets/sheet1.xml"
        local = content.find(name) - 30
        struct.pack_into("<I", content, local + 22, declared_size)
        central = content.rfind(b"PK\x01\x02", 0, content.rfind(name))
        struct.pack_into("<I", content, central + 24, declared_size)
    return bytes(content)


def cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_sheet_naming_row_two_million_is_refused_at_once_with_its_reason(
    app, auth, hanoi, upload
):
    """A few kilobytes (the 2.7 MB list of 2,000,000 rows took the worker to 8.4 GB): the
    default limit, 100,000 rows, refuses it at upload, before any reader opens it."""
    content = sheet_xlsx(
        f'<row r="1">{cell("A1", "Họ và tên")}{cell("B1", "Ngày sinh")}</row>'
        f'<row r="2000000">{cell("A2000000", "Nguyễn Văn An")}</row>'
    )
    assert len(content) < 4096
    auth.login(hanoi.officer)
    response = upload(content, filename="ds.xlsx")
    assert response.status_code == 422
    assert "Danh sách có 2.000.000 dòng; mỗi lần chỉ đọc tối đa 100.000 dòng" in (
        response.get_data(as_text=True)
    )


UNPLACED = '<c t="inlineStr"><is><t>x</t></is></c>'  # no reference: placed by its order


@pytest.mark.parametrize(
    ("sheet", "columns"),
    [
        (f'<row r="1">{cell("A1", "Họ và tên")}{cell("XFD1", "ghi chú")}</row>', "16.384"),
        (f"<row>{UNPLACED * 70}</row>", "70"),
        ('<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c'
         ' r="BZ1" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row>', "78"),
    ],
    ids=["column XFD", "cells without references", "prefixed tags"],
)  # fmt: skip
def test_a_cell_far_to_the_right_is_refused_at_once(app, auth, hanoi, upload, sheet, columns):
    auth.login(hanoi.officer)
    response = upload(sheet_xlsx(sheet), filename="ds.xlsx")
    assert response.status_code == 422
    assert f"Danh sách có {columns} cột; chỉ đọc tối đa 60 cột" in response.get_data(as_text=True)


def test_an_xls_naming_a_cell_far_to_the_right_is_refused_at_once(app, auth, hanoi, upload):
    """The BIFF records are read before calamine: the last name's cell moved to column 201."""
    with olefile.OleFileIO(str(FILES / "danh-sach.xls")) as compound:
        stream = bytearray(compound.openstream("Workbook").read())
    position, moved = 0, 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        if kind == 0x00FD:  # a text cell
            moved = position
        position += 4 + length
    struct.pack_into("<H", stream, moved + 6, 200)
    path = Path(app.instance_path) / "wide.xls"
    path.write_bytes((FILES / "danh-sach.xls").read_bytes())
    with olefile.OleFileIO(str(path), write_mode=True) as compound:
        compound.write_stream("Workbook", bytes(stream))
    auth.login(hanoi.officer)
    response = upload(path.read_bytes(), filename="ds.xls")
    assert response.status_code == 422
    assert "Danh sách có 201 cột" in response.get_data(as_text=True)


def test_ods_rows_repeated_a_million_times_are_refused_at_once(app, auth, hanoi, upload):
    content_xml = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="DS">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Họ và tên'
        "</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell'
        ' office:value-type="string"><text:p>Nguyễn Văn An</text:p></table:table-cell>'
        "</table:table-row>"
        # LibreOffice's own ending: empty rows repeated to the sheet's end are not rows.
        '<table:table-row table:number-rows-repeated="48575"><table:table-cell'
        ' table:number-columns-repeated="1024"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)  # fmt: skip
        archive.writestr("content.xml", content_xml)
    auth.login(hanoi.officer)
    response = upload(out.getvalue(), filename="ds.ods")
    assert response.status_code == 422
    assert "Danh sách có 1.000.001 dòng" in response.get_data(as_text=True)


@pytest.mark.parametrize("lying", [False, True], ids=["honest sizes", "sizes that lie"])
def test_a_zip_bomb_is_refused_at_once(app, auth, hanoi, upload, monkeypatch, lying):
    """A sheet of 3 MB of blanks packs into a few kilobytes; the limit here is 1 MB. The
    sizes the zip declares are not believed: the members are unpacked, counting."""
    monkeypatch.setitem(app.config, "IMPORT_MAX_UNPACKED_BYTES", 1024 * 1024)
    blanks = " " * (3 * 1024 * 1024)
    content = sheet_xlsx(f'<row r="1">{cell("A1", "Họ và tên")}</row>{blanks}',
                         declared_size=100 if lying else None)  # fmt: skip
    assert len(content) < 20_000
    auth.login(hanoi.officer)
    response = upload(content, filename="ds.xlsx")
    assert response.status_code == 422
    assert "Tệp khi giải nén sẽ lớn hơn 1 MB" in response.get_data(as_text=True)


def test_a_list_over_the_row_limit_is_refused_at_upload_or_while_read(
    app, auth, hanoi, upload, run_pending, latest_batch, monkeypatch
):
    """With a limit of 5 rows: 30 rows are refused at upload; 8 rows pass the upload (a
    title may stand above the header) and fail while read, with the reason."""
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 5)
    people = [[str(n), f"Người {n}", "01/01/1980", "Nam", "", "Phường Ba Đình", "", "Hà Nội",
               "01/09/2025", ""] for n in range(1, 31)]  # fmt: skip
    auth.login(hanoi.officer)
    refused = upload(xlsx_bytes([HEADER, *people]), filename="ds.xlsx")
    assert refused.status_code == 422
    assert "Danh sách có 31 dòng; mỗi lần chỉ đọc tối đa 5 dòng" in refused.get_data(as_text=True)

    assert upload(csv_bytes([HEADER, *people[:8]])).status_code == 302
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.FAILED
    assert batch.error == (
        "Danh sách có hơn 5 dòng; mỗi lần chỉ đọc tối đa 5 dòng. Hãy chia thành các danh sách"
        " nhỏ hơn."
    )
    assert rows_of(app, batch.id) == []
