"""Merging two files found to be one person (province officers only)."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.models import Role
from reintegration.core.actions import run_service
from reintegration.core.auth import roles_required
from reintegration.extensions import db
from reintegration.people.forms import MergeChoiceForm
from reintegration.people.services.case_file import find_case, record_case_view
from reintegration.people.services.merging import ABSORB, KEEP, differing_fields, merge_people
from reintegration.people.services.revisions import PERSON_FIELDS
from reintegration.people.views import bp
from reintegration.people.views.common import case_or_404


@bp.route("/cases/<int:case_id>/merge", methods=["GET", "POST"])
@roles_required(Role.PROVINCE_OFFICER)
def merge(case_id: int):
    """Step 1 (GET ?other=): name the other file; step 2 (POST): choose field by field."""
    case = case_or_404(case_id)
    form = MergeChoiceForm(request.values)
    other_case = None
    if request.values.get("other") and form.validate():
        other_case = find_case(form.other.data, current_user)
        if other_case is None:
            form.other.errors = [_("No case with this number in your province.")]
        elif other_case.person_id == case.person_id:
            form.other.errors = [_("Choose two different files.")]
            other_case = None
    if other_case is not None and request.method == "POST":
        choices = {f: request.form.get(f"choice_{f}", KEEP) for f in PERSON_FIELDS}
        merged, _refusal = run_service(
            lambda: merge_people(case.person, other_case.person, choices, actor=current_user),
            form,
        )
        if merged:
            flash(_("The two files are merged."), "success")
            return redirect(url_for(".case_file", case_id=case.id, tab="history"))
    if other_case is not None and request.method == "GET":
        # Two identities side by side: a read of both files.
        record_case_view(case, current_user, "merge")
        record_case_view(other_case, current_user, "merge")
        db.session.commit()
    fields = differing_fields(case.person, other_case.person) if other_case else []
    return render_template(
        "people/merge.html",
        case=case,
        other_case=other_case,
        form=form,
        fields=[(f, PERSON_FIELDS[f]) for f in fields],
        keep=KEEP,
        absorb=ABSORB,
    )
