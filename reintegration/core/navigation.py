"""The menu each role sees. One table, so a newcomer sees at a glance who reaches what."""

from dataclasses import dataclass

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reintegration.accounts.models import Role


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: object
    roles: tuple[Role, ...]


MENU = (
    MenuItem("core.home", _l("Home"), tuple(Role)),
    MenuItem("people.people", _l("People"), (Role.CASEWORKER, Role.PROVINCE_OFFICER)),
    MenuItem("people.register", _l("Register a person"), (Role.CASEWORKER, Role.PROVINCE_OFFICER)),
    MenuItem("geo.provinces", _l("Administrative units"), (Role.ADMIN, Role.PROVINCE_OFFICER)),
    MenuItem("accounts_admin.users", _l("Users"), (Role.ADMIN,)),
    MenuItem(
        "loans.applications", _l("Loan applications"), (Role.CASEWORKER, Role.PROVINCE_OFFICER)
    ),
    MenuItem(
        "training.courses", _l("Vocational training"), (Role.CASEWORKER, Role.PROVINCE_OFFICER)
    ),
    MenuItem(
        "employment.openings_list", _l("Job openings"), (Role.CASEWORKER, Role.PROVINCE_OFFICER)
    ),
    MenuItem(
        "employment.employers_list", _l("Employers"), (Role.CASEWORKER, Role.PROVINCE_OFFICER)
    ),
    MenuItem("casework.transfers", _l("Transfers"), (Role.CASEWORKER, Role.PROVINCE_OFFICER)),
    MenuItem("loans.review_queue", _l("Review queue"), (Role.UNION_REVIEWER,)),
    MenuItem("reports.dashboard", _l("Reports"), (Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER)),
    MenuItem("calendar.holidays", _l("Public holidays"), (Role.ADMIN,)),
    MenuItem("loans.rules", _l("Loan rules"), (Role.ADMIN,)),
    MenuItem(
        "training.support_rates", _l("Training support levels"), (Role.ADMIN, Role.PROVINCE_OFFICER)
    ),
    MenuItem("follow_up_rules.rules", _l("Follow-up rules"), (Role.ADMIN,)),
    MenuItem("people.amnesty_decisions", _l("Amnesty decisions"), (Role.ADMIN,)),
    MenuItem("core.audit_log", _l("Audit log"), (Role.ADMIN,)),
)


def menu_for(user) -> list[dict]:
    if user is None or not user.is_authenticated:
        return []
    return [
        {"url": url_for(item.endpoint), "label": item.label, "endpoint": item.endpoint}
        for item in MENU
        if user.role in item.roles
    ]


def register(app: Flask) -> None:
    @app.context_processor
    def inject_menu():
        return {"menu": menu_for(current_user)}
