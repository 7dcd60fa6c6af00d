"""Report snapshots: the list of the Reports page (the latest version of each period) and
one snapshot with every figure, for the area and per commune (or province).

The reports services and their scope query (``snapshot_scope_clause``: a province's
committee viewers and officers read the province's reports, the nation's committee
viewers the nation's). What a reader sees comes from the page's own presentation
(``presentation.present``): committee viewers get aggregates only, with counts of 1 to 4
shown as "< 5" (value null) and the sums of money that follow them hidden. Reading a
snapshot here hands over all its figures, as the CSV export does, so it is audited as an
export ("report_exported", format "api").
"""

from flask_login import current_user

from reintegration.accounts.models import Role
from reintegration.api.auth import roles_allowed
from reintegration.api.blueprint import ApiBlueprint
from reintegration.api.http import not_found, paged_list
from reintegration.api.schemas.common import MAX_ID
from reintegration.api.schemas.reports import (
    SnapshotListArgsSchema,
    SnapshotPageSchema,
    SnapshotSchema,
)
from reintegration.core import audit
from reintegration.core.database import commit_keeping_loaded
from reintegration.reports.services import presentation, snapshots

REPORT_ROLES = (Role.COMMITTEE_VIEWER, Role.PROVINCE_OFFICER)

blp = ApiBlueprint(
    "api_reports",
    __name__,
    path="/report-snapshots",
    tag="Reports",
    description="Periodic report snapshots: aggregate figures, never names.",
)


@blp.route("", methods=["GET"])
@roles_allowed(*REPORT_ROLES)
@blp.arguments(SnapshotListArgsSchema, location="query")
@blp.response(200, SnapshotPageSchema)
def list_snapshots(args: dict):
    """The reports of your area: the latest version of each period, newest period first"""
    latest = snapshots.latest_snapshots(current_user, args["kind"], limit=None)
    return paged_list(latest, args)


@blp.route(f"/<int(min=1, max={MAX_ID}):snapshot_id>", methods=["GET"])
@roles_allowed(*REPORT_ROLES)
@blp.response(200, SnapshotSchema)
def read_snapshot(snapshot_id: int):
    """Read a report: every figure, for the area and per commune (or province)

    As the report page shows it to you: for committee viewers, a count of 1 to 4 is
    `"< 5"` with `value` null, and a sum of money that follows such a count is hidden.
    Audited as an export.
    """
    snapshot = snapshots.snapshot_for(current_user, snapshot_id)
    if snapshot is None:
        raise not_found()
    report = presentation.present(snapshot, current_user)
    audit.record(
        "report_exported",
        snapshot,
        user=current_user,
        detail={"format": "api", "suppressed": report.suppress},
    )
    commit_keeping_loaded()
    return report
