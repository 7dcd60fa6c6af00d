"""The case file: one page with tabs, each view audited; offence details behind a reason."""

import time

from flask import abort, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.core.documents import file_response
from reintegration.core.pages import render_audited
from reintegration.extensions import db
from reintegration.people.forms import (
    ClassificationForm,
    ResidenceCheckForm,
    RevealForm,
    StatusForm,
)
from reintegration.people.models import Case, Person
from reintegration.people.services import expungement, papers
from reintegration.people.services.case_file import (
    find_case,
    incoming_preview,
    record_case_view,
    record_person_view,
    reveal_offence,
)
from reintegration.people.services.merging import merged_records, person_visible
from reintegration.people.services.revisions import PERSON_FIELDS, history, release_history
from reintegration.people.views import bp
from reintegration.people.views.common import case_or_404

TABS = (
    "overview",
    "release",
    "classification",
    "contacts",
    "follow_ups",
    "plan",
    "training_jobs",
    "history",
)
REVEAL_SECONDS = 15 * 60
REVEALED_KEY = "revealed_offences"


def offence_revealed(case: Case) -> bool:
    """Revealed for this session for a quarter of an hour after the reason was given."""
    until = session.get(REVEALED_KEY, {}).get(str(case.id), 0)
    return Case.can_reveal_offence(current_user) and until > time.time()


def render_case_file(case: Case, tab: str, **forms):
    record_case_view(case, current_user, tab)
    forms.setdefault("reveal_form", RevealForm(formdata=None))
    forms.setdefault("classification_form", ClassificationForm(formdata=None, version=case.version))
    forms.setdefault("status_form", StatusForm(formdata=None, version=case.version))
    forms.setdefault("residence_form", ResidenceCheckForm(formdata=None, version=case.version))
    revealed = offence_revealed(case)
    return render_audited(
        "people/case_file.html",
        case=case,
        person=case.person,
        release=case.release,
        tab=tab,
        tabs=TABS,
        revealed=revealed,
        can_reveal=Case.can_reveal_offence(current_user),
        histories=histories(case, revealed) if tab == "history" else [],
        merged=merged_records(case.person),
        expected=expungement.for_case(case),
        today=today_local(),
        **forms,
    )


def histories(case: Case, revealed: bool) -> list[tuple[str, list]]:
    """The saved versions of the case, the person and the release (its offence details
    only for a user they are shown to)."""
    found = [(_("The case"), history(case)), (_("The person"), history(case.person))]
    rows = release_history(case.release, revealed) if case.release else []
    return [*found, (_("The release"), rows)] if rows else found


@bp.get("/cases/<int:case_id>")
@casework_roles
def case_file(case_id: int):
    case = find_case(case_id, current_user)
    if case is None:
        return transfer_preview(case_id)
    tab = request.args.get("tab", "overview")
    if tab not in TABS:
        abort(404)
    return render_case_file(case, tab)


def transfer_preview(case_id: int):
    """A case offered to the user's commune by a transfer: what the decision needs, with
    the accept and refuse forms; anything else is 404 as before."""
    preview = incoming_preview(case_id, current_user) or abort(404)
    return render_audited("casework/transfer_preview.html", preview=preview)


@bp.post("/cases/<int:case_id>/reveal")
@casework_roles
def reveal(case_id: int):
    case = case_or_404(case_id)
    form = RevealForm()
    if (
        form.validate_on_submit()
        and run_service(lambda: reveal_offence(case, form.reason.data, current_user), form)[0]
    ):
        revealed = dict(session.get(REVEALED_KEY, {}))
        revealed[str(case.id)] = time.time() + REVEAL_SECONDS
        session[REVEALED_KEY] = revealed
        return redirect(url_for(".case_file", case_id=case.id, tab="release"))
    return render_case_file(case, "release", reveal_form=form)


@bp.get("/people/<int:person_id>/record")
@casework_roles
def merged_person(person_id: int):
    """A record merged into another: read-only, with its own history."""
    person = db.session.get(Person, person_id)
    if person is None or person.merged_into_id is None or not person_visible(person, current_user):
        abort(404)
    record_person_view(person, current_user)
    flash(_("This record was merged into another file; it is kept read-only."), "info")
    return render_audited(
        "people/merged_record.html",
        person=person,
        fields=list(PERSON_FIELDS.items()),
        histories=[(_("The person"), history(person))],
    )


@bp.get("/cases/<int:case_id>/papers/<any(hcd02, hcd05):paper>.pdf")
@casework_roles
def paper_pdf(case_id: int, paper: str):
    """HCD-02 (information sheet) or HCD-05 (commitment), filled from the file."""
    case = case_or_404(case_id)
    content = papers.paper_pdf(case, paper, current_user)
    db.session.commit()
    return file_response(content, "application/pdf", f"{paper}-{case.id}.pdf", inline=True)
