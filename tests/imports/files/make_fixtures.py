"""Writes the committed workbooks of the import tests (not run by the tests; CI needs no
LibreOffice). Run again after changing the rows:

    apt-get install -y libreoffice-calc-nogui
    .venv/bin/python tests/imports/files/make_fixtures.py

openpyxl writes an .xlsx, LibreOffice (headless) saves it as Excel 97–2003 (.xls) and as
.ods. The TCVN3 list is typed as with the .VnTime font: each text is encoded with the GNU C
library's TCVN 5712 converter (iconv), independent of the app's table, and stored as the
Latin-1 characters of its bytes, as Excel keeps them.
"""

import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.imports.conftest import HEADER  # noqa: E402

TITLE = ["DANH SÁCH NGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ"]
# A date cell and an ID number stored as a number (Excel dropped its leading zeros).
AN = [1, "Nguyễn Văn An", datetime(1985, 3, 15), "Nam", 1085012345, "Phường Trúc Bạch",
      "Quận Ba Đình", "Thành phố Hà Nội", datetime(2025, 9, 1), datetime(2025, 9, 5)]  # fmt: skip
CUONG = [2, "Lê Văn Cường", "20/10/1988", "Nam", "001088012348", "Phường Ba Đình", "",
         "Hà Nội", "01/09/2025", None]  # fmt: skip


def tcvn3(text):
    """Capitals with tones have no code in TCVN3: a title in capitals is typed with a
    capitals font (.VnTimeH), which draws the small letters' codes as capitals."""
    if not isinstance(text, str):
        return text
    if text.isupper():
        return "".join(c if c.isascii() else tcvn3(c.lower()) for c in text)
    encoded = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"],  # noqa: S607 (the C library's)
        input=text.encode(), capture_output=True, check=True,
    ).stdout  # fmt: skip
    return encoded.decode("latin-1")


def save(rows, name: str, formats: tuple[str, ...]) -> None:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{name}.xlsx"
        workbook.save(source)
        for fmt in formats:
            subprocess.run(  # noqa: S603
                ["soffice", "--headless", "--convert-to", fmt, "--outdir", str(HERE),  # noqa: S607
                 source],
                check=True, capture_output=True,
            )  # fmt: skip


if __name__ == "__main__":
    save([TITLE, HEADER, AN, CUONG], "danh-sach", ("xls", "ods"))
    typed = [[tcvn3(cell) for cell in row] for row in ([TITLE, HEADER, AN, CUONG])]
    save(typed, "danh-sach-tcvn3", ("xls",))
