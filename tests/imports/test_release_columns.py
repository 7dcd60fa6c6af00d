"""The columns of a release paper as facilities write them: sentences in words, the
offence (as sensitive as a typed one), the certificate, the facility and the release day
under their usual headings. An optional value that cannot be read is a warning on its cell
and never refuses the row."""

import pytest
from sqlalchemy import select

from reintegration.extensions import db
from reintegration.imports.models import BatchStatus, RowStatus
from reintegration.imports.services import values as v
from reintegration.imports.services.columns import match_heading
from reintegration.imports.services.offences import classify
from reintegration.people.models import OffenceGroup, Person, SentenceKind
from tests.imports.conftest import csv_bytes, rows_of

LIFE, PRISON, SUSPENDED = SentenceKind.LIFE, SentenceKind.PRISON, SentenceKind.SUSPENDED


@pytest.mark.parametrize(
    ("written", "unit", "months", "kind"),
    [
        ("15 năm", v.Unit.UNSAID, 180, PRISON),
        ("3 năm 6 tháng", v.Unit.UNSAID, 42, PRISON),
        ("2 năm 06 tháng", v.Unit.UNSAID, 30, PRISON),
        ("36 tháng", v.Unit.UNSAID, 36, PRISON),
        ("18 tháng tù", v.Unit.UNSAID, 18, PRISON),
        ("Tù chung thân", v.Unit.UNSAID, None, LIFE),
        ("Chung thân", v.Unit.UNSAID, None, LIFE),
        ("CHUNG THAN", v.Unit.UNSAID, None, LIFE),
        ("Tù 03 năm", v.Unit.UNSAID, 36, PRISON),
        ("15 nam", v.Unit.UNSAID, 180, PRISON),
        ("1,5 năm", v.Unit.UNSAID, 18, PRISON),
        ("3N6T", v.Unit.UNSAID, 42, PRISON),
        ("2 năm 3 tháng 15 ngày", v.Unit.UNSAID, 27, PRISON),
        ("24", v.Unit.MONTHS, 24, PRISON),
        (24, v.Unit.MONTHS, 24, PRISON),
        (24.0, v.Unit.MONTHS, 24, PRISON),
        ("5", v.Unit.YEARS, 60, PRISON),
        ("", v.Unit.UNSAID, None, None),
        (None, v.Unit.MONTHS, None, None),
        ("2 năm tù cho hưởng án treo", v.Unit.UNSAID, 24, SUSPENDED),
        ("Tử hình (chuyển chung thân)", v.Unit.UNSAID, None, SentenceKind.DEATH_COMMUTED),
    ],
)
def test_sentences_as_papers_write_them(app_ctx, written, unit, months, kind):
    assert v.sentence(written, unit) == v.Sentence(months, kind)


@pytest.mark.parametrize(
    "written", ["abc", "15", "năm", "3 năm x", "-2 năm", "900 năm", "1,3 tháng", "5 tuổi"]
)
def test_a_sentence_not_understood_is_refused_with_its_reason(app_ctx, written):
    with pytest.raises(v.BadValue):
        v.sentence(written, v.Unit.UNSAID)


def test_time_served_cannot_be_for_life(app_ctx):
    with pytest.raises(v.BadValue):
        v.sentence("chung thân", v.Unit.UNSAID, whole_terms=False)


@pytest.mark.parametrize(
    ("heading", "unit"),
    [
        ("Mức án", v.Unit.UNSAID),
        ("Mức án (tháng)", v.Unit.MONTHS),
        ("Số tháng tù", v.Unit.MONTHS),
        ("Mức án (năm)", v.Unit.YEARS),
        ("Sentence (months)", v.Unit.MONTHS),
    ],
)
def test_the_heading_says_what_a_bare_number_counts(heading, unit):
    assert v.unit_of(heading) == unit


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Số GCN đặc xá", "certificate_number"),
        ("Số giấy chứng nhận", "certificate_number"),
        ("Số giấy chứng nhận đặc xá", "certificate_number"),
        ("SỐ GCN", "certificate_number"),
        ("Giấy chứng nhận số", "certificate_number"),
        ("Trại giam", "detention_facility"),
        ("Nơi chấp hành án", "detention_facility"),
        ("Nơi chấp hành án phạt tù", "detention_facility"),
        ("Ngày ra trại", "release_date"),
        ("Ngày được đặc xá", "release_date"),
        ("Ngày chấp hành xong án phạt tù", "release_date"),
        ("Ngày ra tù", "release_date"),
        ("Tội danh", "offence"),
        ("TỘI DANH", "offence"),
        ("Mức án", "sentence_months"),
        ("Mức án (tháng)", "sentence_months"),
        ("Mức hình phạt", "sentence_months"),
        ("Thời gian đã chấp hành", "served_months"),
    ],
)
def test_the_usual_headings_of_a_release_paper(heading, key):
    assert match_heading(heading) == key


@pytest.mark.parametrize(
    ("offence", "group", "child"),
    [
        ("Trộm cắp tài sản", OffenceGroup.PROPERTY, False),
        ("Lừa đảo chiếm đoạt tài sản", OffenceGroup.PROPERTY, False),
        ("Mua bán trái phép chất ma túy", OffenceGroup.DRUGS, False),
        ("Tàng trữ trái phép chất ma tuý", OffenceGroup.DRUGS, False),
        ("Cố ý gây thương tích", OffenceGroup.LIFE_AND_HEALTH, False),
        ("Dâm ô đối với người dưới 16 tuổi", OffenceGroup.SEXUAL, True),
        ("Đánh bạc", OffenceGroup.PUBLIC_ORDER, False),
        ("Tham ô tài sản", OffenceGroup.CORRUPTION, False),
        ("Buôn lậu", OffenceGroup.ECONOMIC, False),
        ("Tội gì đó chưa biết", None, False),
        ("", None, False),
    ],
)
def test_the_offence_gives_its_group_when_the_code_names_it(offence, group, child):
    assert classify(offence) == (group, child)


PAPER_HEADER = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Xã/Phường", "Quận/Huyện",
                "Tỉnh/Thành phố", "Tội danh", "Mức án", "Số GCN đặc xá", "Nơi chấp hành án",
                "Ngày được đặc xá", "Ngày tiếp nhận"]  # fmt: skip
PLACE = ["Phường Trúc Bạch", "Quận Ba Đình", "Hà Nội"]


def paper_row(number, name, offence, sentence, received="") -> list:
    return [str(number), name, "1980", "Nam", *PLACE, offence, sentence,
            f"{number}/GCN-ĐX", "Trại giam Thanh Xuân", "01/09/2025", received]  # fmt: skip


SENTENCES = {
    "Nguyễn Văn Một": ("15 năm", 180, PRISON),
    "Nguyễn Văn Hai": ("3 năm 6 tháng", 42, PRISON),
    "Nguyễn Văn Ba": ("2 năm 06 tháng", 30, PRISON),
    "Nguyễn Văn Bốn": ("36 tháng", 36, PRISON),
    "Nguyễn Văn Năm": ("18 tháng tù", 18, PRISON),
    "Nguyễn Văn Sáu": ("Tù chung thân", None, LIFE),
    "Nguyễn Văn Bảy": ("Chung thân", None, LIFE),
    "Nguyễn Văn Tám": ("mười lăm", None, None),  # no unit: a warning, row kept
}


@pytest.fixture
def paper_list(auth, hanoi, upload, run_pending, latest_batch):
    auth.login(hanoi.officer)
    rows = [
        paper_row(i, name, "Trộm cắp tài sản", written)
        for i, (name, (written, _m, _l)) in enumerate(SENTENCES.items(), start=1)
    ]
    rows.append(paper_row(9, "Trần Văn Chín", "Đánh bạc", "2 năm", received="không rõ"))
    assert upload(csv_bytes([PAPER_HEADER, *rows])).status_code == 302
    run_pending()
    return latest_batch()


def test_a_release_paper_is_read_whole_and_unread_values_only_warn(
    app, client, paper_list, run_pending, latest_batch
):
    assert paper_list.status == BatchStatus.READY
    assert paper_list.count(RowStatus.NEW) == 9
    assert paper_list.count(RowStatus.INVALID) == 0
    rows = {r.data["person"]["full_name"]: r for r in rows_of(app, paper_list.id)}
    assert rows["Nguyễn Văn Tám"].warnings[0]["column"] == "Mức án"
    assert rows["Trần Văn Chín"].warnings[0]["column"] == "Ngày tiếp nhận"
    page = client.get(f"/imports/{paper_list.id}").get_data(as_text=True)
    assert 'data-testid="import-warnings"' in page
    # The offence is in no preview, nor is the sentence that could not be read.
    assert "Trộm cắp" not in page and "mười lăm" not in page

    client.post(f"/imports/{paper_list.id}/confirm")
    run_pending()
    assert latest_batch().imported_count == 9
    with app.app_context():
        people = {p.full_name: p for p in db.session.scalars(select(Person))}
        for name, (_written, months, kind) in SENTENCES.items():
            release = people[name].releases[0]
            assert (release.sentence_months, release.sentence_kind) == (months, kind), name
            assert release.offence == "Trộm cắp tài sản"
            assert release.offence_group == OffenceGroup.PROPERTY
        chin = people["Trần Văn Chín"].releases[0]
        assert chin.offence_group == OffenceGroup.PUBLIC_ORDER
        assert chin.certificate_number == "9/GCN-ĐX"
        assert chin.detention_facility == "Trại giam Thanh Xuân"
        assert chin.release_date.isoformat() == "2025-09-01"
        assert people["Trần Văn Chín"].cases[0].received_on is None


def test_the_imported_offence_stays_hidden_until_a_reason_is_given(
    app, client, paper_list, run_pending
):
    client.post(f"/imports/{paper_list.id}/confirm")
    run_pending()
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.full_name == "Nguyễn Văn Sáu"))
        case_id = person.cases[0].id
    page = client.get(f"/cases/{case_id}?tab=release").get_data(as_text=True)
    assert 'data-testid="offence-hidden"' in page and "Trộm cắp" not in page
    response = client.post(
        f"/cases/{case_id}/reveal", data={"reason": "Chuẩn bị hồ sơ việc làm"},
        follow_redirects=True,
    )  # fmt: skip
    shown = response.get_data(as_text=True)
    assert 'data-testid="offence-details"' in shown and "Trộm cắp tài sản" in shown
