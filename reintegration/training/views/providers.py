"""Training providers of the user's province: the list, a provider with its courses, and
the form the province's officers keep them with."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.core.actions import run_service
from reintegration.core.pagination import paginate
from reintegration.training.forms import ProviderEditForm, ProviderForm
from reintegration.training.models import ProviderKind
from reintegration.training.models.provider import keeps_catalogue
from reintegration.training.services import access, catalogue
from reintegration.training.views import bp
from reintegration.training.views.common import (
    keeper_or_403,
    keeper_role,
    provider_or_404,
    province_communes,
    reader_roles,
)
from reintegration.training.views.courses import render_course_list


def provider_fields(form: ProviderForm) -> dict:
    return {
        "name": form.name.data,
        "kind": ProviderKind(form.kind.data),
        "commune_code": form.commune_code.data,
        "address": form.address.data,
        "contact": form.contact.data,
    }


@bp.get("/training/providers")
@reader_roles
def providers():
    return render_template(
        "training/providers.html",
        page=paginate(access.providers_query(current_user)),
        can_keep=keeps_catalogue(current_user, current_user.province_code),
    )


@bp.route("/training/providers/new", methods=["GET", "POST"])
@keeper_role
def new_provider():
    form = ProviderForm()
    form.commune_code.choices = province_communes(current_user.province_code, blank=True)
    if form.validate_on_submit():
        saved, provider = run_service(
            lambda: catalogue.create_provider(current_user, **provider_fields(form)), form
        )
        if saved:
            flash(_("The training provider is saved."), "success")
            return redirect(url_for(".provider", provider_id=provider.id))
    return render_template("training/provider_form.html", form=form, provider=None)


@bp.route("/training/providers/<int:provider_id>/edit", methods=["GET", "POST"])
@keeper_role
def edit_provider(provider_id: int):
    provider = provider_or_404(provider_id)
    keeper_or_403(provider)
    form = ProviderEditForm(obj=provider)
    form.commune_code.choices = province_communes(provider.province_code, blank=True)
    if form.validate_on_submit():
        saved = run_service(
            lambda: catalogue.update_provider(
                provider,
                current_user,
                expected_version=form.expected_version,
                active=form.active.data,
                **provider_fields(form),
            ),
            form,
        )[0]
        if saved:
            flash(_("The training provider is saved."), "success")
            return redirect(url_for(".provider", provider_id=provider.id))
    return render_template("training/provider_form.html", form=form, provider=provider)


@bp.get("/training/providers/<int:provider_id>")
@reader_roles
def provider(provider_id: int):
    provider = provider_or_404(provider_id)
    return render_course_list(
        access.courses_query(current_user, provider_id=provider.id),
        provider=provider,
        can_keep=provider.can_keep(current_user),
        endpoint_args={"provider_id": provider.id},
    )
