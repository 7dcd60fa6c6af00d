"""Import fixtures: hand-made lists (CSV in any encoding, XLSX) and the steps of an import
through the app: upload, run the background work, read the batch."""

import csv
import io

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from reintegration.extensions import db
from reintegration.imports.models import ImportBatch, ImportRow

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Xã/Phường",
          "Quận/Huyện", "Tỉnh/Thành phố", "Ngày ra trại", "Ngày tiếp nhận"]  # fmt: skip
# Phường Trúc Bạch (Quận Ba Đình) became Phường Ba Đình (4); Phường Cống Vị was split
# between Phường Ngọc Hà (8) and Phường Giảng Võ (25).
AN = ["1", "Nguyễn Văn An", "15/03/1985", "Nam", "001085012345", "Phường Trúc Bạch",
      "Quận Ba Đình", "Thành phố Hà Nội", "01/09/2025", "05/09/2025"]  # fmt: skip
BINH = ["2", "Trần Thị Bình", "02/07/1990", "Nữ", "001190012346", "Phường Cống Vị",
        "Quận Ba Đình", "Hà Nội", "01/09/2025", ""]  # fmt: skip


def csv_bytes(rows, *, encoding="utf-8", delimiter=",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def upload(client):
    def post(content: bytes, filename="danh-sach.csv", **fields):
        data = {
            "release_type": "sentence_completed",
            "notified_on": "05/09/2025",
            "release_date": "",
            "amnesty_decision_id": "",
            **fields,
            "file": (io.BytesIO(content), filename),
        }
        return client.post("/imports/new", data=data, content_type="multipart/form-data")

    return post


@pytest.fixture
def run_pending(runner):
    def run(*args):
        result = runner.invoke(args=["imports", "run-pending", *args])
        assert result.exit_code == 0, result.output
        return result.output

    return run


@pytest.fixture
def latest_batch(app):
    """The list uploaded last (not the rows it handed to other provinces)."""

    def get() -> ImportBatch:
        with app.app_context():
            batch = db.session.scalars(
                select(ImportBatch)
                .where(ImportBatch.parent_id.is_(None))
                .order_by(ImportBatch.id.desc())
            ).first()
            db.session.expunge(batch)
            return batch

    return get


def handed_over(app, parent_id: int) -> list[ImportBatch]:
    """The lists a list handed to other provinces, by province."""
    with app.app_context():
        batches = db.session.scalars(
            select(ImportBatch)
            .where(ImportBatch.parent_id == parent_id)
            .order_by(ImportBatch.province_code)
        ).all()
        db.session.expunge_all()
        return list(batches)


def rows_of(app, batch_id: int) -> list[ImportRow]:
    with app.app_context():
        rows = db.session.scalars(
            select(ImportRow).where(ImportRow.batch_id == batch_id).order_by(ImportRow.row_number)
        ).all()
        db.session.expunge_all()
        return rows
