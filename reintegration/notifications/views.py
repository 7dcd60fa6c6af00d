"""The inbox: every role has one."""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user, login_required

from reintegration.core.pagination import paginate
from reintegration.core.views import safe_next
from reintegration.extensions import db
from reintegration.notifications import services
from reintegration.notifications.models import Notification

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def inbox():
    page = paginate(services.inbox_query(current_user))
    return render_template(
        "notifications/inbox.html", page=page, render_message=services.render_message
    )


@bp.post("/<int:notification_id>/open")
@login_required
def open_notification(notification_id: int):
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    services.mark_read(current_user, notification.id)
    db.session.commit()
    return redirect(safe_next(notification.link, url_for(".inbox")))


@bp.post("/read")
@login_required
def mark_all_read():
    services.mark_read(current_user)
    db.session.commit()
    return redirect(url_for(".inbox"))


@bp.app_context_processor
def inject_unread_count():
    if current_user and current_user.is_authenticated:
        return {"unread_notifications": services.unread_count(current_user)}
    return {"unread_notifications": 0}
