"""The scope helper filters queries to the communes a user covers."""

from sqlalchemy import func, select

from reintegration.accounts.models import Organisation, Role
from reintegration.accounts.scope import in_scope
from reintegration.extensions import db
from reintegration.geo.models import Commune
from tests.factories import HA_NOI, UserFactory, communes_of


def visible_communes(user) -> set[int]:
    return set(db.session.scalars(in_scope(select(Commune.code), user, Commune.code)))


def test_caseworker_sees_only_their_communes(app_ctx):
    mine = communes_of(HA_NOI, 2)
    user = UserFactory(role=Role.CASEWORKER, communes=mine)
    assert visible_communes(user) == {c.code for c in mine}
    assert user.can_see_commune(mine[0].code)
    assert not user.can_see_commune(communes_of(HA_NOI, 3)[2].code)


def test_province_officer_sees_their_province(app_ctx):
    user = UserFactory(role=Role.PROVINCE_OFFICER, province_code=HA_NOI)
    in_province = db.session.scalar(
        select(func.count()).select_from(Commune).where(Commune.province_code == HA_NOI)
    )
    assert len(visible_communes(user)) == in_province == 126


def test_roles_without_person_files_see_nothing(app_ctx):
    for user in (
        UserFactory(role=Role.ADMIN),
        UserFactory(role=Role.UNION_REVIEWER, organisation=Organisation.YOUTH_UNION),
        UserFactory(role=Role.COMMITTEE_VIEWER),
        UserFactory(role=Role.COMMITTEE_VIEWER, province_code=None),
    ):
        assert visible_communes(user) == set(), user.role
