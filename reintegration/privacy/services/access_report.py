"""A person's data-access report: everything the system holds about one person, as PDF
(Vietnamese) and JSON, for the right of access (Decree 13/2023; Law 91/2025).

Only province officers produce it, for a person in their province, after stating why (like
the offence details); each production is audited. The JSON holds every stored column of
every row; the PDF shows the same rows with the fields a reader needs, labelled.
"""

import enum
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import inspect

from reintegration.accounts.models import Role, User
from reintegration.core import audit
from reintegration.core.clock import now_utc
from reintegration.core.documents import render_pdf
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.notifications.services import render_message
from reintegration.people.models import Person
from reintegration.people.services.case_file import MIN_REASON_LENGTH
from reintegration.people.services.merging import person_visible
from reintegration.privacy.services.holdings import Holdings, gather

PDF = "pdf"
JSON = "json"
FORMATS = (PDF, JSON)
# Derived copies kept for search and sorting: not information about the person.
DERIVED_COLUMNS = {"search_text", "sort_key", "match_key"}


def may_produce(user: User) -> bool:
    """Province officers oversee every file of their province; caseworkers work on single
    cases, administrators and the other roles never open person files."""
    return user.role == Role.PROVINCE_OFFICER


def find_person(person_id: int, user: User) -> Person | None:
    """The person if ``user`` may produce their report (None: the view answers 404)."""
    if not may_produce(user):
        return None
    person = db.session.get(Person, person_id)
    if person is None or not person_visible(person, user):
        return None
    return person


# --- Values ---------------------------------------------------------------------------------


def value_at(row: Any, path: str) -> Any:
    if path == "message_text":
        return render_message(row)
    value = row
    for name in path.split("."):
        if value is None:
            return None
        value = getattr(value, name)
    return value


def plain(value: Any) -> Any:
    """A stored value as JSON writes it: ISO dates and instants, enum values, numbers."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset, list, tuple)):
        return sorted(plain(v) for v in value)
    return value


def stored_columns(row: Any) -> dict[str, Any]:
    """Every stored column of a row (the derived search copies aside)."""
    return {
        attr.key: plain(getattr(row, attr.key))
        for attr in inspect(row).mapper.column_attrs
        if attr.key not in DERIVED_COLUMNS
    }


def as_json(holdings: Holdings, *, produced_by: User, produced_at: datetime) -> str:
    document = {
        "person_id": holdings.person.id,
        "produced_at": produced_at.isoformat(),
        "produced_by": produced_by.username,
        "sections": {
            section.key: [stored_columns(row) for row in section.rows]
            for section in holdings.sections
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


# --- Producing ------------------------------------------------------------------------------


def check_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise DomainError(
            _(
                "Say why the report is needed (at least %(n)d characters).",
                n=MIN_REASON_LENGTH,
            ),
            field="reason",
        )
    return reason


def produce(
    person: Person, fmt: str, reason: str, actor: User, *, today: date
) -> tuple[bytes | str, Holdings]:
    """The report in ``fmt`` (PDF bytes or JSON text); audited in the caller's transaction."""
    if not may_produce(actor):
        raise DomainError(_("Your role cannot produce this report."), code="forbidden")
    if fmt not in FORMATS:
        raise DomainError(_("Choose PDF or JSON."), field="format")
    reason = check_reason(reason)
    holdings = gather(person)
    produced_at = now_utc()
    if fmt == JSON:
        content: bytes | str = as_json(holdings, produced_by=actor, produced_at=produced_at)
    else:
        content = render_pdf(
            "privacy/pdf/access_report.html",
            holdings=holdings,
            person=person,
            actor=actor,
            reason=reason,
            produced_at=produced_at,
            today=today,
            value_at=value_at,
        )
    audit.record(
        "access_report_produced",
        person,
        user=actor,
        detail={
            "format": fmt,
            "reason": reason,
            "cases": holdings.case_ids,
            "rows": {s.key: len(s.rows) for s in holdings.sections if s.rows},
        },
    )
    return content, holdings
