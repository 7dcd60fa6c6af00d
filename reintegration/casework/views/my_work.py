""" "My work today": the start page of caseworkers and province officers, and a page with
every line of one of its blocks."""

from flask import abort, redirect, render_template, url_for
from flask_login import current_user

from reintegration.accounts.auth import casework_roles
from reintegration.accounts.models import Role
from reintegration.casework.services import my_work as service
from reintegration.casework.services.waiting import officer_waiting
from reintegration.casework.views import bp
from reintegration.core.clock import today_local
from reintegration.core.pagination import paginate
from reintegration.notifications.services import render_message


def my_work_page():
    """Rendered by the core start page ("/") for the roles that follow cases."""
    today = today_local()
    officer = current_user.role == Role.PROVINCE_OFFICER
    return render_template(
        "casework/my_work.html",
        blocks=service.my_work(current_user, today),
        waiting=officer_waiting(current_user) if officer else None,
        today=today,
        render_message=render_message,
        count_cap=service.COUNT_CAP,
    )


@bp.record_once
def _register_start_page(state) -> None:
    pages = state.app.extensions.setdefault("start_pages", {})
    pages[Role.CASEWORKER] = my_work_page
    pages[Role.PROVINCE_OFFICER] = my_work_page


@bp.get("/work/<block>")
@casework_roles
def work_block(block: str):
    """Every line of one block of "my work today", a page at a time."""
    if block == "notifications":
        return redirect(url_for("notifications.inbox"))
    if block not in service.BLOCKS:
        abort(404)
    today = today_local()
    return render_template(
        "casework/work_block.html",
        block=block,
        page=paginate(service.block_query(block, current_user, today)),
        today=today,
    )
