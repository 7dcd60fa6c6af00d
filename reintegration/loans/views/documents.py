"""Uploading, downloading and removing supporting documents."""

from flask import abort, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from reintegration.accounts.auth import casework_roles
from reintegration.core.actions import run_service
from reintegration.extensions import db
from reintegration.loans.forms import UploadForm
from reintegration.loans.models import DocumentKind, LoanApplication, LoanDocument
from reintegration.loans.services import documents
from reintegration.loans.views import bp
from reintegration.loans.views.applications import render_application
from reintegration.loans.views.common import (
    application_or_404,
    loan_roles,
    preparer_or_403,
)


def document_or_404(application: LoanApplication, document_id: int) -> LoanDocument:
    document = db.session.scalar(
        select(LoanDocument).where(
            LoanDocument.id == document_id, LoanDocument.application_id == application.id
        )
    )
    return document or abort(404)


@bp.post("/loans/<int:application_id>/documents")
@casework_roles
def upload(application_id: int):
    application = application_or_404(application_id)
    preparer_or_403(application)
    form = UploadForm()
    if form.validate_on_submit():
        done, _document = run_service(
            lambda: documents.store_document(
                application, DocumentKind(form.kind.data), form.file.data, current_user
            ),
            form,
        )
        if done:
            flash(_("The document is added."), "success")
            return redirect(
                url_for(".application", application_id=application.id, _anchor="documents")
            )
    for errors in form.errors.values():
        for error in errors:
            flash(error, "danger")
    application = application_or_404(application_id)
    return render_application(application, upload=form)


@bp.get("/loans/<int:application_id>/documents/<int:document_id>")
@loan_roles
def download(application_id: int, document_id: int):
    application = application_or_404(application_id)
    document = document_or_404(application, document_id)
    path = documents.document_path(document)
    if not path.is_file():
        abort(404)
    documents.record_download(document, current_user)
    db.session.commit()
    response = send_file(
        path,
        mimetype=document.content_type,
        download_name=document.original_name,
        as_attachment=False,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/loans/<int:application_id>/documents/<int:document_id>/delete")
@casework_roles
def delete_document(application_id: int, document_id: int):
    application = application_or_404(application_id)
    preparer_or_403(application)
    document = document_or_404(application, document_id)
    done, path = run_service(lambda: documents.delete_document(document, current_user))
    if done:
        path.unlink(missing_ok=True)
        flash(_("The document is removed."), "info")
    return redirect(url_for(".application", application_id=application_id, _anchor="documents"))
