"""Reading a case file: every read is audited; offence details need a stated reason."""

from flask_babel import gettext as _
from sqlalchemy import or_, select

from reintegration.accounts.models import User
from reintegration.casework.models.transfer import incoming_case_ids
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.scope import commune_scope_clause
from reintegration.extensions import db
from reintegration.people.models import Case, Person

MIN_REASON_LENGTH = 10


def find_case(case_id: int, user: User, *, incoming: bool = False) -> Case | None:
    """The case if it lies in ``user``'s scope; None otherwise (the view answers 404, so a
    file outside one's communes cannot even be told to exist).

    With ``incoming``, also a case waiting to be transferred into the user's communes: the
    receiving commune reads it before accepting; changing it still takes its own commune."""
    scope = commune_scope_clause(user, Case.commune_code)
    if incoming:
        scope = or_(scope, Case.id.in_(incoming_case_ids(user)))
    return db.session.scalar(select(Case).where(Case.id == case_id, scope))


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
