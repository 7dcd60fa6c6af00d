"""A built report delivered by e-mail: its PDF, made when the e-mail is sent, attached to
the subscriber's notification. Made at send time for the reader as they are then (their
scope, small cells hidden for committee viewers), audited as an export. ``create_app``
registers the maker, so every process that sends e-mail has it."""

from flask import current_app, has_request_context

from reintegration.accounts.models import User
from reintegration.notifications.services import Attachment
from reintegration.reports.services import exports, snapshots


def report_pdf(snapshot_id: int, user: User) -> Attachment | None:
    """The PDF of snapshot ``snapshot_id`` as ``user`` may read it; None if they may not."""
    snapshot = snapshots.snapshot_for(user, snapshot_id)
    if snapshot is None:
        return None
    if has_request_context():
        content = exports.pdf(snapshot, user, channel="email")
    else:
        # The scheduler sends outside any request; the page context processors (the menu)
        # expect one, so the PDF is rendered in a bare one.
        with current_app.test_request_context():
            content = exports.pdf(snapshot, user, channel="email")
    return Attachment(exports.filename(snapshot, "pdf"), "application/pdf", content)
