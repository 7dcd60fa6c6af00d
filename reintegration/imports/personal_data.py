"""Release lists' personal data (see core/personal_data.py): the lines of imported lists
that registered the person, as the list wrote them. On anonymisation the line's values and
what was registered from them go, with the notes on cells left empty (they may quote a
cell); its number and status stay."""

from flask_babel import lazy_gettext as _l

from reintegration.core.personal_data import Field, PersonalData, declare
from reintegration.imports.models import ImportRow

declare(
    PersonalData(
        "release_list_rows",
        _l("Lines of imported release lists"),
        ImportRow,
        (
            Field("batch_id", _l("List number")),
            Field("row_number", _l("Line")),
            Field("values", _l("As the list wrote it")),
        ),
        order=220,
        link="person_id",
        parent="Person",
        order_by=("batch_id", "row_number"),
        erase={"values": {}, "data": None, "warnings": []},
        kept={
            "problems": "the reasons a line was refused: column names and codes",
            "candidates": "the numbers of the files the line might be",
            "choice": "the decision's code",
            "tags": "what the preview counted the line as: codes",
            "reason": "the heading of the column at fault",
        },
    ),
)
