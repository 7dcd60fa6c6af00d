"""Transfers: the sending commune's request form, the receiving commune's decision, and the
list of transfers waiting and recently decided."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from reintegration.accounts.auth import casework_roles
from reintegration.casework.forms import (
    AcceptTransferForm,
    ProvinceChoiceForm,
    RefuseTransferForm,
    TransferForm,
)
from reintegration.casework.models import Transfer
from reintegration.casework.services import transfers as service
from reintegration.casework.views import bp
from reintegration.casework.views.common import case_to_write
from reintegration.core.actions import run_service
from reintegration.core.forms import options
from reintegration.core.pagination import paginate
from reintegration.core.text import in_vietnamese_order
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province


def case_page(case_id: int) -> str:
    return url_for("people.case_file", case_id=case_id)


@bp.route("/cases/<int:case_id>/transfer", methods=["GET", "POST"])
@casework_roles
def request_transfer(case_id: int):
    """Two steps that work without JavaScript: choose the province (a GET form), then the
    commune and the reason."""
    case = case_to_write(case_id)
    province_form = ProvinceChoiceForm(request.args)
    provinces = in_vietnamese_order(db.session.scalars(select(Province)))
    province_form.province.choices = options([(p.code, p.name) for p in provinces])
    if not province_form.province.data or province_form.province.data not in {
        p.code for p in provinces
    }:
        province_form.province.data = case.commune.province_code
    communes = in_vietnamese_order(
        db.session.scalars(
            select(Commune).where(
                Commune.province_code == province_form.province.data,
                Commune.code != case.commune_code,
            )
        )
    )
    form = TransferForm()
    form.to_commune_code.choices = options([(None, "—")] + [(c.code, c.name) for c in communes])
    if (
        form.validate_on_submit()
        and run_service(
            lambda: service.request_transfer(
                case, form.to_commune_code.data, form.reason.data, current_user
            ),
            form,
        )[0]
    ):
        flash(_("Transfer requested: the receiving commune has been told."), "success")
        return redirect(case_page(case.id))
    return render_template(
        "casework/transfer_form.html",
        case=case,
        form=form,
        province_form=province_form,
        pending=service.pending_transfer(case),
    )


def transfer_or_404(transfer_id: int) -> Transfer:
    return service.find_transfer(transfer_id, current_user) or abort(404)


@bp.post("/transfers/<int:transfer_id>/accept")
@casework_roles
def accept_transfer(transfer_id: int):
    transfer = transfer_or_404(transfer_id)
    form = AcceptTransferForm(prefix="accept")  # as the case file's banner draws it
    form.caseworker_id.choices = options(
        [(None, "—")]
        + [(u.id, u.full_name) for u in service.caseworkers_of(transfer.to_commune_code)]
    )
    if not form.validate_on_submit():
        abort(400)
    case_id = transfer.case_id
    if run_service(
        lambda: service.accept_transfer(
            transfer, current_user, caseworker_id=form.caseworker_id.data
        )
    )[0]:
        flash(_("Transfer accepted: the case is now followed up by your commune."), "success")
    return redirect(case_page(case_id))


@bp.post("/transfers/<int:transfer_id>/refuse")
@casework_roles
def refuse_transfer(transfer_id: int):
    transfer = transfer_or_404(transfer_id)
    form = RefuseTransferForm(prefix="refuse")
    form.validate_on_submit()
    if run_service(lambda: service.refuse_transfer(transfer, form.note.data, current_user))[0]:
        flash(_("Transfer refused: the sending commune has been told."), "info")
        return redirect(url_for(".transfers"))
    return redirect(case_page(transfer.case_id))


@bp.post("/transfers/<int:transfer_id>/cancel")
@casework_roles
def cancel_transfer(transfer_id: int):
    transfer = transfer_or_404(transfer_id)  # (CSRFProtect checks the token of every POST)
    if run_service(lambda: service.cancel_transfer(transfer, current_user))[0]:
        flash(_("Transfer cancelled."), "info")
    return redirect(case_page(transfer.case_id))


@bp.get("/transfers/")
@casework_roles
def transfers():
    pending = list(
        db.session.scalars(service.transfers_query(current_user, pending=True).limit(200)).unique()
    )
    return render_template(
        "casework/transfers.html",
        pending=pending,
        decided=paginate(service.transfers_query(current_user, pending=False)),
        user_communes=current_user.commune_codes(),
    )
