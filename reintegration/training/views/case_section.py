"""The training part of a person's case file: their placements, the step each may take
next, and the way to the courses that fit them. The case file (people domain) includes
``training/_case_section.html``, registered as the section "training" of the "Training and
jobs" tab (people/case_sections.py)."""

from flask_login import current_user

from reintegration.accounts.models import User
from reintegration.people.case_sections import CaseSection, on_blueprint
from reintegration.people.models import Case
from reintegration.training.services import catalogue, placements
from reintegration.training.services.trades import trade_names
from reintegration.training.views import bp


def case_section_context(case: Case, user: User) -> dict:
    """What ``training/_case_section.html`` shows for ``case`` to ``user`` (who has already
    been allowed to read the case: the caller loads it in scope and audits the read)."""
    rows = placements.placements_of(case)
    return {
        "placements": rows,
        "actions": {p.id: placements.available_actions(p, user) for p in rows},
        "action_labels": {a: placements.action_label(a) for a in placements.ACTIONS},
        "support": {p.id: catalogue.support_for(p.course) for p in rows},
        "trades": trade_names({p.trade_code for p in rows}),
        "can_refer": case.is_open and case.can_edit(user),
    }


on_blueprint(
    bp,
    CaseSection(
        "training",
        "training_jobs",
        "training/_case_section.html",
        lambda case: case_section_context(case, current_user),
    ),
)
