"""The printable forms, as PDF in Vietnamese."""

from flask import abort, request
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.core.documents import file_response
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.loans.services import printing
from reintegration.loans.views import bp
from reintegration.loans.views.common import application_or_404, loan_roles


def pdf_response(content: bytes, filename: str):
    return file_response(content, "application/pdf", filename, inline=True)


@bp.get("/loans/<int:application_id>/summary.pdf")
@loan_roles
def summary_pdf(application_id: int):
    application = application_or_404(application_id)
    content = printing.summary_pdf(application, current_user)
    db.session.commit()
    return pdf_response(content, f"ho-so-vay-von-{application.id}.pdf")


@bp.get("/loans/<int:application_id>/form02.pdf")
@casework_roles
def form02_pdf(application_id: int):
    """A business's plan (Form 02): for those who prepare it; a person's has none."""
    application = application_or_404(application_id)
    if application.is_individual or not application.can_prepare(current_user):
        abort(404)
    content = printing.form02_pdf(application, current_user)
    db.session.commit()
    return pdf_response(content, f"mau-02-{application.id}.pdf")


@bp.get("/loans/form01.pdf")
@casework_roles
def form01_pdf():
    commune_code = request.args.get("commune", type=int)
    if commune_code is None or not current_user.can_see_commune(commune_code):
        abort(404)
    commune = db.session.get(Commune, commune_code) or abort(404)
    content = printing.form01_pdf(commune, current_user)
    db.session.commit()
    return pdf_response(content, f"mau-01-{commune.code}.pdf")
