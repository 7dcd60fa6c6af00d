"""Helpers for the contacts, plans, transfers and my-work tests (plain functions, so they
never clash with fixtures another test module defines)."""

import re

from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.core.audit import AuditEvent
from reintegration.extensions import db


def user(username: str) -> User:
    return db.session.scalars(select(User).where(User.username == username)).one()


def audit_actions(app, prefix: str) -> list[AuditEvent]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEvent)
                .where(AuditEvent.action.startswith(prefix))
                .order_by(AuditEvent.id)
            )
        )


def marked(page: str, testid: str, attribute: str) -> list[str]:
    """The ``attribute`` of each element marked ``data-testid="testid"``, in page order."""
    return re.findall(rf'data-testid="{testid}"[^>]*?{attribute}="([^"]*)"', page)
