"""Pages every role shares: the start page and the language switch. (The audit log is
read at /admin/audit: reintegration/auditlog.)"""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    session,
    url_for,
)
from flask_login import current_user, login_required

from reintegration.core.forms import LanguageForm
from reintegration.core.i18n import select_locale
from reintegration.extensions import db

bp = Blueprint("core", __name__)


def safe_next(target: str | None, fallback: str) -> str:
    """Only same-site paths: a crafted ?next= must not send users elsewhere (browsers read
    "//host" and "/\\host" as another site)."""
    if target and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/"):
            return target
    return fallback


@bp.get("/")
@login_required
def home():
    """The start page. A domain may give a role its own (casework's "my work today" for
    caseworkers and province officers, registered in ``app.extensions["start_pages"]``);
    the other roles see their menu."""
    start_page = current_app.extensions.get("start_pages", {}).get(current_user.role)
    if start_page is not None:
        return start_page()
    return render_template("core/home.html")


@bp.post("/language")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            current_user.locale = form.locale.data
            db.session.commit()
    return redirect(safe_next(form.next.data, url_for("core.home")))


@bp.app_context_processor
def inject_language_form():
    return {"language_form": LanguageForm(formdata=None), "active_locale": select_locale}
