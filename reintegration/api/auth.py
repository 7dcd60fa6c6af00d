"""Who is calling the API.

- ``Authorization: Bearer rtk_…``: a personal API token. The request acts as the token's
  owner; no cookie is read or written, and no CSRF token is needed (a browser never sends
  this header by itself). A header that is present but wrong is refused: it never falls
  back to the cookie.
- Otherwise the page session cookie, for the pages' own scripts. Then every write
  (POST, PUT, PATCH, DELETE) must carry the CSRF token in the ``X-CSRFToken`` header, as a
  form does in its hidden field.
- Otherwise 401.

The API blueprints are exempt from the app-wide CSRF check only so that this module can
decide: the check is made here for every request that a token did not authenticate.
"""

from collections.abc import Callable
from functools import wraps

from flask import current_app, g, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reintegration.accounts.models import Role
from reintegration.accounts.tokens import authenticate_token
from reintegration.api.errors import ApiError
from reintegration.extensions import csrf

TOKEN = "token"  # noqa: S105 (how the request was authenticated, not a secret)
SESSION = "session"
REALM = 'Bearer realm="reintegration-api"'


def authenticate_request() -> None:
    """before_request of every API blueprint."""
    if request.method == "OPTIONS":
        return
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _sep, credentials = header.strip().partition(" ")
        user = authenticate_token(credentials.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            g._login_user = current_app.login_manager.anonymous_user()
            raise ApiError(
                401,
                "invalid_token",
                _l(
                    "The API token is not valid: it is unknown, expired or revoked, or its "
                    "account is disabled."
                ),
                headers={"WWW-Authenticate": REALM + ', error="invalid_token"'},
            )
        g._login_user = user  # Flask-Login's current_user for this request only
        g.api_auth = TOKEN
        return
    if current_user.is_authenticated:
        g.api_auth = SESSION
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()  # a CSRFError becomes the API's 400 "csrf"
        return
    raise ApiError(
        401,
        "unauthenticated",
        _l("Authentication is needed: send an API token (Authorization: Bearer …) or sign in."),
        headers={"WWW-Authenticate": REALM},
    )


def roles_allowed(*roles: Role) -> Callable:
    """Callers with another role get 403 before anything else is read."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                raise ApiError(
                    403,
                    "forbidden",
                    _l(
                        "Your role does not give access to this. If your work needs it, ask "
                        "your administrator."
                    ),
                )
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles
        return wrapped

    return decorator


CASEWORK_ROLES = (Role.CASEWORKER, Role.PROVINCE_OFFICER)
LOAN_ROLES = (Role.CASEWORKER, Role.PROVINCE_OFFICER, Role.UNION_REVIEWER)
