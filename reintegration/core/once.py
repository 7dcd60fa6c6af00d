"""Forms sent once: a double-clicked "Register" or "Record the contact" makes one record.

Each such form carries a random token (``OnceForm``). The view claims the token before it
does anything (``claim``), in the same transaction as the work, and writes down where the
result is (``complete``). A second post of the same form finds the token taken and is
answered with the first one's result (``AlreadySent``). Two posts at the same instant:
on PostgreSQL the second's claim waits for the first's transaction, then finds the token
taken; on SQLite writes happen one at a time anyway. A post that fails leaves no claim, so
the user can correct the form and send it again. Tokens older than a day are forgotten.
"""

import secrets
from datetime import datetime, timedelta

from flask import flash, redirect
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import HiddenField

from reintegration.core.models import UTCDateTime, utcnow
from reintegration.extensions import db

KEPT_FOR = timedelta(days=1)


class FormToken(db.Model):
    __tablename__ = "form_tokens"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # Where the first post's result is (the page it was sent on to).
    result_url: Mapped[str | None] = mapped_column(String(500))


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


class OnceForm:
    """Mixin for a form whose post creates something: a token drawn with the form."""

    form_token = HiddenField(default=new_form_token)


class AlreadySent(Exception):
    """The form was sent before; ``url`` is where its result is (None: not known)."""

    def __init__(self, url: str | None):
        super().__init__(url)
        self.url = url


def claim(token: str | None, user) -> None:
    """Take ``token`` for this post, or raise AlreadySent. Call first, before the work; a
    post without a token (an old page) is let through as before."""
    if not token:
        return
    db.session.execute(delete(FormToken).where(FormToken.created_at < utcnow() - KEPT_FOR))
    earlier = db.session.get(FormToken, token)
    if earlier is None:
        db.session.add(FormToken(token=token, user_id=user.id))
        try:
            db.session.flush()
            return
        except IntegrityError:
            db.session.rollback()  # the same form, sent at the same instant, got there first
            earlier = db.session.get(FormToken, token)
    raise AlreadySent(earlier.result_url if earlier and earlier.user_id == user.id else None)


def complete(token: str | None, url: str) -> None:
    """Write down where this post's result is, for a repeat of it to be sent there."""
    if token:
        db.session.get(FormToken, token).result_url = url
        db.session.flush()


def answer_repeat(sent: AlreadySent, fallback: str):
    """The answer to a repeated post: the first one's result, as if it were this one's."""
    if sent.url is None:
        flash(_("This form was sent already: it was saved once."), "info")
    return redirect(sent.url or fallback)
