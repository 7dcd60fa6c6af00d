"""The inbox: every role has one."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reintegration.core.pagination import paginate
from reintegration.core.views import safe_next
from reintegration.extensions import db
from reintegration.notifications import services
from reintegration.notifications.forms import EmailChoicesForm
from reintegration.notifications.kinds import kinds_for
from reintegration.notifications.models import Notification

# The inbox under /notifications/, and the account page where each user chooses e-mail.
bp = Blueprint("notifications", __name__)


@bp.get("/notifications/")
@login_required
def inbox():
    page = paginate(services.inbox_query(current_user))
    return render_template(
        "notifications/inbox.html", page=page, render_message=services.render_message
    )


@bp.post("/notifications/<int:notification_id>/open")
@login_required
def open_notification(notification_id: int):
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    services.mark_read(current_user, notification.id)
    db.session.commit()
    return redirect(safe_next(notification.link, url_for(".inbox")))


@bp.post("/notifications/read")
@login_required
def mark_all_read():
    services.mark_read(current_user)
    db.session.commit()
    return redirect(url_for(".inbox"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """The user's account: who they are, and which notices also come by e-mail (the inbox
    always has every one)."""
    user = current_user._get_current_object()
    kinds = kinds_for(user.role)
    form = EmailChoicesForm()
    form.by_email.choices = [(kind.code, kind.label) for kind in kinds]
    if form.validate_on_submit():
        services.choose_email(user, set(form.by_email.data or ()))
        db.session.commit()
        flash(_("Your choices are saved."), "success")
        return redirect(url_for(".account"))
    if not form.is_submitted():
        form.by_email.data = [
            code for code, wanted in services.email_choices(user).items() if wanted
        ]
    return render_template("notifications/account.html", form=form, kinds=kinds)


@bp.app_context_processor
def inject_unread_count():
    if current_user and current_user.is_authenticated:
        return {"unread_notifications": services.unread_count(current_user)}
    return {"unread_notifications": 0}
