"""The access decorator: a view for some roles only. The roles are the accounts domain's
(``accounts.models.Role``); ``accounts.auth.admin_required`` is the administrators' one."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def roles_required(*roles) -> Callable:
    """Signed-in users with one of ``roles`` pass; others get 403 (anonymous: the login page)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # read by the navigation and the route tests
        return wrapped

    return decorator
