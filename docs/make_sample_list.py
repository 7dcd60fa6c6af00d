"""Writes docs/danh-sach-dac-xa-mau.xlsx: a small release list as a detention facility sends
it (a title row, the residence in one cell in the old units, the sentence in words, the
offence, the certificate), made up names, for the README. Run from the repository root:

    .venv/bin/python docs/make_sample_list.py
"""

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).with_name("danh-sach-dac-xa-mau.xlsx")
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Nơi cư trú", "Tội danh",
          "Mức án", "Số GCN đặc xá", "Trại giam", "Ngày ra trại", "Ghi chú"]  # fmt: skip
ROWS = [
    ["Nguyễn Văn Hùng", "12/03/1985", "Nam", "037085001234",
     "Thôn 3, Xã Cồn Thoi, Huyện Kim Sơn, Tỉnh Ninh Bình", "Trộm cắp tài sản", "3 năm 6 tháng"],
    ["Trần Thị Mai", "02/11/1990", "Nữ", "036190004567",
     "Xóm 2, X. Trực Hùng, H. Trực Ninh, T. Nam Định", "Lừa đảo chiếm đoạt tài sản", "7 năm"],
    ["Phạm Văn Long", "20/07/1978", "Nam", "035078007890",
     "Số 12 Lê Lợi, P. Quang Trung, TP. Phủ Lý, Hà Nam", "Cố ý gây thương tích", "36 tháng"],
    ["Lê Văn Bình", "05/05/1982", "Nam", "037082002345",
     "Thôn 1 - Xã Yên Thái - Huyện Yên Mô - Ninh Bình", "Đánh bạc", "2 năm 06 tháng"],
    ["Đỗ Văn Tuấn", "15/09/1969", "Nam", "036069003456",
     "xa truc hung, huyen truc ninh, nam dinh", "Giết người", "Tù chung thân"],
    ["Vũ Thị Hoa", "30/01/1995", "Nữ", "037195005678",
     "Xã Kim Chính, Huyện Kim Sơn, Tỉnh Ninh Bình", "Tàng trữ trái phép chất ma túy",
     "18 tháng tù"],
    ["Hoàng Văn Nam", "08/08/1988", "Nam", "001088006789",
     "Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội", "Cướp giật tài sản", "15 năm"],
    ["Bùi Văn Sơn", "11/12/1975", "Nam", "079075007891",
     "P.04 - Q.5 - TP.HCM", "Vi phạm quy định về tham gia giao thông đường bộ", "5 năm"],
    ["Ngô Thị Lan", "19/04/1992", "Nữ", "037192008912",
     "Thôn 5, Xã Yên Thái, Huyện Yên Mô, Tỉnh Ninh Bình", "Trộm cắp tài sản", "chưa rõ"],
]  # fmt: skip


def main() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH PHẠM NHÂN ĐƯỢC ĐẶC XÁ NĂM 2025 (ĐỢT 2) — TRẠI GIAM NINH KHÁNH"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for number, row in enumerate(ROWS, start=1):
        name, born, sex, id_number, residence, offence, sentence = row
        note = "Chưa có bản án" if sentence == "chưa rõ" else ""
        sheet.append([
            number, name, born, sex, id_number, residence, offence, sentence,
            f"{number:03d}/GCN-ĐX", "Trại giam Ninh Khánh", "01/09/2025", note,
        ])  # fmt: skip
    for column, width in zip("ABCDEFGHIJKL", (5, 20, 12, 9, 15, 48, 34, 16, 14, 22, 13, 22),
                             strict=True):  # fmt: skip
        sheet.column_dimensions[column].width = width
    # The same workbook every run: fixed times.
    workbook.properties.created = workbook.properties.modified = datetime(2025, 9, 1, 8, 0)
    workbook.save(OUT)


if __name__ == "__main__":
    main()
