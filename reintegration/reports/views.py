"""Report pages: the dashboard, the snapshots with their versions, sign-off, exports, and
the list of people behind a figure for province officers."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.models import Role
from reintegration.core.actions import run_service
from reintegration.core.auth import roles_required
from reintegration.core.clock import today_local
from reintegration.core.documents import file_response
from reintegration.core.pages import render_audited
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.reports import definitions as d
from reintegration.reports import periods
from reintegration.reports.forms import ApproveForm, BuildForm, ButtonForm, CorrectionForm
from reintegration.reports.models import ReportSubscription
from reintegration.reports.services import dashboard as dashboard_data
from reintegration.reports.services import (
    delivery,  # noqa: F401  (registers the PDF e-mail)
    drilldown,
    exports,
    presentation,
    snapshots,
)

bp = Blueprint("reports", __name__, url_prefix="/reports")

report_roles = roles_required(Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER)
officer_only = roles_required(Role.PROVINCE_OFFICER)
KINDS = [k.value for k in periods.DEFAULT_PERIOD_KINDS]


def snapshot_or_404(snapshot_id: int):
    snapshot = snapshots.snapshot_for(current_user, snapshot_id)
    if snapshot is None:
        abort(404)
    return snapshot


def subscribed(kind: str) -> bool:
    return (
        db.session.get(ReportSubscription, {"user_id": current_user.id, "period_kind": kind})
        is not None
    )


@bp.get("/")
@report_roles
def dashboard():
    kind = request.args.get("kind", periods.PeriodKind.MONTH.value)
    if kind not in KINDS:
        abort(404)
    latest = snapshots.latest_snapshots(current_user, kind, limit=1)
    comparison = dashboard_data.comparison(latest[0], current_user) if latest else None
    headline = [d.FIGURE_BY_KEY[h.key] for h in dashboard_data.HEADLINES]
    charts = [dashboard_data.chart_data(comparison, f) for f in headline] if comparison else []
    return render_template(
        "reports/dashboard.html",
        kind=kind,
        kinds=[periods.PeriodKind(k) for k in KINDS],
        comparison=comparison,
        tiles=dashboard_data.tiles(comparison) if comparison else [],
        chart_rows=dashboard_data.chart_rows,
        unit_rows=dashboard_data.unit_rows(comparison) if comparison else [],
        headline=headline,
        charts=charts,
        subscribed=subscribed(kind),
        button=ButtonForm(),
    )


@bp.get("/snapshots")
@report_roles
def snapshot_list():
    return render_template(
        "reports/list.html",
        snapshots=snapshots.latest_snapshots(current_user, request.args.get("kind") or None),
        form=BuildForm(),
        period_label=lambda s: presentation.period_label(snapshots.period_of(s)),
        area_name=presentation.area_name,
    )


@bp.post("/build")
@report_roles
def build():
    form = BuildForm()
    if form.validate_on_submit():
        period = periods.Period(periods.PeriodKind.CUSTOM, form.start.data, form.end.data)
        built, snapshot = run_service(lambda: snapshots.build_on_demand(current_user, period), form)
        if built:
            return redirect(url_for(".snapshot", snapshot_id=snapshot.id))
    return render_template(
        "reports/list.html",
        snapshots=snapshots.latest_snapshots(current_user),
        form=form,
        period_label=lambda s: presentation.period_label(snapshots.period_of(s)),
        area_name=presentation.area_name,
    )


def render_snapshot(snapshot, correction_form=None, approve_form=None):
    report = presentation.present(snapshot, current_user)
    return render_template(
        "reports/snapshot.html",
        report=report,
        snapshot=snapshot,
        versions=snapshots.versions_of(snapshot),
        groups=d.GROUPS,
        can_approve=snapshots.can_approve(snapshot, current_user),
        can_drill=current_user.role == Role.PROVINCE_OFFICER,
        button=ButtonForm(),
        correction_form=correction_form or CorrectionForm(),
        approve_form=approve_form or ApproveForm(formdata=None),
    )


@bp.get("/<int:snapshot_id>")
@report_roles
def snapshot(snapshot_id: int):
    return render_snapshot(snapshot_or_404(snapshot_id))


@bp.post("/<int:snapshot_id>/approve")
@officer_only
def approve(snapshot_id: int):
    snapshot = snapshot_or_404(snapshot_id)
    form = ApproveForm()
    if not form.validate_on_submit():
        return render_snapshot(snapshot, approve_form=form)
    if run_service(lambda: snapshots.approve(snapshot, current_user))[0]:
        flash(_("The report is approved and locked."), "success")
    return redirect(url_for(".snapshot", snapshot_id=snapshot_id))


@bp.post("/<int:snapshot_id>/correct")
@officer_only
def correct(snapshot_id: int):
    snapshot = snapshot_or_404(snapshot_id)
    form = CorrectionForm()
    if form.validate_on_submit():
        corrected, new = run_service(
            lambda: snapshots.correct(snapshot, current_user, form.reason.data), form
        )
        if corrected:
            flash(_("A corrected version was built."), "success")
            return redirect(url_for(".snapshot", snapshot_id=new.id))
    return render_snapshot(snapshot, form)


@bp.get("/<int:snapshot_id>/report.xlsx")
@report_roles
def export_xlsx(snapshot_id: int):
    snapshot = snapshot_or_404(snapshot_id)
    content = exports.xlsx(snapshot, current_user)
    db.session.commit()
    return file_response(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.filename(snapshot, "xlsx"),
    )


@bp.get("/<int:snapshot_id>/report.csv")
@report_roles
def export_csv(snapshot_id: int):
    snapshot = snapshot_or_404(snapshot_id)
    content = exports.csv_text(snapshot, current_user)
    db.session.commit()
    return file_response(content, "text/csv", exports.filename(snapshot, "csv"))


@bp.get("/<int:snapshot_id>/report.pdf")
@report_roles
def export_pdf(snapshot_id: int):
    snapshot = snapshot_or_404(snapshot_id)
    content = exports.pdf(snapshot, current_user)
    db.session.commit()
    return file_response(content, "application/pdf", exports.filename(snapshot, "pdf"), inline=True)


@bp.get("/<int:snapshot_id>/people/<figure_key>")
@officer_only
def people(snapshot_id: int, figure_key: str):
    snapshot = snapshot_or_404(snapshot_id)
    figure = d.FIGURE_BY_KEY.get(figure_key)
    if figure is None or not figure.drill:
        abort(404)
    commune = request.args.get("commune", type=int)
    rows = drilldown.people_behind(snapshot, figure, current_user, commune, today=today_local())
    return render_audited(
        "reports/people.html",
        snapshot=snapshot,
        figure=figure,
        rows=rows,
        commune=db.session.get(Commune, commune) if commune else None,
        period_label=presentation.period_label(snapshots.period_of(snapshot)),
    )


@bp.post("/subscription/<kind>")
@report_roles
def toggle_subscription(kind: str):
    if kind not in KINDS or not ButtonForm().validate_on_submit():
        abort(400)
    existing = db.session.get(ReportSubscription, {"user_id": current_user.id, "period_kind": kind})
    if existing is None:
        db.session.add(ReportSubscription(user_id=current_user.id, period_kind=kind))
        flash(_("You will be told when each new report is built."), "success")
    else:
        db.session.delete(existing)
        flash(_("You will no longer be told of new reports."), "info")
    db.session.commit()
    return redirect(url_for(".dashboard", kind=kind))
