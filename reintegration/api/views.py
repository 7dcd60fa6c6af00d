"""The pages around the API: each user's tokens, an administrator's view of a user's tokens,
and the browsable documentation of the API (Swagger UI, served from static/vendor)."""

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from reintegration.accounts import tokens
from reintegration.accounts.auth import admin_required
from reintegration.accounts.models import ApiToken, User
from reintegration.api.blueprint import URL_PREFIX
from reintegration.api.forms import RevokeForm, TokenForm
from reintegration.core.actions import run_service
from reintegration.core.clock import now_utc
from reintegration.extensions import db

bp = Blueprint("api_pages", __name__)

SWAGGER_UI = "vendor/swagger-ui-dist-5.35.0"


def no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/api-tokens", methods=["GET", "POST"])
@login_required
def my_tokens():
    user = current_user._get_current_object()
    form = TokenForm()
    issued = None
    if form.validate_on_submit():
        done, result = run_service(
            lambda: tokens.issue_token(user, form.name.data, form.lifetime_days.data, actor=user),
            form,
        )
        if done:
            issued, form = result, TokenForm(formdata=None)
    # The clear token is in this answer only: it is never stored, so never shown again.
    page = render_template(
        "api/tokens.html",
        form=form,
        revoke_form=RevokeForm(formdata=None),
        tokens=tokens.tokens_of(user),
        issued=issued,
        now=now_utc(),
        docs_url=url_for("api_pages.docs"),
    )
    return no_store(make_response(page))


@bp.post("/account/api-tokens/<int:token_id>/revoke")
@login_required
def revoke_my_token(token_id: int):
    token = tokens.find_token_of(current_user, token_id) or abort(404)
    revoke(token, RevokeForm())
    return redirect(url_for(".my_tokens"))


@bp.get("/admin/users/<int:user_id>/api-tokens")
@admin_required
def user_tokens(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    return render_template(
        "api/user_tokens.html",
        user=user,
        tokens=tokens.tokens_of(user),
        revoke_form=RevokeForm(formdata=None),
        now=now_utc(),
    )


@bp.post("/admin/users/<int:user_id>/api-tokens/<int:token_id>/revoke")
@admin_required
def revoke_user_token(user_id: int, token_id: int):
    user = db.session.get(User, user_id) or abort(404)
    token = tokens.find_token_of(user, token_id) or abort(404)
    revoke(token, RevokeForm())
    return redirect(url_for(".user_tokens", user_id=user.id))


def revoke(token: ApiToken, form: RevokeForm) -> None:
    if not form.validate_on_submit():
        abort(400)
    if run_service(lambda: tokens.revoke_token(token, actor=current_user))[0]:
        flash(_("The token “%(name)s” is revoked: it no longer works.", name=token.name), "success")


@bp.get(URL_PREFIX + "/docs")
def docs():
    """Public, like the document it shows: it holds no data, only the API's shape."""
    return render_template(
        "api/docs.html", swagger_ui=SWAGGER_UI, spec_url=url_for("api-docs.openapi_json")
    )
