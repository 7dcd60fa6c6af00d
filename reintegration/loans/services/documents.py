"""Supporting documents: PDF, PNG or JPEG, recognised by their first bytes (never by the
name), at most the configured size, stored outside static/ under a random name, and
served only after the application's scope check; every download is audited."""

import hashlib
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.core.exceptions import DomainError
from reintegration.core.files import private_folder, write_private_file
from reintegration.core.i18n import format_number
from reintegration.core.uploads import FileType, display_name, max_upload_bytes
from reintegration.extensions import db
from reintegration.loans.models import DocumentKind, LoanApplication, LoanDocument

PDF = FileType("application/pdf", "pdf")
PNG = FileType("image/png", "png")
JPEG = FileType("image/jpeg", "jpg")


def detect_type(head: bytes) -> FileType | None:
    """The type the content shows (magic bytes), or None for anything else."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def upload_folder() -> Path:
    """Where documents live: UPLOAD_FOLDER, or instance/uploads; never under static/."""
    configured = current_app.config.get("UPLOAD_FOLDER")
    base = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    return base / "loans"


def document_path(document: LoanDocument) -> Path:
    return upload_folder() / document.stored_name


def store_document(
    application: LoanApplication, kind: DocumentKind, upload: FileStorage, actor: User
) -> LoanDocument:
    if not application.is_editable:
        raise DomainError(
            _(
                "Documents can be added only to a draft or an application returned for "
                "changes; this one is “%(status)s”.",
                status=application.status.label,
            ),
            code="wrong_state",
        )
    limit = max_upload_bytes()
    content = upload.stream.read(limit + 1)
    if not content:
        raise DomainError(_("The file is empty."), field="file")
    if len(content) > limit:
        raise DomainError(
            _(
                "The file is larger than %(size)s MB.",
                size=format_number(round(limit / 1024 / 1024, 1)),
            ),
            field="file",
            code="too_large",
        )
    file_type = detect_type(content[:16])
    if file_type is None:
        raise DomainError(
            _("Only PDF files and PNG or JPEG images are accepted: this file is neither."),
            field="file",
            code="bad_type",
        )
    stored_name = f"{secrets.token_hex(16)}.{file_type.extension}"
    folder = upload_folder()
    private_folder(folder.parent)
    write_private_file(private_folder(folder) / stored_name, content)
    document = LoanDocument(
        application_id=application.id,
        kind=kind,
        original_name=display_name(upload.filename, file_type),
        stored_name=stored_name,
        content_type=file_type.content_type,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by_id=actor.id,
    )
    db.session.add(document)
    db.session.flush()
    audit.record(
        "loan_document_uploaded",
        application,
        user=actor,
        detail={
            "document_id": document.id,
            "kind": kind.value,
            "content_type": file_type.content_type,
            "size": len(content),
            "sha256": document.sha256,
        },
    )
    return document


def delete_document(document: LoanDocument, actor: User) -> Path:
    """Remove the row; returns the file's path, for the caller to delete after the commit
    (a rolled-back delete then still finds its file)."""
    application = document.application
    if not application.is_editable:
        raise DomainError(
            _("Documents of a submitted application cannot be removed."), code="wrong_state"
        )
    audit.record(
        "loan_document_deleted",
        application,
        user=actor,
        detail={"document_id": document.id, "name": document.original_name},
    )
    path = document_path(document)
    db.session.delete(document)
    db.session.flush()
    return path


def record_download(document: LoanDocument, actor: User) -> None:
    audit.record(
        "loan_document_downloaded",
        document.application,
        user=actor,
        detail={"document_id": document.id, "kind": document.kind.value},
    )
