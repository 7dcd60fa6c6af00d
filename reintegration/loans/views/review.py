"""The union reviewers' queue: the applications of their organisation in their province."""

from flask import render_template, request
from flask_login import current_user

from reintegration.core.clock import today_local
from reintegration.core.pagination import paginate
from reintegration.loans.services.access import review_queue_query
from reintegration.loans.views import bp
from reintegration.loans.views.common import reviewer_role


@bp.get("/loans/review")
@reviewer_role
def review_queue():
    waiting_only = request.args.get("show") != "all"
    page = paginate(review_queue_query(current_user, waiting_only=waiting_only))
    return render_template(
        "loans/review_queue.html", page=page, waiting_only=waiting_only, today=today_local()
    )
