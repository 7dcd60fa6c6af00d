"""Reading a case file: every read is audited; offence details need a stated reason."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from reintegration.accounts.models import User
from reintegration.accounts.scope import commune_scope_clause
from reintegration.casework.models.transfer import incoming_case_ids
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db
from reintegration.people.models import Case, Person

MIN_REASON_LENGTH = 10


def find_case(case_id: int, user: User) -> Case | None:
    """The case if it lies in ``user``'s scope; None otherwise (the view answers 404, so a
    file outside one's communes cannot even be told to exist). A case waiting to be
    transferred into the user's communes is not theirs yet: they see only its transfer
    preview (``incoming_preview``) until they accept it."""
    scope = commune_scope_clause(user, Case.commune_code)
    return db.session.scalar(select(Case).where(Case.id == case_id, scope))


@dataclass(frozen=True)
class TransferPreview:
    """What the receiving commune needs to decide on a transfer, and nothing more: who
    (name, birth year), from where, and why the person moves. Not the offence, the
    release, the contacts or the plan: those come with the case once it is accepted."""

    case_id: int
    full_name: str
    birth_year: int
    transfer: "Transfer"  # noqa: F821 (casework's model; imported lazily below)


def incoming_preview(case_id: int, user: User) -> TransferPreview | None:
    """The preview of a case waiting to move into ``user``'s communes, or None. Audited as
    a read of the case ("transfer_preview")."""
    from reintegration.casework.models.transfer import Transfer, TransferStatus

    transfer = db.session.scalar(
        select(Transfer).where(
            Transfer.case_id == case_id,
            Transfer.status == TransferStatus.PENDING,
            Transfer.case_id.in_(incoming_case_ids(user)),
        )
    )
    if transfer is None:
        return None
    person = transfer.case.person
    audit.record(
        "case_viewed",
        object_type="Case",
        object_id=case_id,
        user=user,
        detail={"person_id": person.id, "section": "transfer_preview"},
    )
    return TransferPreview(case_id, person.full_name, person.birth_year, transfer)


def cases_in_scope(person: Person, user: User) -> list[Case]:
    """The person's cases ``user`` may open, by number."""
    return list(
        db.session.scalars(
            select(Case)
            .where(Case.person_id == person.id, commune_scope_clause(user, Case.commune_code))
            .order_by(Case.id)
        )
    )


def record_case_view(case: Case, user: User, section: str) -> None:
    audit.record(
        "case_viewed", case, user=user, detail={"person_id": case.person_id, "section": section}
    )


def record_person_view(person: Person, user: User) -> None:
    audit.record("person_viewed", person, user=user)


def reveal_offence(case: Case, reason: str, user: User) -> None:
    """ "Break the glass": the user states why they need the offence details."""
    if not Case.can_reveal_offence(user):
        raise DomainError(_("Your role cannot see offence details."), code="forbidden")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise DomainError(
            _(
                "Say why you need to see the offence (at least %(n)d characters).",
                n=MIN_REASON_LENGTH,
            ),
            field="reason",
        )
    audit.record(
        "offence_revealed", case, user=user, detail={"person_id": case.person_id, "reason": reason}
    )
