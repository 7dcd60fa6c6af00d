"""One error shape for the whole API, in the user's language:

    {"errors": [{"field": "birth_year", "code": "required", "message": "Trường này là bắt buộc."}]}

``field`` names the request field at fault (null when none), ``code`` is stable for
programs, ``message`` is for people: in the language of the account (token or session), or
of ``Accept-Language`` when nobody is signed in. Refusals from the services (DomainError)
keep their field, code and message; each code has its HTTP status below.
"""

from collections.abc import Mapping

from flask import current_app, jsonify, request
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException, default_exceptions
from werkzeug.routing import RequestRedirect

from reintegration.core.errors import own_description, too_large_message
from reintegration.core.exceptions import DomainError
from reintegration.extensions import db

# DomainError.code → HTTP status (anything else: 422).
DOMAIN_STATUS = {
    "forbidden": 403,
    "conflict": 412,
    "duplicate": 409,
    "full": 409,
    "similar": 409,
    "wrong_state": 409,
}


class ApiError(Exception):
    """Raised by API code to answer with one error (and optional extra keys). ``message``
    is a lazy string (``lazy_gettext``): it is translated when the answer is made, in the
    language ``api_locale`` chooses."""

    def __init__(
        self,
        status: int,
        code: str,
        message,
        *,
        field: str | None = None,
        headers: Mapping[str, str] | None = None,
        **extra,
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = dict(headers or {})
        self.extra = extra


def stale(current: int | None) -> ApiError:
    extra = {} if current is None else {"current_version": current}
    return ApiError(
        412,
        "stale_version",
        _l(
            "This record has changed since you read it. Read it again, then retry with its "
            "current version."
        ),
        **extra,
    )


def api_locale() -> str:
    """The account's language, else the best of Accept-Language, else Vietnamese."""
    languages = current_app.config["LANGUAGES"]
    user = current_user
    if user and user.is_authenticated and user.locale in languages:
        return user.locale
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def item(code: str, message: str, field: str | None = None) -> dict:
    return {"field": field, "code": code, "message": message}


def error_response(status: int, errors: list[dict], headers=None, **extra):
    response = jsonify({"errors": errors, **extra})
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


# --- the messages of HTTP errors ---------------------------------------------------------


def status_message(status: int) -> tuple[str, str]:
    """(code, message) for an HTTP error raised without a more precise one."""
    messages = {
        400: ("bad_request", lambda: _("The request could not be understood.")),
        401: (
            "unauthenticated",
            lambda: _(
                "Authentication is needed: send an API token (Authorization: Bearer …) or sign in."
            ),
        ),
        403: (
            "forbidden",
            lambda: _(
                "Your role does not give access to this. If your work needs it, ask your "
                "administrator."
            ),
        ),
        404: ("not_found", lambda: _("Not found, or outside the area your account covers.")),
        405: ("method_not_allowed", lambda: _("This method is not allowed here.")),
        413: ("request_entity_too_large", too_large_message),
        429: (
            "too_many_requests",
            lambda: _("Too many requests in a short time. Please wait a moment and try again."),
        ),
    }
    if status in messages:
        code, message = messages[status]
        return code, message()
    if status >= 500:
        return "server_error", _(
            "The system could not finish this request. Nothing was saved. Please try again; "
            "if it happens again, tell your administrator."
        )
    return "bad_request", _("The request could not be understood.")


# --- validation messages -----------------------------------------------------------------
# The schemas' fields report codes (reintegration.api.schemas.common); here they become
# messages. Most reuse the pages' form messages, so they are translated already.


def validation_item(field: str | None, raw: str) -> dict:
    kind, _sep, params = str(raw).partition(":")
    values = params.split(":") if params else []
    if kind in ("required", "null"):
        return item(kind, _("This field is required."), field)
    if kind == "invalid":
        messages = {
            "integer": lambda: _("Not a valid integer value."),
            "date": lambda: _("Not a valid date value."),
            "decimal": lambda: _("Not a valid decimal value."),
        }
        return item("invalid", messages.get(params, lambda: _("Invalid input."))(), field)
    if kind == "choice":
        return item("invalid_choice", _("Not a valid choice."), field)
    if kind == "too_long" and values[0].isdigit():
        n = int(values[0])
        message = ngettext(
            "Field cannot be longer than %(max)d character.",
            "Field cannot be longer than %(max)d characters.",
            n,
            max=n,
        )
        return item("too_long", message, field)
    if kind == "out_of_range" and len(values) == 2:
        message = _("Number must be between %(min)s and %(max)s.", min=values[0], max=values[1])
        return item("out_of_range", message, field)
    if kind == "unknown":
        return item("unknown_field", _("Unknown field."), field)
    return item("invalid", _("Invalid input."), field)


def flatten(messages, path: tuple = ()) -> list[tuple[str | None, str]]:
    """webargs' nested messages ({"json": {"a": {0: ["x"]}}}) as (dotted field, message)."""
    if isinstance(messages, Mapping):
        pairs = []
        for key, value in messages.items():
            pairs += flatten(value, (*path, str(key)))
        return pairs
    if isinstance(messages, list | tuple):
        pairs = []
        for value in messages:
            pairs += flatten(value, path)
        return pairs
    names = [p for p in path[1:] if p != "_schema"]  # path[0] is the location
    return [(".".join(names) or None, messages)]


def validation_errors(messages) -> list[dict]:
    return [validation_item(field, raw) for field, raw in flatten(messages)]


# --- handlers ----------------------------------------------------------------------------


def handle_api_error(error: ApiError):
    with force_locale(api_locale()):
        message = str(error.message)
    return error_response(
        error.status,
        [item(error.code, message, error.field)],
        headers=error.headers,
        **error.extra,
    )


def handle_domain_error(error: DomainError):
    """A service said no: its message is already in the user's language; what programs
    need besides (``DomainError.details``) goes beside the errors."""
    db.session.rollback()
    status = DOMAIN_STATUS.get(error.code, 422)
    return error_response(status, [item(error.code, error.message, error.field)], **error.details())


def handle_stale_data(_error: StaleDataError):
    """Two saves of one record at the same moment: the second is refused as a save based
    on an older version is (412), with nothing saved."""
    db.session.rollback()
    return handle_api_error(stale(None))


def handle_http_error(error: HTTPException):
    status = error.code or 500
    if status >= 500:
        db.session.rollback()
    headers = {}
    if status == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)
    with force_locale(api_locale()):
        if isinstance(error, CSRFError):
            errors = [
                item(
                    "csrf",
                    _(
                        "The CSRF token is missing or wrong: pages send it in the X-CSRFToken "
                        "header; other programs use an API token."
                    ),
                )
            ]
        elif status in (400, 422) and getattr(error, "data", {}).get("messages"):
            errors = validation_errors(error.data["messages"])
            if status == 400:  # webargs: the body is not JSON at all
                errors = [item("invalid_json", _("The request could not be understood."))]
        else:
            code, message = status_message(status)
            message = own_description(error) or message
            if status not in (400, 500) and code in ("bad_request", "server_error"):
                code = error.name.lower().replace(" ", "_")  # e.g. request_entity_too_large
            errors = [item(code, message)]
    return error_response(status, errors, headers=headers)


def register_error_handlers(blueprint) -> None:
    """On each API blueprint, by status code: the app's own handlers (HTML pages) are
    registered by code too, and a blueprint's come first only when both are by code."""
    blueprint.register_error_handler(ApiError, handle_api_error)
    blueprint.register_error_handler(DomainError, handle_domain_error)
    blueprint.register_error_handler(StaleDataError, handle_stale_data)
    for status in default_exceptions:
        blueprint.register_error_handler(status, handle_http_error)


def json_routing_error(exception):
    """For the app's before_request: routing failures under /api/v1/ (no blueprint matched,
    so the blueprints' handlers cannot answer them)."""
    if isinstance(exception, RequestRedirect) or not isinstance(exception, HTTPException):
        return None
    return handle_http_error(exception)
