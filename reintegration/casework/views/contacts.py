"""The contact log's pages: record a contact, edit it within 24 hours, correct it after."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.casework.forms import (
    ContactEditForm,
    ContactForm,
    CorrectionForm,
    NewContactForm,
)
from reintegration.casework.models import ContactKind
from reintegration.casework.services import contacts as service
from reintegration.casework.views import bp
from reintegration.casework.views.common import case_to_write
from reintegration.core import once
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.core.forms import options
from reintegration.core.i18n import format_day


def contact_data(form: ContactForm) -> service.ContactData:
    return service.ContactData(
        kind=ContactKind(form.kind.data),
        contact_on=form.contact_on.data,
        participants=form.participants.data,
        what_happened=form.what_happened.data,
        next_steps=form.next_steps.data,
    )


def contacts_tab(case_id: int) -> str:
    return url_for("people.case_file", case_id=case_id, tab="contacts")


@bp.route("/cases/<int:case_id>/contacts/new", methods=["GET", "POST"])
@casework_roles
def new_contact(case_id: int):
    case = case_to_write(case_id)
    follow_ups = service.open_follow_ups(case)
    form = NewContactForm()
    form.follow_up_id.choices = options(
        [(None, _l("None"))]
        + [(f.id, f"{format_day(f.due_on)} · {f.kind.label}") for f in follow_ups]
    )
    if not form.is_submitted():
        form.contact_on.data = today_local()
        form.follow_up_id.data = request.args.get("follow_up", type=int)
    if form.validate_on_submit():
        chosen = next((f for f in follow_ups if f.id == form.follow_up_id.data), None)
        try:
            once.claim(form.form_token.data, current_user)
        except once.AlreadySent as sent:
            return once.answer_repeat(sent, contacts_tab(case.id))

        def record() -> None:
            service.record_contact(case, contact_data(form), current_user, follow_up=chosen)
            once.complete(form.form_token.data, contacts_tab(case.id))

        if run_service(record, form)[0]:
            flash(_("Contact recorded."), "success")
            return redirect(contacts_tab(case.id))
    return render_template("casework/contact_form.html", form=form, case=case)


def contact_or_404(case_id: int, contact_id: int) -> tuple:
    case = case_to_write(case_id)
    contact = service.find_contact(case, contact_id) or abort(404)
    return case, contact


@bp.route("/cases/<int:case_id>/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@casework_roles
def edit_contact(case_id: int, contact_id: int):
    case, contact = contact_or_404(case_id, contact_id)
    if contact.author_id != current_user.id:
        abort(403)
    if not contact.can_edit(current_user):
        flash(
            _(
                "A contact can be edited only in the 24 hours after it was recorded. "
                "Add a correction note instead."
            ),
            "warning",
        )
        return redirect(url_for(".correct_contact", case_id=case.id, contact_id=contact.id))
    form = ContactEditForm(obj=contact)
    if (
        form.validate_on_submit()
        and run_service(
            lambda: service.edit_contact(contact, contact_data(form), current_user), form
        )[0]
    ):
        flash(_("Saved."), "success")
        return redirect(contacts_tab(case.id))
    return render_template("casework/contact_form.html", form=form, case=case, contact=contact)


@bp.route("/cases/<int:case_id>/contacts/<int:contact_id>/correct", methods=["GET", "POST"])
@casework_roles
def correct_contact(case_id: int, contact_id: int):
    case, contact = contact_or_404(case_id, contact_id)
    form = CorrectionForm()
    if (
        form.validate_on_submit()
        and run_service(
            lambda: service.correct_contact(contact, form.note.data, current_user), form
        )[0]
    ):
        flash(_("Correction added."), "success")
        return redirect(contacts_tab(case.id))
    return render_template("casework/correct_contact.html", form=form, case=case, contact=contact)
