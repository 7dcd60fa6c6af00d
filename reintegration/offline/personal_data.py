"""The offline entries' personal data (see core/personal_data.py): what a caseworker typed
on a phone about a person's case, kept as it arrived. On anonymisation what was typed goes;
the kind, status and times stay."""

from flask_babel import lazy_gettext as _l

from reintegration.core.personal_data import Field, PersonalData, declare
from reintegration.offline.models import OfflineEntry

declare(
    PersonalData(
        "offline_entries",
        _l("Entries recorded on a phone"),
        OfflineEntry,
        (
            Field("case_id", _l("Case number")),
            Field("kind", _l("Kind")),
            Field("status", _l("Status")),
            Field("visited_at", _l("When")),
            Field("received_at", _l("Received on")),
            Field("payload", _l("What was typed")),
            Field("user.full_name", _l("Recorded by")),
        ),
        order=125,
        link="case_id",
        parent="Case",
        order_by=("received_at", "id"),
        erase={"payload": {}},
        kept={
            "key": "a random key that keeps an entry from being recorded twice",
            "based_on": "the version numbers the phone had",
        },
    ),
)
