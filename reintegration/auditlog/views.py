"""/admin/audit: the log in words, searched, and its CSV (administrators only)."""

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import admin_required
from reintegration.auditlog import services
from reintegration.auditlog.forms import AuditSearchForm
from reintegration.auditlog.labels import ACTIONS, OBJECT_TYPES
from reintegration.core.clock import today_local
from reintegration.core.forms import options
from reintegration.core.pagination import paginate
from reintegration.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


def _form() -> tuple[AuditSearchForm, services.Filters]:
    form = AuditSearchForm(request.args)
    by_label = lambda table: sorted(((k, str(v)) for k, v in table.items()), key=lambda p: p[1])  # noqa: E731
    form.action.choices = options([("", _("All")), *by_label(ACTIONS)])
    form.object_type.choices = options([("", _("All")), *by_label(OBJECT_TYPES)])
    if not form.validate():
        return form, services.Filters()
    return form, services.Filters(
        person_id=form.person_id.data,
        action=form.action.data or None,
        username=form.username.data or None,
        object_type=form.object_type.data or None,
        object_id=form.object_id.data or None,
        date_from=form.date_from.data,
        date_to=form.date_to.data,
    )


@bp.get("")
@admin_required
def log():
    form, filters = _form()
    page = paginate(services.search(filters))
    return render_template(
        "auditlog/log.html",
        form=form,
        page=page,
        rows=services.readable(list(page.items)),
        query=request.args.to_dict(),
    )


@bp.get("/export.csv")
@admin_required
def export():
    _form_shown, filters = _form()
    described = {
        name: (value.isoformat() if hasattr(value, "isoformat") else value)
        for name, value in vars(filters).items()
    }
    text = services.csv_text(filters, current_user._get_current_object(), described)
    db.session.commit()
    return Response(
        text,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="nhat-ky-{today_local():%Y%m%d}.csv"',
            "Cache-Control": "private, no-store",
        },
    )
