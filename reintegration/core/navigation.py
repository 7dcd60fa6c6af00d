"""The menu each role sees. One table, so a newcomer sees at a glance who reaches what.

Items of a group are drawn as one drop-down; a group holding a single item for the user is
drawn as a plain link, so a role with few pages gets a flat menu."""

from dataclasses import dataclass

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reintegration.accounts.models import Role

CASEWORK = (Role.CASEWORKER, Role.PROVINCE_OFFICER)

# group key → its label in the menu
GROUPS = {
    "people": _l("Cases"),
    "support": _l("Reintegration support"),
    "admin": _l("Administration"),
}


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: object
    roles: tuple[Role, ...]
    group: str | None = None


MENU = (
    MenuItem("core.home", _l("Home"), tuple(Role)),
    MenuItem("people.people", _l("People"), CASEWORK, "people"),
    MenuItem("people.register", _l("Register a person"), CASEWORK, "people"),
    MenuItem("casework.transfers", _l("Transfers"), CASEWORK, "people"),
    MenuItem("imports.index", _l("Imported lists"), CASEWORK, "people"),
    MenuItem("offline.visits", _l("Visits on this phone"), (Role.CASEWORKER,), "people"),
    MenuItem(
        "offline.handed_over",
        _l("Entries handed to you"),
        (Role.PROVINCE_OFFICER,),
        "people",
    ),
    MenuItem("loans.applications", _l("Loan applications"), CASEWORK, "support"),
    MenuItem("training.courses", _l("Vocational training"), CASEWORK, "support"),
    MenuItem("employment.openings_list", _l("Job openings"), CASEWORK, "support"),
    MenuItem("employment.employers_list", _l("Employers"), CASEWORK, "support"),
    MenuItem("loans.review_queue", _l("Review queue"), (Role.UNION_REVIEWER,)),
    MenuItem("reports.dashboard", _l("Reports"), (Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER)),
    MenuItem("accounts_admin.users", _l("Users"), (Role.ADMIN,), "admin"),
    MenuItem(
        "geo.provinces", _l("Administrative units"), (Role.ADMIN, Role.PROVINCE_OFFICER), "admin"
    ),
    MenuItem("calendar.holidays", _l("Public holidays"), (Role.ADMIN,), "admin"),
    MenuItem("people.amnesty_decisions", _l("Amnesty decisions"), (Role.ADMIN,), "admin"),
    MenuItem("loans.rules", _l("Loan rules"), (Role.ADMIN,), "admin"),
    MenuItem("follow_up_rules.rules", _l("Follow-up rules"), (Role.ADMIN,), "admin"),
    MenuItem(
        "training.support_rates",
        _l("Training support levels"),
        (Role.ADMIN, Role.PROVINCE_OFFICER),
        "admin",
    ),
    MenuItem("audit.log", _l("Audit log"), (Role.ADMIN,), "admin"),
    MenuItem("privacy.breaches_list", _l("Data breaches"), (Role.ADMIN,), "admin"),
)


def menu_for(user) -> list[dict]:
    """The user's menu as entries: a link ({url, label, endpoint}) or a group ({label, key,
    links: [links]}), in the order of MENU, each group where its first item stands."""
    if user is None or not user.is_authenticated:
        return []
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    for item in MENU:
        if user.role not in item.roles:
            continue
        link = {"url": url_for(item.endpoint), "label": item.label, "endpoint": item.endpoint}
        if item.group is None:
            entries.append(link)
        elif item.group in groups:
            groups[item.group]["links"].append(link)
        else:
            groups[item.group] = {"key": item.group, "label": GROUPS[item.group], "links": [link]}
            entries.append(groups[item.group])
    return [entry["links"][0] if len(entry.get("links", ())) == 1 else entry for entry in entries]


def register(app: Flask) -> None:
    @app.context_processor
    def inject_menu():
        return {"menu": menu_for(current_user)}
