"""Access decorators, in one place."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from reintegration.accounts.models import Role


def roles_required(*roles: Role) -> Callable:
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


admin_required = roles_required(Role.ADMIN)
