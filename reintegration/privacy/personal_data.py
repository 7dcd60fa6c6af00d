"""Privacy's own record about a person (see core/personal_data.py): when their file was
anonymised, and what was cleared."""

from flask_babel import lazy_gettext as _l

from reintegration.core.personal_data import Field, PersonalData, declare
from reintegration.privacy.models import Anonymisation

declare(
    PersonalData(
        "anonymisation",
        _l("Anonymisation"),
        Anonymisation,
        (
            Field("anonymised_at", _l("When")),
            Field("last_closed_on", _l("Last case closed on")),
            Field("retention_months", _l("Retention period (months)")),
        ),
        order=260,
        link="person_id",
        parent="Person",
        kept={"cleared": "how many rows of each table were cleared: counts"},
    ),
)
