"""The papers of a person's arrival (Circular 10/2024/TT-BCA Art. 9), printed from the case
file, pre-filled, as PDF in Vietnamese: HCD-02, the information sheet, and HCD-05, the
commitment not to reoffend. Printing is an export: each one is audited.

The offence and the sentence are not printed: the sheet leaves them to be written by hand
by the officer who holds the judgment (the case file shows them only after a reason).
"""

from datetime import date

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.clock import today_local
from reintegration.core.documents import render_pdf
from reintegration.people.models import Case

PAPERS = {"hcd02": "people/pdf/hcd02.html", "hcd05": "people/pdf/hcd05.html"}


def paper_pdf(case: Case, paper: str, actor: User, *, today: date | None = None) -> bytes:
    """HCD-02 (``hcd02``) or HCD-05 (``hcd05``) for the case, filled from its file."""
    template = PAPERS[paper]
    audit.record("case_paper_printed", case, user=actor, detail={"form": paper.upper()})
    return render_pdf(
        template,
        case=case,
        person=case.person,
        release=case.release,
        commune=case.commune,
        today=today or today_local(),
    )
