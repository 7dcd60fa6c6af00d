"""The sample list the README shows (docs/danh-sach-dac-xa-mau.xlsx) reads as it says."""

from pathlib import Path

from reintegration.accounts.models import Role
from reintegration.imports.models import ELSEWHERE, WARNED, BatchStatus, RowStatus

SAMPLE = Path(__file__).parents[2] / "docs" / "danh-sach-dac-xa-mau.xlsx"


def test_the_readmes_sample_list_is_read_as_it_says(
    app, auth, make_user, upload, run_pending, latest_batch
):
    officer = make_user(role=Role.PROVINCE_OFFICER, username="tinh.nb", province_code=37)
    auth.login(officer)
    assert upload(SAMPLE.read_bytes(), filename=SAMPLE.name).status_code == 302
    run_pending()
    batch = latest_batch()
    assert batch.status == BatchStatus.READY, batch.error
    assert batch.total_rows == 9
    assert batch.count(RowStatus.NEW) == 5
    assert batch.count(RowStatus.DECISION) == 2  # a split ward, a name without diacritics
    assert batch.count(RowStatus.INVALID) == 0
    assert batch.counts[ELSEWHERE] == 2  # Hà Nội's and Hồ Chí Minh City's
    assert batch.counts[WARNED] == 1  # "chưa rõ"
