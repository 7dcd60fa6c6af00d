"""Issuing, revoking and checking personal API tokens.

A token is ``rtk_`` followed by 43 URL-safe characters (32 random bytes). The database keeps
its sha256 and its first characters; the clear token is returned once, by ``issue_token``.
Each operation checks its rules, writes its audit event and flushes; the caller commits.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from reintegration.accounts.models import ApiToken, Role, User
from reintegration.core import audit
from reintegration.core.clock import now_utc
from reintegration.core.exceptions import DomainError
from reintegration.core.text import nfc
from reintegration.extensions import db

PREFIX = "rtk_"
SECRET_BYTES = 32
HINT_LENGTH = len(PREFIX) + 6
MAX_LIFETIME_DAYS = 365
LIFETIME_CHOICES = (7, 30, 90, 180, 365)
MAX_NAME_LENGTH = 100
# A token's last use is written at most this often, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    clear: str  # shown once, never stored


def hash_token(clear: str) -> str:
    return hashlib.sha256(clear.encode("utf-8")).hexdigest()


def issue_token(user: User, name: str, lifetime_days: int, *, actor: User) -> IssuedToken:
    """A new token for ``user`` (only the user themselves creates one: an administrator
    revokes tokens but cannot act as someone else)."""
    if actor.id != user.id:
        raise DomainError(_("You can create tokens only for yourself."), code="forbidden")
    name = nfc(name or "")
    if not name:
        raise DomainError(_("Name the token, e.g. the program that will use it."), field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError(
            _("The name is too long (at most %(n)d characters).", n=MAX_NAME_LENGTH), field="name"
        )
    if not 1 <= lifetime_days <= MAX_LIFETIME_DAYS:
        raise DomainError(
            _("A token lasts from 1 to %(n)d days.", n=MAX_LIFETIME_DAYS), field="lifetime_days"
        )
    clear = PREFIX + secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=hash_token(clear),
        hint=clear[:HINT_LENGTH],
        created_at=now_utc(),
        expires_at=now_utc() + timedelta(days=lifetime_days),
    )
    db.session.add(token)
    db.session.flush()
    audit.record(
        "api_token_created",
        token,
        user=actor,
        detail={"owner_id": user.id, "name": name, "expires_at": token.expires_at.isoformat()},
    )
    return IssuedToken(token, clear)


def revoke_token(token: ApiToken, *, actor: User) -> None:
    """The owner or an administrator ends a token at once."""
    if actor.id != token.user_id and actor.role != Role.ADMIN:
        raise DomainError(_("You cannot revoke this token."), code="forbidden")
    if token.revoked_at is not None:
        raise DomainError(_("This token was revoked already."), code="wrong_state")
    token.revoked_at = now_utc()
    token.revoked_by_id = actor.id
    db.session.flush()
    audit.record(
        "api_token_revoked",
        token,
        user=actor,
        detail={"owner_id": token.user_id, "name": token.name},
    )


def revoke_all_tokens(user: User, *, actor: User | None) -> int:
    """End every token ``user`` still has (a new password ends them, as it ends sessions:
    whoever knew the old password may have made one). Returns how many were ended."""
    ended = db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now_utc(), revoked_by_id=actor.id if actor else None)
        .execution_options(synchronize_session="fetch")
    ).rowcount
    return ended


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())
        )
    )


def find_token_of(user: User, token_id: int) -> ApiToken | None:
    return db.session.scalar(
        select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id)
    )


def authenticate_token(clear: str, *, now: datetime | None = None) -> User | None:
    """The active user a usable token belongs to, or None (unknown, expired, revoked, or
    the account is disabled: all look the same to the caller).

    A use is remembered (``last_used_at``) at most every few minutes, in a transaction of
    its own, committed before the request does its work."""
    if not clear.startswith(PREFIX) or len(clear) > 100:
        return None
    now = now or now_utc()
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(clear)))
    if token is None or not token.is_usable(now):
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        db.session.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
        db.session.commit()
    return token.user
