"""The case file's casework sections (people/case_sections.py): the contact log, the case
plan, and the banner of a pending transfer; the case file draws them without knowing what
they read."""

from flask_login import current_user

from reintegration.accounts.models import Role
from reintegration.casework.forms import AcceptTransferForm, RefuseTransferForm
from reintegration.casework.models.assessment import score_labels
from reintegration.casework.services import contacts, plans, transfers
from reintegration.casework.views import bp
from reintegration.core.clock import now_utc, today_local
from reintegration.core.forms import options
from reintegration.core.pagination import paginate
from reintegration.people.case_sections import CaseSection, on_blueprint
from reintegration.people.models import Case, Need


def contacts_tab(case: Case) -> dict:
    return {
        "page": paginate(contacts.contacts_query(case)),
        "can_write": case.can_edit(current_user),
        "now": now_utc(),
    }


def plan_tab(case: Case) -> dict:
    return {
        "goals": plans.goals_of(case),
        "assessments": plans.assessments_of(case),
        "needs": list(Need),
        "score_labels": score_labels(),
        "today": today_local(),
        "can_write": case.can_edit(current_user),
    }


def transfer_banner(case: Case) -> dict:
    transfer = transfers.pending_transfer(case)
    accept_form = refuse_form = None
    if transfer is not None and transfer.can_decide(current_user):
        accept_form = AcceptTransferForm(formdata=None, prefix="accept")
        accept_form.caseworker_id.choices = options(
            [(None, "—")]
            + [(u.id, u.full_name) for u in transfers.caseworkers_of(transfer.to_commune_code)]
        )
        if current_user.role == Role.CASEWORKER:
            accept_form.caseworker_id.data = current_user.id
        refuse_form = RefuseTransferForm(formdata=None, prefix="refuse")
    return {
        "transfer": transfer,
        "can_write": case.can_edit(current_user),
        "can_cancel": transfer is not None and transfer.can_cancel(current_user),
        "accept_form": accept_form,
        "refuse_form": refuse_form,
    }


on_blueprint(
    bp,
    CaseSection("contacts", "contacts", "casework/_contacts_tab.html", contacts_tab),
    CaseSection("plan", "plan", "casework/_plan_tab.html", plan_tab),
    CaseSection("transfer_banner", None, "casework/_transfer_banner.html", transfer_banner),
)
