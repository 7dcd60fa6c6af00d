"""The union reviewers' queue: the applications of their organisation in their province."""

from flask import render_template, request
from flask_login import current_user

from reintegration.accounts.models import Role
from reintegration.core.clock import today_local
from reintegration.core.database import count_up_to
from reintegration.core.pagination import paginate
from reintegration.extensions import db
from reintegration.loans.services.access import (
    past_review_deadline,
    review_queue_query,
    waiting_to_take,
)
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


LINES = 10
COUNT_CAP = 999


def reviewer_start_page():
    """The union reviewer's start page (rendered by "/"): what waits for them."""
    today = today_local()
    blocks = {}
    for name, stmt in (
        ("to_take", waiting_to_take(current_user)),
        ("late", past_review_deadline(current_user, today)),
    ):
        blocks[name] = {
            "items": db.session.scalars(stmt.limit(LINES)).all(),
            "total": count_up_to(stmt, COUNT_CAP + 1),
        }
    return render_template("loans/start.html", blocks=blocks, today=today, count_cap=COUNT_CAP)


@bp.record_once
def _register_start_page(state) -> None:
    state.app.extensions.setdefault("start_pages", {})[Role.UNION_REVIEWER] = reviewer_start_page
