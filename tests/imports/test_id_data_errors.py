"""An imported row whose citizen ID number disagrees with the birth year or sex is saved
with the data-error flag, not refused (the person is registered on the day of the list)."""

from sqlalchemy import select

from reintegration.extensions import db
from reintegration.imports.models import BatchStatus
from reintegration.people.models import Person
from tests.imports.conftest import AN, HEADER, csv_bytes

WOMANS_NUMBER = "001185012345"  # 4th digit 1: a woman born in the 1900s; the row: a man


def test_an_imported_row_with_a_mismatched_number_is_saved_and_flagged(
    app, auth, client, hanoi, upload, run_pending, latest_batch
):
    mismatched = [*AN[:4], WOMANS_NUMBER, *AN[5:]]
    auth.login(hanoi.officer)
    upload(csv_bytes([HEADER, mismatched]))
    run_pending()
    batch = latest_batch()
    assert client.post(f"/imports/{batch.id}/confirm").status_code == 302
    run_pending()
    assert latest_batch().status == BatchStatus.COMMITTED
    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert person.id_number == WOMANS_NUMBER
        assert "Chữ số thứ 4 là 1" in person.id_data_error
