"""Pages every role shares: the start page, the language switch, and the admin's audit log."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy import select

from reintegration.core.audit import AuditEvent
from reintegration.core.auth import admin_required
from reintegration.core.clock import local_midnight
from reintegration.core.forms import AuditSearchForm, LanguageForm, options
from reintegration.core.i18n import select_locale
from reintegration.core.pagination import paginate
from reintegration.extensions import db

bp = Blueprint("core", __name__)


def safe_next(target: str | None, fallback: str) -> str:
    """Only same-site paths: a crafted ?next= must not send users elsewhere (browsers read
    "//host" and "/\\host" as another site)."""
    if target and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return fallback


@bp.get("/")
@login_required
def home():
    """The start page. A domain may give a role its own (casework's "my work today" for
    caseworkers and province officers, registered in ``app.extensions["start_pages"]``);
    the other roles see their menu."""
    start_page = current_app.extensions.get("start_pages", {}).get(current_user.role)
    if start_page is not None:
        return start_page()
    return render_template("core/home.html")


@bp.post("/language")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            current_user.locale = form.locale.data
            db.session.commit()
    return redirect(safe_next(form.next.data, url_for("core.home")))


@bp.app_context_processor
def inject_language_form():
    return {"language_form": LanguageForm(formdata=None), "active_locale": select_locale}


@bp.get("/admin/audit")
@admin_required
def audit_log():
    form = AuditSearchForm(request.args)
    object_types = db.session.scalars(
        select(AuditEvent.object_type).distinct().where(AuditEvent.object_type.is_not(None))
    ).all()
    form.object_type.choices = options([("", "—")] + [(t, t) for t in sorted(object_types)])
    stmt = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if form.validate():
        stmt = filter_audit(stmt, form)
    return render_template("core/audit_log.html", form=form, page=paginate(stmt))


def filter_audit(stmt, form: AuditSearchForm):
    if form.username.data:
        stmt = stmt.where(AuditEvent.username == form.username.data.strip().lower())
    if form.action.data:
        stmt = stmt.where(AuditEvent.action.startswith(form.action.data.strip()))
    if form.object_type.data:
        stmt = stmt.where(AuditEvent.object_type == form.object_type.data)
    if form.object_id.data:
        stmt = stmt.where(AuditEvent.object_id == form.object_id.data.strip())
    if form.date_from.data:
        stmt = stmt.where(AuditEvent.occurred_at >= local_midnight(form.date_from.data))
    if form.date_to.data:
        next_day = form.date_to.data + timedelta(days=1)
        stmt = stmt.where(AuditEvent.occurred_at < local_midnight(next_day))
    return stmt
