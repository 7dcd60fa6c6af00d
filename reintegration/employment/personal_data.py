"""Employment's personal data (see core/personal_data.py): job referrals with their
retention checks, and the person's work profile with the trades and communes they would
work in. Dates and statuses stay on anonymisation; the reasons and notes go."""

from flask_babel import lazy_gettext as _l

from reintegration.core.personal_data import Field, PersonalData, declare
from reintegration.employment.models import Referral, WorkProfile

declare(
    PersonalData(
        "job_referrals",
        _l("Job referrals"),
        Referral,
        (
            Field("case_id", _l("Case number")),
            Field("opening.title", _l("Job opening")),
            Field("opening.employer.name", _l("Employer")),
            Field("status", _l("Status")),
            Field("referred_on", _l("Referred on")),
            Field("interviewed_on", _l("Interviewed on")),
            Field("hired_on", _l("Hired on")),
            Field("not_hired_on", _l("Not hired on")),
            Field("not_hired_reason", _l("Reason")),
            Field("ended_on", _l("Job ended on")),
            Field("end_reason", _l("Why the job ended")),
            Field("end_note", _l("Note")),
        ),
        order=200,
        link="case_id",
        parent="Case",
        order_by=("referred_on", "id"),
        erase={"not_hired_reason": None, "end_note": None},
        erase_key="referrals",
        # The months after a hire at which a follow-up asks "still employed?": the
        # follow-ups themselves are casework's section.
        covers=("retention_checks",),
    ),
    PersonalData(
        "work_profile",
        _l("Work profile"),
        WorkProfile,
        (
            Field("availability", _l("Availability")),
            Field("available_from", _l("Available from")),
            Field("willing_to_relocate", _l("Willing to work in another province")),
            Field("notes", _l("Note")),
        ),
        order=210,
        link="person_id",
        parent="Person",
        order_by=("person_id",),
        erase={"notes": None},
        erase_key="work_profiles",
        # The trades and communes the person would work in: codes, in the JSON's rows of
        # the profile's own tables.
        covers=("work_profile_trades", "work_profile_communes"),
    ),
)
