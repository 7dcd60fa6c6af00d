"""Login, logout, password change, and the administrators' user management."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import or_, select

from reintegration.accounts import services
from reintegration.accounts.auth import (
    account_limit,
    address_limit,
    admin_required,
    login_address,
    login_failed,
    mark_login_failed,
    submitted_username,
    verify_password,
)
from reintegration.accounts.forms import LoginForm, PasswordChangeForm, UserForm
from reintegration.accounts.models import Organisation, Role, User
from reintegration.core.actions import run_service
from reintegration.core.forms import mark_refused
from reintegration.core.pagination import paginate
from reintegration.core.text import in_vietnamese_order
from reintegration.core.views import safe_next
from reintegration.extensions import db, limiter
from reintegration.geo.models import Commune, Province

auth_bp = Blueprint("auth", __name__)
admin_bp = Blueprint("accounts_admin", __name__, url_prefix="/admin/users")


@auth_bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    account_limit,
    key_func=submitted_username,
    methods=["POST"],
    deduct_when=login_failed,
    scope="login-account",
)
@limiter.limit(
    address_limit,
    key_func=login_address,
    methods=["POST"],
    deduct_when=login_failed,
    scope="login-address",
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.username.data, form.password.data)
        if user is not None:
            login_user(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next"), url_for("core.home")))
        db.session.commit()  # keeps the failed-login audit event
        mark_login_failed()
        flash(_("Wrong username or password."), "danger")
    elif request.method == "POST":
        mark_login_failed()
    return render_template("accounts/login.html", form=form)


@auth_bp.errorhandler(429)
def too_many_attempts(_error):
    """Said the same way whether the name exists or not, so it tells nobody which."""
    form = LoginForm(formdata=None)
    flash(
        _(
            "Too many failed login attempts. For safety, logging in is paused: "
            "please wait 15 minutes and try again."
        ),
        "danger",
    )
    return render_template("accounts/login.html", form=form), 429


@auth_bp.post("/logout")
@login_required
def logout():
    services.log_out(current_user._get_current_object())
    db.session.commit()
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@auth_bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("The current password is wrong."))
            mark_refused()
        else:
            user = current_user._get_current_object()
            changed, _refusal = run_service(
                lambda: services.set_password(user, form.password.data, actor=user), form
            )
            if changed:
                login_user(user)  # this session goes on with the new token
                flash(
                    _(
                        "Your password has been changed; other sessions are logged out and "
                        "your API tokens revoked."
                    ),
                    "success",
                )
                return redirect(url_for("core.home"))
    return render_template("accounts/change_password.html", form=form)


# --- administrators: users and scopes ------------------------------------------------


@admin_bp.get("/")
@admin_required
def users():
    query = (request.args.get("q") or "").strip()
    role = request.args.get("role") or ""
    stmt = select(User).order_by(User.username)
    if query:
        pattern = f"%{query.lower()}%"
        stmt = stmt.where(or_(User.username.like(pattern), User.full_name.ilike(f"%{query}%")))
    if role in {r.value for r in Role}:
        stmt = stmt.where(User.role == Role(role))
    return render_template(
        "accounts/users.html", page=paginate(stmt), roles=list(Role), query=query, role=role
    )


def user_form(user: User | None = None) -> UserForm:
    provinces = in_vietnamese_order(db.session.scalars(select(Province)))
    province_code = request.form.get("province_code", type=int) or (user and user.province_code)
    communes = (
        in_vietnamese_order(
            db.session.scalars(select(Commune).where(Commune.province_code == province_code))
        )
        if province_code
        else []
    )
    form = UserForm(obj=user, provinces=provinces, communes=communes)
    form.province_code.render_kw = {
        "data-communes-url": url_for("geo.province_communes_json", code=0)
    }
    if user is not None and request.method == "GET":
        form.commune_codes.data = [c.code for c in user.communes]
        form.organisation.data = user.organisation.value if user.organisation else ""
        form.role.data = user.role.value
    return form


def scope_from(form: UserForm) -> services.Scope:
    return services.Scope(
        province_code=form.province_code.data,
        organisation=Organisation(form.organisation.data) if form.organisation.data else None,
        commune_codes=tuple(form.commune_codes.data or ()),
    )


@admin_bp.route("/new", methods=["GET", "POST"])
@admin_required
def create():
    form = user_form()
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors = [_("Set a first password for the account.")]
            mark_refused()
        else:
            created, user = run_service(
                lambda: services.create_user(
                    username=form.username.data,
                    full_name=form.full_name.data,
                    email=form.email.data,
                    role=Role(form.role.data),
                    password=form.password.data,
                    scope=scope_from(form),
                    actor=current_user,
                ),
                form,
            )
            if created:
                flash(_("Account %(name)s created.", name=user.username), "success")
                return redirect(url_for(".users"))
    return render_template("accounts/user_form.html", form=form, user=None)


@admin_bp.route("/<int:user_id>", methods=["GET", "POST"])
@admin_required
def edit(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = user_form(user)
    del form.username  # usernames are fixed once created: the audit log refers to them
    if form.validate_on_submit():

        def save() -> None:
            services.update_user(
                user,
                full_name=form.full_name.data,
                email=form.email.data,
                role=Role(form.role.data),
                scope=scope_from(form),
                active=form.active.data,
                actor=current_user,
            )
            if form.password.data and user.id == current_user.id:
                services.set_password(user, form.password.data, actor=current_user)
            elif form.password.data:
                services.reset_password(user, form.password.data, actor=current_user)

        if run_service(save, form)[0]:
            flash(_("Account %(name)s saved.", name=user.username), "success")
            return redirect(url_for(".users"))
    return render_template("accounts/user_form.html", form=form, user=user)
