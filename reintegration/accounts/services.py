"""Account operations. Each checks its rules, writes its audit event and flushes;
the caller commits."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from reintegration.accounts import passwords
from reintegration.accounts.auth import hash_password, verify_password
from reintegration.accounts.models import Organisation, Role, User, new_session_token
from reintegration.accounts.tokens import revoke_all_tokens
from reintegration.core import audit
from reintegration.core.clock import now_utc
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import N_, format_instant
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify

MIN_PASSWORD_LENGTH = passwords.MIN_PASSWORD_LENGTH
PASSWORD_RESET_NOTICE = N_(
    "Your password was reset by the administrator %(admin)s on %(when)s. Choose your own "
    "when you next log in. If you did not ask for this, tell your province office at once."
)


@dataclass
class Scope:
    """What a user's work covers; which parts apply depends on the role."""

    province_code: int | None = None
    organisation: Organisation | None = None
    commune_codes: tuple[int, ...] = ()


def normalise_username(username: str) -> str:
    return username.strip().lower()


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == normalise_username(username)))


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials, or None. Unknown names, wrong passwords and
    disabled accounts look the same to the caller, and take the same time."""
    user = find_user(username) if username else None
    password_ok = verify_password(user.password_hash if user else None, password)
    if user is None or not password_ok or not user.active:
        audit.record("login_failed", detail={"username": normalise_username(username)[:64]})
        return None
    user.last_login_at = now_utc()
    audit.record("login", user, user=user)
    return user


def check_password_strength(password: str, user: User | None = None) -> None:
    """At least MIN_PASSWORD_LENGTH characters, not a common (leaked) password, and not
    ``user``'s current one."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            _("The password must have at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
            field="password",
        )
    if passwords.is_common(password):
        raise DomainError(
            _(
                "This password is one of the most common ones, found in lists of leaked "
                "passwords: choose another (a few unrelated words make a good one)."
            ),
            field="password",
        )
    if user is not None and user.password_hash and verify_password(user.password_hash, password):
        raise DomainError(_("This is the current password: choose a new one."), field="password")


def log_out(user: User) -> None:
    """End the user's session on the server too: a new session token makes every login
    cookie issued so far worthless, so a copy of the cookie no longer works either."""
    user.session_token = new_session_token()
    audit.record("logout", user, user=user)


def validated_scope(role: Role, scope: Scope) -> Scope:
    """The scope the role needs, checked against the geography; the parts the role does not
    use are dropped so that no stale scope lingers."""
    province = db.session.get(Province, scope.province_code) if scope.province_code else None
    if scope.province_code and province is None:
        raise DomainError(_("Unknown province."), field="province_code")

    if role == Role.ADMIN:
        return Scope()
    if role == Role.COMMITTEE_VIEWER:
        return Scope(province_code=scope.province_code)
    if province is None:
        raise DomainError(_("Choose the province this account works in."), field="province_code")
    if role == Role.PROVINCE_OFFICER:
        return Scope(province_code=province.code)
    if role == Role.UNION_REVIEWER:
        if scope.organisation is None:
            raise DomainError(_("Choose the reviewer's organisation."), field="organisation")
        return Scope(province_code=province.code, organisation=scope.organisation)

    codes = tuple(sorted(set(scope.commune_codes)))
    if not codes:
        raise DomainError(_("A caseworker needs at least one commune."), field="commune_codes")
    in_province = db.session.scalar(
        select(func.count())
        .select_from(Commune)
        .where(Commune.code.in_(codes), Commune.province_code == province.code)
    )
    if in_province != len(codes):
        raise DomainError(
            _("Every commune must belong to %(province)s.", province=province.name),
            field="commune_codes",
        )
    return Scope(province_code=province.code, commune_codes=codes)


def apply_scope(user: User, role: Role, scope: Scope) -> None:
    scope = validated_scope(role, scope)
    user.role = role
    user.province_code = scope.province_code
    user.organisation = scope.organisation
    user.communes = (
        list(db.session.scalars(select(Commune).where(Commune.code.in_(scope.commune_codes))))
        if scope.commune_codes
        else []
    )


def create_user(
    *,
    username: str,
    full_name: str,
    role: Role,
    password: str,
    scope: Scope,
    email: str | None = None,
    locale: str = "vi",
    actor: User | None = None,
) -> User:
    username = normalise_username(username)
    if find_user(username) is not None:
        raise DomainError(_("This username is already taken."), field="username")
    check_password_strength(password)
    user = User(
        username=username,
        full_name=full_name.strip(),
        email=(email or "").strip() or None,
        password_hash=hash_password(password),
        locale=locale,
    )
    apply_scope(user, role, scope)
    db.session.add(user)
    db.session.flush()
    audit.record("user_created", user, user=actor, detail=scope_detail(user))
    return user


def update_user(
    user: User,
    *,
    full_name: str,
    email: str | None,
    role: Role,
    scope: Scope,
    active: bool,
    actor: User,
) -> User:
    if user.id == actor.id and (role != Role.ADMIN or not active):
        raise DomainError(_("You cannot remove your own administrator access."), field="role")
    before = scope_detail(user)
    user.full_name = full_name.strip()
    user.email = (email or "").strip() or None
    apply_scope(user, role, scope)
    if user.active and not active:
        user.session_token = new_session_token()
    user.active = active
    db.session.flush()
    audit.record(
        "user_updated", user, user=actor, detail={"before": before, "after": scope_detail(user)}
    )
    return user


def set_password(user: User, password: str, *, actor: User | None) -> None:
    """The user's own new password. It also ends every session the user has open
    elsewhere, and every API token they made."""
    tokens_ended = _replace_password(user, password, actor)
    user.must_change_password = False
    audit.record("password_changed", user, user=actor, detail={"api_tokens_ended": tokens_ended})


def reset_password(user: User, password: str, *, actor: User) -> None:
    """An administrator sets a password for ``user`` (who forgot theirs). The user must
    choose their own at the next login, is told, and the log says it was a reset and by
    whom: an administrator cannot quietly become someone else."""
    tokens_ended = _replace_password(user, password, actor)
    user.must_change_password = True
    audit.record(
        "password_reset",
        user,
        user=actor,
        detail={"username": user.username, "api_tokens_ended": tokens_ended},
    )
    notify(
        [user],
        "password_reset",
        PASSWORD_RESET_NOTICE,
        subject=Subject.of(user),
        step=now_utc().isoformat(),
        params={"admin": actor.full_name, "when": format_instant(now_utc())},
        actor=actor,
    )


def _replace_password(user: User, password: str, actor: User | None) -> int:
    check_password_strength(password, user)
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    db.session.flush()
    return revoke_all_tokens(user, actor=actor)


def scope_detail(user: User) -> dict:
    return {
        "role": str(user.role),
        "active": user.active,
        "province_code": user.province_code,
        "organisation": str(user.organisation) if user.organisation else None,
        "commune_codes": [c.code for c in user.communes],
    }
