"""The caseworkers' pages: the list, a new application (a person's or a business's),
editing, and the application page every loan role shares."""

from contextlib import suppress

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.accounts.models import Organisation
from reintegration.core import audit
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.core.forms import options
from reintegration.core.i18n import format_day
from reintegration.core.pagination import paginate
from reintegration.extensions import db
from reintegration.loans.forms import (
    ApplicationForm,
    ApprovalForm,
    BusinessApplicationForm,
    CommentForm,
    DatedStepForm,
    DeclineForm,
    ListFilterForm,
    PaymentForm,
    UploadForm,
)
from reintegration.loans.models import (
    BusinessKind,
    LoanApplication,
    LoanPurpose,
    LoanStatus,
)
from reintegration.loans.services import applications as drafting
from reintegration.loans.services.access import applications_query
from reintegration.loans.services.eligibility import check_eligibility
from reintegration.loans.services.repayment import (
    arrears_of,
    is_overdue,
    next_unpaid,
    outstanding_total,
    overdue_flags,
)
from reintegration.loans.services.rules import RulesMissing
from reintegration.loans.services.workflow import ACTIONS, available_actions, default_rate
from reintegration.loans.views import bp
from reintegration.loans.views.common import (
    application_or_404,
    case_or_404,
    communes_in_scope,
    loan_roles,
    preparer_or_403,
)

STEP_FORMS = {
    "return": CommentForm,
    "reject": CommentForm,
    "endorse": CommentForm,
    "certify": DatedStepForm,
    "send": DatedStepForm,
    "approve": ApprovalForm,
    "decline": DeclineForm,
    "disburse": DatedStepForm,
}


@bp.get("/loans/")
@casework_roles
def applications():
    form = ListFilterForm(request.args)
    form.validate()
    status = LoanStatus(form.status.data) if form.status.data and not form.errors else None
    case_id = request.args.get("case", type=int)
    case = case_or_404(case_id) if case_id is not None else None
    page = paginate(applications_query(current_user, status=status, case_id=case_id))
    return render_template(
        "loans/list.html",
        form=form,
        page=page,
        case=case,
        overdue=overdue_flags(page.items),
    )


def application_data(form: ApplicationForm | BusinessApplicationForm) -> drafting.ApplicationData:
    common = {
        "purpose": LoanPurpose(form.purpose.data),
        "amount_requested": form.amount_requested.data,
        "term_months": form.term_months.data,
        "use_of_funds": form.use_of_funds.data or "",
        "course_months": form.course_months.data,
        "outstanding_vbsp_debt": form.outstanding_vbsp_debt.data,
    }
    if isinstance(form, BusinessApplicationForm):
        return drafting.ApplicationData(
            **common,
            business_name=form.business_name.data,
            business_kind=BusinessKind(form.business_kind.data),
            business_address=form.business_address.data,
            total_workers=form.total_workers.data,
            eligible_workers=form.eligible_workers.data,
        )
    return drafting.ApplicationData(
        **common,
        organisation=Organisation(form.organisation.data),
        savings_group_name=form.savings_group_name.data or "",
        household_head_name=form.household_head_name.data,
        household_relationship=form.household_relationship.data,
        household_members=form.household_members.data,
        in_own_name=bool(form.in_own_name.data),
        form01_listed=form.form01_listed.data,
    )


def business_form(**kwargs) -> BusinessApplicationForm:
    form = BusinessApplicationForm(**kwargs)
    form.commune_code.choices = options([(c.code, c.name) for c in communes_in_scope()])
    return form


def create_draft(form: ApplicationForm, create) -> LoanApplication | None:
    """Run a creating service and commit; on refusal the form says why: None."""
    done, application = run_service(create, form)
    if not done:
        return None
    flash(_("The draft application is saved. Check its eligibility, then submit it."), "success")
    return application


@bp.route("/loans/new", methods=["GET", "POST"])
@casework_roles
def new_application():
    """A person's application, from their case file (?case=<id>)."""
    case = case_or_404(request.args.get("case", type=int))
    form = ApplicationForm()
    if request.method == "GET":
        form.household_head_name.data = case.person.full_name
    if form.validate_on_submit():
        application = create_draft(
            form,
            lambda: drafting.create_individual_application(
                case, application_data(form), current_user
            ),
        )
        if application is not None:
            return redirect(url_for(".application", application_id=application.id))
    return render_template("loans/edit.html", form=form, case=case, application=None)


@bp.route("/loans/new-business", methods=["GET", "POST"])
@casework_roles
def new_business_application():
    form = business_form()
    if form.validate_on_submit():
        application = create_draft(
            form,
            lambda: drafting.create_business_application(
                form.commune_code.data, application_data(form), current_user
            ),
        )
        if application is not None:
            return redirect(url_for(".application", application_id=application.id))
    return render_template("loans/edit.html", form=form, case=None, application=None)


@bp.route("/loans/<int:application_id>/edit", methods=["GET", "POST"])
@casework_roles
def edit_application(application_id: int):
    application = application_or_404(application_id)
    preparer_or_403(application)
    if application.is_individual:
        form = ApplicationForm(obj=application)
    else:
        form = business_form(obj=application)
    if form.validate_on_submit():
        if run_service(
            lambda: drafting.update_application(application, application_data(form), current_user),
            form,
        )[0]:
            flash(_("The application is saved."), "success")
            return redirect(url_for(".application", application_id=application.id))
    elif request.method == "GET" and not application.is_editable:
        flash(
            _(
                "The application is “%(status)s”: it can be changed only as a draft or when "
                "returned for changes.",
                status=application.status.label,
            ),
            "warning",
        )
        return redirect(url_for(".application", application_id=application.id))
    return render_template(
        "loans/edit.html", form=form, case=application.case, application=application
    )


def step_forms(application: LoanApplication, actions: list[str], **given) -> dict:
    forms = {}
    for action in actions:
        form_class = STEP_FORMS.get(action)
        if form_class is not None:
            # Each step's form has its own prefix: several stand on one page, and their
            # fields (and the labels pointing at them) need ids of their own.
            forms[action] = given.get(action) or form_class(formdata=None, prefix=action)
    approval = forms.get("approve")
    if approval is not None and "approve" not in given:
        with suppress(RulesMissing):  # the page already says which rule is missing
            approval.rate.data = default_rate(application)
    return forms


def payment_form(application: LoanApplication, given: PaymentForm | None = None) -> PaymentForm:
    form = given or PaymentForm(formdata=None)
    unpaid = [i for i in application.instalments if i.remaining > 0]
    form.instalment_id.choices = options(
        [
            (
                i.id,
                _(
                    "No. %(number)s, due %(due)s",
                    number=i.number,
                    due=format_day(i.due_on),
                ),
            )
            for i in unpaid
        ]
    )
    first = next_unpaid(application)
    if given is None and first is not None:
        form.instalment_id.data = first.id
        form.amount.data = first.remaining
    return form


def render_application(application: LoanApplication, **given):
    """The application page for any loan role (what a reviewer sees is the same: the page
    shows nothing of the offence, the classification or the case notes). Audited."""
    audit.record("loan_viewed", application, user=current_user)
    db.session.commit()
    try:
        eligibility = check_eligibility(application)
    except RulesMissing as error:
        eligibility = None
        flash(error.message, "danger")
    actions = available_actions(application, current_user)
    lent = bool(application.instalments)
    return render_template(
        "loans/application.html",
        application=application,
        eligibility=eligibility,
        actions=actions,
        action_labels={a: ACTIONS[a][0] for a in ACTIONS},
        forms=step_forms(application, actions, **given),
        upload_form=given.get("upload") or UploadForm(formdata=None),
        payment_form=payment_form(application, given.get("payment")) if lent else None,
        arrears=arrears_of(application) if lent else [],
        outstanding=outstanding_total(application) if lent else 0,
        overdue=is_overdue(application) if lent else False,
        can_prepare=application.can_prepare(current_user),
        today=today_local(),
    )


@bp.get("/loans/<int:application_id>")
@loan_roles
def application(application_id: int):
    return render_application(application_or_404(application_id))
