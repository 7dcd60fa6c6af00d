"""The rows not imported, with their reasons, as XLSX or CSV (formula injection neutralised,
as the report exports do), in the list's own columns so they can be fixed and uploaded
again. Every download is audited."""

import csv
import io
from collections.abc import Iterator

from flask_babel import force_locale
from flask_babel import gettext as _

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.documents import neutralise
from reintegration.extensions import db
from reintegration.imports.models import ImportBatch, RowStatus
from reintegration.imports.services.batches import rows_of

EXPORT_LOCALE = "vi"
NOT_IMPORTED = (RowStatus.INVALID, RowStatus.KNOWN, RowStatus.DECISION, RowStatus.SKIPPED)


def reasons(row) -> str:
    parts = []
    for problem in row.problems or []:
        column = problem.get("column")
        parts.append(f"{column}: {problem['message']}" if column else problem["message"])
    if not parts:
        parts.append(row.status.label)
    return "; ".join(parts)


def _lines(batch: ImportBatch) -> Iterator[list]:
    headers = [h or f"#{i + 1}" for i, h in enumerate(batch.headers or [])]
    yield [_("Row"), _("Result"), _("Reasons"), *headers]
    for row in db.session.scalars(rows_of(batch, *NOT_IMPORTED)):
        yield [
            row.row_number,
            row.status.label,
            reasons(row),
            *[(row.values or {}).get(h) for h in headers],
        ]


def filename(batch: ImportBatch, ext: str) -> str:
    return f"nhap-danh-sach-{batch.id}-khong-nhap.{ext}"


def rejected_csv(batch: ImportBatch, user: User) -> str:
    with force_locale(EXPORT_LOCALE):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for line in _lines(batch):
            writer.writerow(neutralise(value) for value in line)
    audit.record("import_rejected_exported", batch, user=user, detail={"format": "csv"})
    return "\ufeff" + out.getvalue()  # a BOM, so Excel reads the Vietnamese right


def rejected_xlsx(batch: ImportBatch, user: User) -> bytes:
    from openpyxl import Workbook

    with force_locale(EXPORT_LOCALE):
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Not imported"))
        for line in _lines(batch):
            sheet.append([neutralise(value) for value in line])
    out = io.BytesIO()
    workbook.save(out)
    audit.record("import_rejected_exported", batch, user=user, detail={"format": "xlsx"})
    return out.getvalue()
