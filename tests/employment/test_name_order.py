"""The employers' and the training providers' lists in Vietnamese order (issue 21): a ă â b
c d đ …, tones after the letters, capitals or not, by the key stored with each name."""

import random
import re

from reintegration.employment.services import employers
from reintegration.extensions import db
from reintegration.training.models import ProviderKind
from reintegration.training.services import catalogue
from tests.employment.conftest import user

# The employer of job_partners is "Công ty TNHH Cơ khí Đông Anh".
EMPLOYERS = [
    "Công ty An Phát",
    "công ty Bình Minh",
    "Công ty Dung Quất",
    "Công ty Đông Á",
    "Công ty TNHH Cơ khí Đông Anh",
    "Cơ sở May Ánh Dương",
    "Hợp tác xã Yên Thành",
]
PROVIDERS = [
    "Trung tâm Dịch vụ việc làm Hà Nội",
    "Trường Cao đẳng Đức Hòa",
    "Trường Cao đẳng nghề Dung Quất",
    "Trường Trung cấp nghề Hà Nội",
]


def listed(client, url: str) -> list[str]:
    page = client.get(url).get_data(as_text=True)
    return re.findall(r'<td><a href="[^"]+/\d+">([^<]+)</a></td>', page)


def test_employers_and_providers_are_listed_in_vietnamese_order(app, client, auth, job_partners):
    """The provider of job_partners is "Trường Trung cấp nghề Hà Nội"; the others are made in a
    shuffled order, as the employers are."""
    with app.app_context():
        officer = user(job_partners.hanoi.officer)
        shuffled = [name for name in EMPLOYERS if "TNHH" not in name]
        random.Random(21).shuffle(shuffled)
        for number, name in enumerate(shuffled):
            employers.create_employer(
                employers.EmployerData(
                    name=name,
                    tax_code=f"02000000{number:02d}",
                    commune_code=job_partners.hanoi.commune_x,
                ),
                officer,
            )
        for name in reversed(PROVIDERS[:-1]):
            catalogue.create_provider(officer, name=name, kind=ProviderKind.VOCATIONAL_SCHOOL)
        db.session.commit()
    auth.login(job_partners.hanoi.officer)
    assert listed(client, "/jobs/employers/") == EMPLOYERS
    assert listed(client, "/training/providers") == PROVIDERS


def test_a_renamed_employer_moves_in_the_list(app, client, auth, job_partners):
    from reintegration.employment.models import Employer

    with app.app_context():
        officer = user(job_partners.hanoi.officer)
        employers.create_employer(
            employers.EmployerData(
                name="Công ty An Phát",
                tax_code="0200000099",
                commune_code=job_partners.hanoi.commune_x,
            ),
            officer,
        )
        db.session.get(Employer, job_partners.employer_id).name = "Ánh Dương"
        db.session.commit()
    auth.login(job_partners.hanoi.officer)
    assert listed(client, "/jobs/employers/") == ["Ánh Dương", "Công ty An Phát"]
