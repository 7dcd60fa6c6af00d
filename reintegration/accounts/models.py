"""Users, their role and the area (scope) their work covers.

Roles and their scope:
- system administrator: manages accounts, reference data and the audit log; no person files;
- province officer: one province;
- commune caseworker: one or more communes;
- union reviewer: one mass organisation in one province (loan files only);
- committee viewer: one province, or the nation when no province is set (aggregates only).
"""

import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Column, ForeignKey, String, Table, false, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import TimestampMixin, UTCDateTime, utcnow
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province


class Role(LabelledEnum):
    ADMIN = "admin"
    PROVINCE_OFFICER = "province_officer"
    CASEWORKER = "caseworker"
    UNION_REVIEWER = "union_reviewer"
    COMMITTEE_VIEWER = "committee_viewer"

    @classmethod
    def _labels(cls):
        return {
            cls.ADMIN: _l("System administrator"),
            cls.PROVINCE_OFFICER: _l("Province officer"),
            cls.CASEWORKER: _l("Commune caseworker"),
            cls.UNION_REVIEWER: _l("Union reviewer"),
            cls.COMMITTEE_VIEWER: _l("Committee viewer"),
        }


class Organisation(LabelledEnum):
    """The mass organisations that run savings-and-loan groups for the Bank for Social Policies."""

    WOMENS_UNION = "womens_union"
    FARMERS_UNION = "farmers_union"
    VETERANS_ASSOCIATION = "veterans_association"
    YOUTH_UNION = "youth_union"

    @classmethod
    def _labels(cls):
        return {
            cls.WOMENS_UNION: _l("Women's Union"),
            cls.FARMERS_UNION: _l("Farmers' Union"),
            cls.VETERANS_ASSOCIATION: _l("Veterans' Association"),
            cls.YOUTH_UNION: _l("Youth Union"),
        }


user_communes = Table(
    "user_communes",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("commune_code", ForeignKey("communes.code"), primary_key=True),
)


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    province_code: Mapped[int | None] = mapped_column(ForeignKey("provinces.code"))
    organisation: Mapped[Organisation | None] = mapped_column(enum_column(Organisation))
    locale: Mapped[str] = mapped_column(String(8), default="vi")
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the login cookie: changing it (new password, deactivation) ends every session.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    # Set when an administrator resets the password: the user must choose their own at
    # the next login before anything else (the administrator must not keep knowing it).
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    province: Mapped[Province | None] = relationship()
    communes: Mapped[list[Commune]] = relationship(secondary=user_communes, order_by=Commune.name)

    # Flask-Login
    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active

    # Permission questions
    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    @property
    def sees_person_files(self) -> bool:
        """Only caseworkers and province officers open individual case files."""
        return self.role in (Role.CASEWORKER, Role.PROVINCE_OFFICER)

    @property
    def is_national(self) -> bool:
        return self.role == Role.COMMITTEE_VIEWER and self.province_code is None

    def commune_codes(self) -> set[int]:
        """The communes this user's work covers (every commune of the province for
        province-level roles)."""
        if self.role == Role.CASEWORKER:
            return {c.code for c in self.communes}
        if self.province_code is not None:
            rows = db.session.scalars(
                select(Commune.code).where(Commune.province_code == self.province_code)
            )
            return set(rows)
        return set()

    def covers(self, commune_column):
        """The condition that ``commune_column`` is among ``commune_codes``, in the query
        (a province's 168 communes are not read first to be sent back as parameters)."""
        if self.role == Role.CASEWORKER:
            return commune_column.in_(
                select(user_communes.c.commune_code).where(user_communes.c.user_id == self.id)
            )
        if self.province_code is not None:
            return commune_column.in_(
                select(Commune.code).where(Commune.province_code == self.province_code)
            )
        return false()

    def can_see_commune(self, commune_code: int) -> bool:
        if self.role == Role.CASEWORKER:
            return any(c.code == commune_code for c in self.communes)
        if self.role == Role.PROVINCE_OFFICER:
            commune = db.session.get(Commune, commune_code)
            return commune is not None and commune.province_code == self.province_code
        return False

    @property
    def scope_label(self) -> str:
        if self.role == Role.CASEWORKER:
            return ", ".join(c.name for c in self.communes)
        if self.role == Role.UNION_REVIEWER and self.province and self.organisation:
            return f"{self.organisation.label} — {self.province.name}"
        if self.province is not None:
            return self.province.name
        return ""

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


# Personal API tokens: a program acts as the user who created the token, within their role
# and scope. Only a hash of the secret is stored; the clear token is shown once
# (accounts/tokens.py). Tokens are credentials, so they live with the accounts.
class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # sha256 of the whole clear token, hex: a lookup by equality, nothing to brute-force
    # (the secret has 256 random bits).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters of the clear token, so people can tell their tokens apart.
    hint: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id])

    def is_usable(self, now: datetime) -> bool:
        """Not revoked, not expired, and its account still active."""
        return self.revoked_at is None and now < self.expires_at and self.user.active

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.hint}… user={self.user_id}>"
