"""The list of people with one search box and filters, in given-name order."""

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.core.forms import options
from reintegration.core.pages import render_audited
from reintegration.core.pagination import page_number
from reintegration.people.forms import CaseSearchForm
from reintegration.people.models import CaseStatus, Classification, ReleaseType
from reintegration.people.services.search import (
    COUNT_CAP,
    OPEN,
    CaseFilters,
    find_cases,
    record_search,
)
from reintegration.people.views import bp
from reintegration.people.views.common import caseworkers_in_scope, communes_in_scope


def search_form() -> CaseSearchForm:
    form = CaseSearchForm(request.args)
    communes = communes_in_scope()
    form.commune.choices = options([(None, _l("All"))] + [(c.code, c.name) for c in communes])
    form.status.choices = options(
        [(OPEN, _l("Open (not closed)")), *CaseStatus.choices(), ("", _l("All"))]
    )
    form.caseworker.choices = options(
        [(None, _l("All"))] + [(u.id, u.full_name) for u in caseworkers_in_scope()]
    )
    return form


def filters_from(form: CaseSearchForm) -> CaseFilters:
    status = request.args.get("status", OPEN)
    return CaseFilters(
        query=form.q.data or "",
        commune_code=form.commune.data,
        status=status,
        classification=(
            Classification(form.classification.data) if form.classification.data else None
        ),
        release_type=ReleaseType(form.release_type.data) if form.release_type.data else None,
        caseworker_id=form.caseworker.data,
    )


@bp.get("/people/")
@casework_roles
def people():
    form = search_form()
    form.validate()
    filters = filters_from(form) if not form.errors else CaseFilters()
    page = find_cases(
        current_user,
        filters,
        page=page_number(),
        per_page=current_app.config["PAGE_SIZE"],
    )
    record_search(current_user, filters, page, "page")
    return render_audited("people/list.html", form=form, page=page, count_cap=COUNT_CAP)
