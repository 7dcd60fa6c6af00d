"""Supporting documents: PDF and images only, recognised by content, stored outside
static/ under a random name, served only within scope, each download audited."""

import io
import os
import re
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from reintegration.core.audit import AuditEvent
from reintegration.extensions import db
from reintegration.loans.models import LoanApplication, LoanDocument
from reintegration.loans.services import workflow
from tests.loans.conftest import new_application, user

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.fixture
def draft_id(app, loan_people) -> int:
    with app.app_context():
        application = new_application(loan_people)
        db.session.commit()
        return application.id


def upload(client, application_id, content: bytes, name: str, kind="certificate"):
    return client.post(
        f"/loans/{application_id}/documents",
        data={"kind": kind, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def documents(app) -> list[LoanDocument]:
    with app.app_context():
        return list(db.session.scalars(select(LoanDocument)))


def test_a_pdf_is_stored_outside_static_under_a_random_name(
    app, client, auth, loan_people, draft_id, upload_folder
):
    auth.login(loan_people.hanoi.caseworker_x)
    response = upload(client, draft_id, PDF_BYTES, "Giấy chứng nhận chấp hành án.pdf")
    assert response.status_code == 302
    [document] = documents(app)
    assert document.original_name == "Giấy chứng nhận chấp hành án.pdf"
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", document.stored_name)
    assert document.content_type == "application/pdf"
    stored = upload_folder / document.stored_name
    assert stored.read_bytes() == PDF_BYTES
    assert Path(app.static_folder).resolve() not in stored.resolve().parents


def test_the_type_is_read_from_the_content_not_the_name(app, client, auth, loan_people, draft_id):
    auth.login(loan_people.hanoi.caseworker_x)
    response = upload(client, draft_id, PNG_BYTES, "scan.pdf")  # a PNG named .pdf
    assert response.status_code == 302
    [document] = documents(app)
    assert (document.content_type, document.stored_name[-4:]) == ("image/png", ".png")


def test_a_forged_upload_is_refused(app, client, auth, loan_people, draft_id, upload_folder):
    auth.login(loan_people.hanoi.caseworker_x)
    response = upload(client, draft_id, EXE_BYTES, "cmnd.pdf", kind="identity")  # an .exe renamed
    assert response.status_code == 422
    assert '<option selected value="identity">' in response.get_data(as_text=True)
    assert documents(app) == []
    assert not upload_folder.exists() or not any(upload_folder.iterdir())
    with app.app_context():
        assert (
            db.session.scalar(
                select(AuditEvent.id).where(AuditEvent.action == "loan_document_uploaded")
            )
            is None
        )


def test_a_file_over_the_size_limit_is_refused(
    app, client, auth, loan_people, draft_id, monkeypatch
):
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 1024)
    auth.login(loan_people.hanoi.caseworker_x)
    response = upload(client, draft_id, PDF_BYTES + b"0" * 1024, "big.pdf")
    assert response.status_code == 422
    assert documents(app) == []


def test_downloads_are_scoped_and_audited(app, client, auth, loan_people, draft_id):
    auth.login(loan_people.hanoi.caseworker_x)
    upload(client, draft_id, PDF_BYTES, "chung-nhan.pdf")
    [document] = documents(app)
    path = f"/loans/{draft_id}/documents/{document.id}"
    with client.get(path) as response:
        assert response.status_code == 200
        assert response.data == PDF_BYTES
        assert response.mimetype == "application/pdf"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    auth.logout()

    auth.login(loan_people.hanoi.caseworker_y)  # another commune
    assert client.get(path).status_code == 404
    auth.logout()
    auth.login(loan_people.womens_reviewer)  # a draft is not yet the organisation's
    assert client.get(path).status_code == 404
    auth.logout()

    with app.app_context():
        application = db.session.get(LoanApplication, draft_id)
        workflow.submit(application, user(loan_people.hanoi.caseworker_x))
        db.session.commit()
    auth.login(loan_people.womens_reviewer)
    with client.get(path) as response:
        assert response.status_code == 200
    auth.logout()
    auth.login(loan_people.farmers_reviewer)
    assert client.get(path).status_code == 404

    with app.app_context():
        downloads = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "loan_document_downloaded")
            .order_by(AuditEvent.id)
        ).all()
        assert [e.username for e in downloads] == [
            loan_people.hanoi.caseworker_x,
            loan_people.womens_reviewer,
        ]
        assert all(e.detail["document_id"] == document.id for e in downloads)


def test_documents_are_fixed_once_submitted(app, client, auth, loan_people, draft_id):
    auth.login(loan_people.hanoi.caseworker_x)
    upload(client, draft_id, PDF_BYTES, "a.pdf")
    [document] = documents(app)
    with app.app_context():
        application = db.session.get(LoanApplication, draft_id)
        workflow.submit(application, user(loan_people.hanoi.caseworker_x))
        db.session.commit()
    assert upload(client, draft_id, PDF_BYTES, "b.pdf").status_code == 422
    client.post(f"/loans/{draft_id}/documents/{document.id}/delete")
    assert len(documents(app)) == 1


def test_a_draft_document_can_be_removed(app, client, auth, loan_people, draft_id, upload_folder):
    auth.login(loan_people.hanoi.caseworker_x)
    upload(client, draft_id, PDF_BYTES, "a.pdf")
    [document] = documents(app)
    stored = upload_folder / document.stored_name
    assert client.post(f"/loans/{draft_id}/documents/{document.id}/delete").status_code == 302
    assert documents(app) == []
    assert not stored.exists()


def test_documents_are_readable_by_the_app_s_user_only(
    app, client, auth, loan_people, draft_id, upload_folder
):
    old_umask = os.umask(0o022)  # what most machines have: files readable by everyone
    try:
        auth.login(loan_people.hanoi.caseworker_x)
        assert upload(client, draft_id, PDF_BYTES, "giay.pdf").status_code == 302
    finally:
        os.umask(old_umask)
    [document] = documents(app)
    assert stat.S_IMODE((upload_folder / document.stored_name).stat().st_mode) == 0o600
    assert stat.S_IMODE(upload_folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(upload_folder.parent.stat().st_mode) == 0o700
