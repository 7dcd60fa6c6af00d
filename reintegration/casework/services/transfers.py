"""Transfers between communes: requested by the sending commune with a reason, accepted or
refused by the receiving one. On acceptance the case changes commune and caseworker and
keeps its id, so its whole history travels with it."""

from datetime import datetime, timedelta
from operator import attrgetter

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from reintegration.accounts.models import Role, User
from reintegration.casework.models import Transfer, TransferStatus
from reintegration.casework.models.transfer import touches_scope
from reintegration.casework.services.contacts import MAX_TEXT, check_can_write, check_open
from reintegration.casework.services.schedule import reschedule
from reintegration.core import audit
from reintegration.core.clock import now_utc
from reintegration.core.exceptions import DomainError
from reintegration.core.i18n import N_
from reintegration.core.links import path_for
from reintegration.core.text import in_name_order
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.notifications import recipients
from reintegration.notifications.models import Subject
from reintegration.notifications.services import notify
from reintegration.people.models import Case, CaseStatus
from reintegration.people.services.revisions import changes_between, record_revision, snapshot

REQUESTED = N_(
    "%(name)s (case no. %(case)s) is moving from %(from)s to %(to)s: accept or refuse the transfer."
)
ACCEPTED = N_("%(name)s (case no. %(case)s): %(to)s accepted the transfer.")
REFUSED = N_("%(name)s (case no. %(case)s): %(to)s refused the transfer: %(note)s")
RECENT = timedelta(days=30)


def pending_transfer(case: Case) -> Transfer | None:
    return db.session.scalar(
        select(Transfer).where(
            Transfer.case_id == case.id, Transfer.status == TransferStatus.PENDING
        )
    )


def open_case_elsewhere(case: Case, commune_code: int) -> Case | None:
    """Another open case of the same person in ``commune_code`` (one open case per person
    per commune: such a case blocks the transfer)."""
    return db.session.scalar(
        select(Case).where(
            Case.person_id == case.person_id,
            Case.commune_code == commune_code,
            Case.status != CaseStatus.CLOSED,
            Case.id != case.id,
        )
    )


def _check_destination_free(case: Case, commune: Commune, field: str | None) -> None:
    if open_case_elsewhere(case, commune.code) is not None:
        raise DomainError(
            _(
                "%(name)s already has an open case in %(commune)s. A person has one open "
                "case per commune: close one of the two cases before transferring.",
                name=case.person.full_name,
                commune=commune.name,
            ),
            field=field,
            code="duplicate",
        )


def _clean_text(value: str | None, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    if len(value) > MAX_TEXT:
        raise DomainError(_("This text is too long."), field=field)
    return value


def caseworkers_of(commune_code: int) -> list[User]:
    """The active caseworkers of a commune, by name (to choose who takes a case over)."""
    return in_name_order(sorted(recipients.commune_caseworkers(commune_code), key=attrgetter("id")))


def _notify(users: list[User], kind: str, message: str, params: dict, transfer: Transfer) -> None:
    notify(
        users,
        kind,
        message,
        subject=Subject.of(transfer),
        params=params,
        link=path_for("casework.transfers"),
    )


def _params(transfer: Transfer, **more) -> dict:
    return {
        "name": transfer.case.person.full_name,
        "case": transfer.case_id,
        "from": transfer.from_commune.name,
        "to": transfer.to_commune.name,
        **more,
    }


def request_transfer(case: Case, to_commune_code: int | None, reason: str, actor: User) -> Transfer:
    """The sending commune asks the receiving one to take the case over."""
    check_can_write(case, actor)
    check_open(case)
    commune = db.session.get(Commune, to_commune_code) if to_commune_code else None
    if commune is None:
        raise DomainError(_("Choose the commune the person moves to."), field="to_commune_code")
    if commune.code == case.commune_code:
        raise DomainError(_("The case is already in this commune."), field="to_commune_code")
    if pending_transfer(case) is not None:
        raise DomainError(_("A transfer of this case is already waiting."), code="wrong_state")
    _check_destination_free(case, commune, "to_commune_code")
    reason = _clean_text(reason, "reason", _("Say why the case moves."))
    transfer = Transfer(
        case=case,
        from_commune_code=case.commune_code,
        to_commune=commune,
        reason=reason,
        requested_by_id=actor.id,
    )
    db.session.add(transfer)
    db.session.flush()
    audit.record(
        "transfer_requested",
        transfer,
        user=actor,
        detail={
            "case_id": case.id,
            "person_id": case.person_id,
            "from": transfer.from_commune_code,
            "to": transfer.to_commune_code,
        },
    )
    receivers = recipients.commune_receivers(commune.code, commune.province_code)
    _notify(receivers, "transfer_requested", REQUESTED, _params(transfer), transfer)
    return transfer


def _check_pending(transfer: Transfer) -> None:
    if not transfer.is_pending:
        raise DomainError(
            _("This transfer is %(status)s already.", status=transfer.status.label.lower()),
            code="wrong_state",
        )


def _decide(transfer: Transfer, status: TransferStatus, actor: User, note: str | None) -> None:
    transfer.status = status
    transfer.decided_by_id = actor.id
    transfer.decided_at = now_utc()
    transfer.decision_note = note


def accept_transfer(transfer: Transfer, actor: User, *, caseworker_id: int | None = None) -> Case:
    """The receiving commune takes the case over: it changes commune and caseworker (the
    accepting caseworker, or the one the province officer names), keeping its id."""
    _check_pending(transfer)
    if not transfer.can_decide(actor):
        raise DomainError(
            _("Only the receiving commune can accept or refuse this transfer."), code="forbidden"
        )
    case = transfer.case
    if not case.is_open:
        raise DomainError(
            _("The case was closed meanwhile: the transfer cannot be accepted."),
            code="wrong_state",
        )
    _check_destination_free(case, transfer.to_commune, None)
    if caseworker_id is None and actor.role == Role.CASEWORKER:
        caseworker_id = actor.id
    caseworker = db.session.get(User, caseworker_id) if caseworker_id is not None else None
    if caseworker_id is not None and (
        caseworker is None
        or caseworker.role != Role.CASEWORKER
        or not caseworker.can_see_commune(transfer.to_commune_code)
    ):
        raise DomainError(
            _("The caseworker must be a caseworker of this commune."), field="caseworker_id"
        )
    before = snapshot(case)
    from_code = case.commune_code
    case.commune = transfer.to_commune
    case.caseworker = caseworker
    changes = changes_between(before, snapshot(case))
    case.updated_at = now_utc()
    db.session.flush()
    record_revision(case, actor)
    # The receiving province may follow people up on rules of its own.
    reschedule(case, actor=actor)
    audit.record(
        "case_transferred",
        case,
        user=actor,
        detail={
            "transfer_id": transfer.id,
            "from": from_code,
            "to": transfer.to_commune_code,
            "fields": [c.field for c in changes],
        },
    )
    _decide(transfer, TransferStatus.ACCEPTED, actor, None)
    db.session.flush()
    audit.record("transfer_accepted", transfer, user=actor, detail={"case_id": case.id})
    _notify([transfer.requested_by], "transfer_accepted", ACCEPTED, _params(transfer), transfer)
    return case


def refuse_transfer(transfer: Transfer, note: str, actor: User) -> None:
    """The receiving commune says no, and why; the case stays where it is."""
    _check_pending(transfer)
    if not transfer.can_decide(actor):
        raise DomainError(
            _("Only the receiving commune can accept or refuse this transfer."), code="forbidden"
        )
    note = _clean_text(note, "note", _("Say why the transfer is refused."))
    _decide(transfer, TransferStatus.REFUSED, actor, note)
    db.session.flush()
    audit.record("transfer_refused", transfer, user=actor, detail={"case_id": transfer.case_id})
    _notify([transfer.requested_by], "transfer_refused", REFUSED, _params(transfer, note=note),
            transfer)  # fmt: skip


def cancel_transfer(transfer: Transfer, actor: User) -> None:
    """The sending commune withdraws its request (the person did not move after all)."""
    _check_pending(transfer)
    if not transfer.can_cancel(actor):
        raise DomainError(_("Only the sending commune can cancel this transfer."), code="forbidden")
    _cancel(transfer, actor)


def cancel_for_closed_case(case: Case, actor: User) -> None:
    """A closed case goes nowhere: a transfer still waiting ends with it (accepting it would
    be refused anyway), and leaves the receiving commune's list."""
    waiting = db.session.scalars(
        select(Transfer).where(
            Transfer.case_id == case.id, Transfer.status == TransferStatus.PENDING
        )
    )
    for transfer in waiting:
        _cancel(transfer, actor, because="case_closed")


def _cancel(transfer: Transfer, actor: User, *, because: str | None = None) -> None:
    _decide(transfer, TransferStatus.CANCELLED, actor, None)
    db.session.flush()
    detail = {"case_id": transfer.case_id} | ({"because": because} if because else {})
    audit.record("transfer_cancelled", transfer, user=actor, detail=detail)


# Reading ---------------------------------------------------------------------------------


def transfers_query(user: User, *, pending: bool, now: datetime | None = None) -> Select:
    """Transfers from or to ``user``'s communes: the waiting ones, or those decided in the
    last 30 days."""
    stmt = (
        select(Transfer)
        .where(touches_scope(user))
        .options(
            joinedload(Transfer.case).joinedload(Case.person),
            joinedload(Transfer.from_commune),
            joinedload(Transfer.to_commune),
            joinedload(Transfer.requested_by),
            joinedload(Transfer.decided_by),
        )
    )
    if pending:
        return stmt.where(Transfer.status == TransferStatus.PENDING).order_by(
            Transfer.requested_at, Transfer.id
        )
    since = (now or now_utc()) - RECENT
    return stmt.where(
        Transfer.status != TransferStatus.PENDING, Transfer.decided_at >= since
    ).order_by(Transfer.decided_at.desc(), Transfer.id.desc())


def find_transfer(transfer_id: int, user: User) -> Transfer | None:
    """A transfer from or to ``user``'s communes; None otherwise (the view answers 404)."""
    return db.session.scalar(
        select(Transfer).where(Transfer.id == transfer_id, touches_scope(user))
    )


def transfers_of(case: Case) -> list[Transfer]:
    """The case's transfers, newest first (its history as it travelled)."""
    return list(
        db.session.scalars(
            select(Transfer)
            .where(Transfer.case_id == case.id)
            .order_by(Transfer.requested_at.desc(), Transfer.id.desc())
        )
    )
