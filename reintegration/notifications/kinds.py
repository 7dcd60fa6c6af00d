"""Every kind of notice, in one table: its code, what it is called on the account page
(where each reader chooses e-mail or in-app only), and the roles that receive it.

A domain that sends a new kind adds its row here; ``services.notify`` refuses a kind that
is not in the table, so no notice escapes the readers' choices.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from reintegration.accounts.models import Role

CASEWORK = (Role.CASEWORKER, Role.PROVINCE_OFFICER)


@dataclass(frozen=True)
class Kind:
    code: str
    label: object  # a lazy string
    roles: tuple[Role, ...]
    # False for a security notice, which comes by e-mail too whatever the reader chose: a
    # password changed by someone else must reach the owner outside the application.
    optional_email: bool = True


REVIEWER = (Role.UNION_REVIEWER,)
OFFICER = (Role.PROVINCE_OFFICER,)

KINDS: tuple[Kind, ...] = (
    Kind("follow_up_due", _l("A follow-up is due the next working day"), CASEWORK),
    Kind("follow_up_overdue", _l("A follow-up is overdue"), CASEWORK),
    Kind("expungement_soon", _l("A criminal record is expected to be expunged in 30 days"),
         CASEWORK),
    Kind("expungement_due", _l("A criminal record is expected to be expunged: confirm to close"),
         CASEWORK),
    Kind("expungement_court", _l("A person may ask a court to expunge the record"), CASEWORK),
    Kind("case_silent", _l("Nothing recorded on a case for a long time"), OFFICER),
    Kind("transfer_requested", _l("A case is transferred to your commune"), CASEWORK),
    Kind("transfer_accepted", _l("Your transfer request is accepted"), CASEWORK),
    Kind("transfer_refused", _l("Your transfer request is refused"), CASEWORK),
    Kind("loan_submitted", _l("A loan application is submitted for your review"), REVIEWER),
    Kind("loan_review_due", _l("A loan application's review deadline is reached"), REVIEWER),
    Kind("loan_review_escalated", _l("A loan application waited past its review deadline"),
         CASEWORK),
    Kind("loan_returned", _l("A loan application is returned for changes"), CASEWORK),
    Kind("loan_rejected", _l("A loan application is rejected by the organisation"), CASEWORK),
    Kind("loan_endorsed", _l("A loan application is endorsed: the commune certifies it"),
         CASEWORK),
    Kind("loan_certified", _l("A loan application is certified by the commune"), CASEWORK),
    Kind("loan_approved", _l("A loan is approved by the bank"), CASEWORK),
    Kind("loan_declined", _l("A loan is declined by the bank"), CASEWORK),
    Kind("loan_disbursed", _l("A loan is disbursed"), CASEWORK),
    Kind("loan_bank_decision_due", _l("The bank's decision on a loan application is due"),
         CASEWORK),
    Kind("loan_bank_decision_late", _l("The bank's decision on a loan application is late"),
         CASEWORK),
    Kind("loan_instalment_late", _l("A loan instalment is late"), (*CASEWORK, *REVIEWER)),
    Kind("placement_changed", _l("Someone else records a step of a training placement"),
         CASEWORK),
    Kind("referral_changed", _l("Someone else records a step of a job referral"), CASEWORK),
    Kind("retention_check_due", _l("A hire's retention check is due"), CASEWORK),
    Kind("import_cases_assigned", _l("People of an imported release list are given to you"),
         (Role.CASEWORKER,)),
    Kind("import_handed_over", _l("Rows of a national release list wait for your province"),
         OFFICER),
    Kind("offline_entry_handed_over",
         _l("An entry made offline is handed to you (the case is no longer its author's)"),
         OFFICER),
    Kind("report_to_approve", _l("A period's report waits for your approval"), OFFICER),
    Kind("report_built", _l("A report you subscribe to is ready"),
         (Role.PROVINCE_OFFICER, Role.COMMITTEE_VIEWER)),
    Kind("data_breach_due", _l("A data breach must be notified to the authority soon"),
         (Role.ADMIN,)),
    Kind("data_breach_overdue", _l("A data breach was not notified to the authority in time"),
         (Role.ADMIN,)),
    Kind("password_reset", _l("An administrator set a new password for your account"),
         tuple(Role), optional_email=False),
)  # fmt: skip

KINDS_BY_CODE = {kind.code: kind for kind in KINDS}


def kinds_for(role: Role) -> list[Kind]:
    """The kinds a user of ``role`` may choose to receive in-app only (the account page's
    choices)."""
    return [kind for kind in KINDS if role in kind.roles and kind.optional_email]
