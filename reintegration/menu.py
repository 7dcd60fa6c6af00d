"""The menu each role sees. One table, so a newcomer sees at a glance who reaches what; it
names every domain's pages, so it lives here, beside create_app, and core/navigation.py
draws it."""

from flask_babel import lazy_gettext as _l

from reintegration.accounts.models import Role
from reintegration.core.navigation import MenuItem

CASEWORK = (Role.CASEWORKER, Role.PROVINCE_OFFICER)

# group key → its label in the menu
GROUPS = {
    "people": _l("Cases"),
    "support": _l("Reintegration support"),
    "admin": _l("Administration"),
}


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
    MenuItem("people.expungement_periods", _l("Expungement periods"), (Role.ADMIN,), "admin"),
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
