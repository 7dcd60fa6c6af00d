"""The details of an audit event in words.

Each key has its label (``labels.DETAILS``), and each value is written as a reader knows
it: a code as its label in the reader's language (the key chooses the codes, and for keys
such as "kind" or "from" the action too), days as dd/mm/yyyy, money in đồng, communes and
provinces by name, the fields of a change as the forms call them. Free text that may name
someone is not shown for events about a person's file. A code no table knows (an event
older than a renamed code) and a key without a label read as words, never as snake_case.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from wtforms.fields.core import UnboundField

from reintegration.accounts.models import Organisation, Role
from reintegration.auditlog.labels import (
    ACTIONS,
    API_PART,
    API_PART_OF,
    BECAUSE,
    CASE_FILE_PARTS,
    CHANNELS,
    DETAILS,
    DETAILS_OF_ACTION,
    ELIGIBILITY_CHECKS,
    OBJECT_TYPES,
    RECORDS,
)
from reintegration.casework.forms import ContactForm, GoalForm
from reintegration.casework.models import (
    AssessmentKind,
    ContactKind,
    FollowUpKind,
    GoalStatus,
    IntervalUnit,
)
from reintegration.core.audit import AuditEvent
from reintegration.core.enums import LabelledEnum
from reintegration.core.i18n import format_day, format_instant, format_money, format_number
from reintegration.employment.forms import EmployerForm
from reintegration.employment.models import JobLossReason, ReferralStatus, Restriction
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province
from reintegration.imports.models import BatchStatus
from reintegration.loans.forms import BusinessApplicationForm
from reintegration.loans.models import BorrowerKind, DocumentKind, LoanStatus, RuleKey
from reintegration.loans.services.eligibility import CheckStatus
from reintegration.notifications.kinds import KINDS_BY_CODE
from reintegration.offline.models import EntryKind
from reintegration.people.models import Classification, Need
from reintegration.people.services.revisions import CASE_FIELDS, PERSON_FIELDS, RELEASE_FIELDS
from reintegration.reports import periods
from reintegration.reports.definitions import FIGURE_BY_KEY
from reintegration.reports.services.presentation import period_label
from reintegration.training.models import PlacementStatus, SupportKind

CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
MAX_TEXT = 200
PERSON_OBJECTS = {"Person", "Case", "Release", "LoanApplication", "LoanDocument", "Transfer",
                  "Placement", "Referral", "Contact", "Assessment", "Goal", "FollowUp",
                  "WorkProfile"}  # fmt: skip
FREE_TEXT = {"reason", "name", "note", "comment", "file", "renamed", "correction_reason", "query"}
COMMUNE_ACTIONS = {"case_transferred", "transfer_requested"}  # their "from" and "to"

# code → label: an enum with labels, or a table of lazy strings.
Codes = type[LabelledEnum] | Mapping[str, Any]

# Codes that mean the same whatever the action.
CODES_OF_KEY: dict[str, Codes] = {
    "action": ACTIONS,
    "because": BECAUSE,
    "borrower_kind": BorrowerKind,
    "channel": CHANNELS,
    "classification": Classification,
    "figure": {key: figure.label for key, figure in FIGURE_BY_KEY.items()},
    "in_app_only": {code: kind.label for code, kind in KINDS_BY_CODE.items()},
    "key": RuleKey,
    "object_type": OBJECT_TYPES,
    "old": Classification,  # classification_changed: the classification before
    "organisation": Organisation,
    "restrictions": Restriction,
    "role": Role,
    "unit": IntervalUnit,
}
# Codes whose meaning depends on the action: (the action or the start of it, keys, codes).
CODES_OF_ACTION: tuple[tuple[str, set[str], Codes], ...] = (
    ("loan_document_", {"kind"}, DocumentKind),
    ("loan_", {"from", "to"}, LoanStatus),
    ("training_support_rate_added", {"kind"}, SupportKind),
    ("training_", {"from", "to"}, PlacementStatus),
    ("job_job_lost", {"reason"}, JobLossReason),
    ("job_", {"from", "to"}, ReferralStatus),
    ("goal_progress", {"status"}, GoalStatus),
    ("contact_recorded", {"kind"}, ContactKind),
    ("assessment_recorded", {"kind"}, AssessmentKind),
    ("follow_up_rule", {"kind"}, FollowUpKind),
    ("import_cancelled", {"was"}, BatchStatus),
    ("offline_entry_handed_over", {"kind"}, EntryKind),
)


def form_labels(form: type) -> dict[str, Any]:
    """Field name → the label its form shows (the words the user changed it under)."""
    fields = {name: getattr(form, name) for name in dir(form)}
    return {
        name: field.kwargs.get("label", field.args[0] if field.args else name)
        for name, field in fields.items()
        if isinstance(field, UnboundField)
    }


# The fields of a change ("fields"), by the type of the object changed.
FIELDS_OF: dict[str, Mapping[str, Any]] = {
    "Person": PERSON_FIELDS,
    "Case": CASE_FIELDS,
    "Release": RELEASE_FIELDS,
    "LoanApplication": form_labels(BusinessApplicationForm),
    "Contact": form_labels(ContactForm),
    "Goal": form_labels(GoalForm),
    "Employer": form_labels(EmployerForm),
}


def words(code: str) -> str:
    """A code no table knows, readable: "needs_decision" → "Needs decision"."""
    return code.replace("_", " ").strip().capitalize()


def code_label(codes: Codes, code: Any) -> str | None:
    if not isinstance(code, str):
        return None
    if isinstance(codes, type):
        return codes(code).label if code in codes._value2member_map_ else None
    label = codes.get(code)
    return None if label is None else str(label)


def detail_label(key: str, action: str = "") -> str:
    label = DETAILS_OF_ACTION.get((action, key), DETAILS.get(key))
    return str(label) if label is not None else words(key)


@dataclass
class Line:
    label: str
    text: str


class _Places:
    """Communes and provinces by name, each read once per page."""

    def __init__(self) -> None:
        self.names: dict[tuple[type, int], str] = {}

    def name(self, model: type, code: Any) -> str:
        if not isinstance(code, int) or isinstance(code, bool):
            return plain(code)
        if (model, code) not in self.names:
            unit = db.session.get(model, code)
            self.names[model, code] = unit.name if unit else str(code)
        return self.names[model, code]


class DetailWriter:
    """Writes the details of the events of one page."""

    def __init__(self) -> None:
        self.places = _Places()

    def lines(self, event: AuditEvent) -> list[Line]:
        detail = event.detail or {}
        about_someone = event.object_type in PERSON_OBJECTS or "person_id" in detail
        return [
            Line(detail_label(key, event.action),
                 self.text(event, key, value, about_someone) or "—")
            for key, value in detail.items()
        ]  # fmt: skip

    def text(self, event: AuditEvent, key: str, value: Any, about_someone: bool) -> str:
        codes = self._codes(event.action, key)
        if codes is not None:
            return self._codes_text(codes, value)
        if key in FREE_TEXT and about_someone and value:
            return _("(not shown: it may name a person)")
        special = SPECIAL.get(key)
        if special is not None:
            shown = special(self, event, value)
            if shown is not None:
                return shown
        if isinstance(value, dict):
            return "; ".join(
                f"{detail_label(k)}: {self.text(event, k, v, about_someone)}"
                for k, v in value.items()
            )
        if isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value):
            return " / ".join(self.text(event, key, v, about_someone) for v in value)
        return plain(value)

    @staticmethod
    def _codes(action: str, key: str) -> Codes | None:
        for start, keys, codes in CODES_OF_ACTION:
            if key in keys and action.startswith(start):
                return codes
        return CODES_OF_KEY.get(key)

    @staticmethod
    def _codes_text(codes: Codes, value: Any) -> str:
        if isinstance(value, list | tuple):
            return ", ".join(DetailWriter._codes_text(codes, v) for v in value) or "—"
        label = code_label(codes, value)
        if label is not None:
            return label
        return words(value) if isinstance(value, str) and CODE.match(value) else plain(value)

    # Keys whose values need more than a table; None: written as any other value.

    def _fields(self, event: AuditEvent, value: Any) -> str | None:
        if not isinstance(value, list):
            return None
        labels = FIELDS_OF.get(event.object_type or "", {})
        return ", ".join(
            str(labels[name]) if name in labels else words(str(name)) for name in value
        )

    def _communes(self, event: AuditEvent, value: Any) -> str | None:
        if event.action not in COMMUNE_ACTIONS and not isinstance(value, list):
            return None
        codes = value if isinstance(value, list) else [value]
        return ", ".join(self.places.name(Commune, code) for code in codes) or "—"

    def _commune(self, _event: AuditEvent, value: Any) -> str:
        return self.places.name(Commune, value)

    def _province(self, _event: AuditEvent, value: Any) -> str:
        return self.places.name(Province, value)

    def _eligibility(self, _event: AuditEvent, value: Any) -> str | None:
        if not isinstance(value, dict):
            return None
        return "; ".join(
            f"{self._codes_text(ELIGIBILITY_CHECKS, check)}: "
            f"{self._codes_text(CheckStatus, status)}"
            for check, status in value.items()
        )

    def _scores(self, _event: AuditEvent, value: Any) -> str | None:
        if not isinstance(value, dict):
            return None
        return "; ".join(f"{self._codes_text(Need, need)}: {plain(score)}"
                         for need, score in value.items())  # fmt: skip

    def _records(self, _event: AuditEvent, value: Any) -> str | None:
        if not isinstance(value, dict):
            return None
        return "; ".join(f"{self._codes_text(RECORDS, kind)}: {plain(count)}"
                         for kind, count in value.items())  # fmt: skip

    def _period(self, _event: AuditEvent, value: Any) -> str | None:
        try:
            kind, start, end = value
            return period_label(
                periods.Period(periods.PeriodKind(kind), date.fromisoformat(start),
                               date.fromisoformat(end))
            )  # fmt: skip
        except (TypeError, ValueError):
            return None

    def _part(self, _event: AuditEvent, value: Any) -> str | None:
        """A part of the case file: its tab or page, or "API: …" for the API."""
        if not isinstance(value, str):
            return None
        if value == "api":
            return str(API_PART)
        if value.startswith("api:"):
            return str(API_PART_OF) % {"part": self._codes_text(CASE_FILE_PARTS, value[4:])}
        return self._codes_text(CASE_FILE_PARTS, value)

    def _money(self, _event: AuditEvent, value: Any) -> str | None:
        return format_money(value) if isinstance(value, int | Decimal) else None

    def _rate(self, event: AuditEvent, value: Any) -> str | None:
        number = self._number(event, value)
        return None if number is None else f"{number} %"

    def _number(self, _event: AuditEvent, value: Any) -> str | None:
        """A number the event keeps as text (a Decimal), in the reader's format."""
        try:
            return format_number(Decimal(str(value)))
        except InvalidOperation:
            return None

    def _format(self, _event: AuditEvent, value: Any) -> str | None:
        return value.upper() if isinstance(value, str) else None


SPECIAL: dict[str, Callable[[DetailWriter, AuditEvent, Any], str | None]] = {
    "amount": DetailWriter._money,
    "amount_requested": DetailWriter._money,
    "annual_rate": DetailWriter._rate,
    "cleared": DetailWriter._records,
    "commune": DetailWriter._commune,
    "commune_codes": DetailWriter._communes,
    "eligibility": DetailWriter._eligibility,
    "fields": DetailWriter._fields,
    "format": DetailWriter._format,
    "from": DetailWriter._communes,
    "period": DetailWriter._period,
    "province_code": DetailWriter._province,
    "rows": DetailWriter._records,
    "scores": DetailWriter._scores,
    "section": DetailWriter._part,
    "taken_from_absorbed": DetailWriter._fields,
    "to": DetailWriter._communes,
    "value": DetailWriter._number,
}


def plain(value: Any) -> str:
    """A value no key says more about: yes/no, a number, a day, text cut short, a code
    as words."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float | Decimal):
        return format_number(value)
    if isinstance(value, str):
        try:
            if ISO_DAY.match(value):
                return format_day(value)
            if ISO_INSTANT.match(value):
                return format_instant(datetime.fromisoformat(value))
        except ValueError:
            return value
        if CODE.match(value):
            return words(value)
        return value if len(value) <= MAX_TEXT else value[:MAX_TEXT] + "…"
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{detail_label(k)}: {plain(v)}" for k, v in value.items())
    return str(value)
