"""`flask seed-demo`: demo accounts, created once through the same services as real ones."""

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select

from reintegration.accounts import services
from reintegration.accounts.models import Organisation, Role, User
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province

DEMO_PROVINCE_NAME = "Tỉnh Ninh Bình"
DEMO_COMMUNES = 3


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    organisation: Organisation | None = None
    national: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", "Quản trị hệ thống", Role.ADMIN),
    DemoAccount("tinh.ninhbinh", "Trần Thị Hoa", Role.PROVINCE_OFFICER),
    DemoAccount("canbo.xa", "Nguyễn Văn An", Role.CASEWORKER),
    DemoAccount("hoi.phunu", "Lê Thị Mai", Role.UNION_REVIEWER, Organisation.WOMENS_UNION),
    DemoAccount("lanhdao.tinh", "Phạm Minh Đức", Role.COMMITTEE_VIEWER),
    DemoAccount("lanhdao.quocgia", "Võ Thanh Tùng", Role.COMMITTEE_VIEWER, national=True),
)


class GeographyMissing(RuntimeError):
    pass


def demo_province() -> Province:
    province = db.session.scalar(select(Province).where(Province.name == DEMO_PROVINCE_NAME))
    if province is None:
        raise GeographyMissing("Load the administrative units first: flask geo load")
    return province


def already_seeded() -> bool:
    usernames = [a.username for a in DEMO_ACCOUNTS]
    found = db.session.scalar(select(func.count()).where(User.username.in_(usernames)))
    return bool(found)


def seed_demo(password: str | None = None) -> list[tuple[DemoAccount, str]]:
    """Create the demo accounts and return them with their passwords (random unless given).

    Returns an empty list when they exist already: demo data is seeded once.
    """
    if already_seeded():
        return []
    province = demo_province()
    communes = db.session.scalars(
        select(Commune)
        .where(Commune.province_code == province.code)
        .order_by(Commune.code)
        .limit(DEMO_COMMUNES)
    ).all()
    created = []
    for account in DEMO_ACCOUNTS:
        account_password = password or secrets.token_urlsafe(9)
        scope = services.Scope(
            province_code=None if account.role == Role.ADMIN or account.national else province.code,
            organisation=account.organisation,
            commune_codes=tuple(c.code for c in communes[:2])
            if account.role == Role.CASEWORKER
            else (),
        )
        services.create_user(
            username=account.username,
            full_name=account.full_name,
            role=account.role,
            password=account_password,
            scope=scope,
        )
        created.append((account, account_password))
    return created
