"""The JSON API (``/api/v1/``) and its OpenAPI document.

The API calls the same services as the pages, through the same scope queries, and audits
reads as the pages do. Its parts:

- ``auth``: personal API tokens (``Authorization: Bearer rtk_…``) or the page session with
  its CSRF header; ``tokens`` and ``models``: the tokens themselves; ``views``: the pages
  where people create and revoke them, and the documentation page;
- ``errors``: one error shape, in the user's language; ``http``: versions (ETag, If-Match)
  and pages of results;
- one module per domain (``account``, ``people``, ``cases``, ``casework``, ``transfers``,
  ``training``, ``employment``, ``loans``, ``reports``), each
  with an ``ApiBlueprint`` named in MODULES, and its schemas in ``schemas/``. A schema is
  the only shape of its answer: it dumps the model objects (values a record does not hold
  as such, like the steps the reader may take, are ``computed`` fields), so what a role
  sees is what its schema declares, and the document says exactly that. A schema may dump
  a pair when the answer is more than one object: a report's figure with the report it is
  read in, an offline entry with whether this sending replayed it.
"""

from importlib import import_module

from flask import Flask, request

from reintegration.api.blueprint import URL_PREFIX, ReintegrationApi

# The domain modules, in the order of the document. Each has a module-level ``blp``.
MODULES = (
    "reintegration.api.account",
    "reintegration.api.people",
    "reintegration.api.addresses",
    "reintegration.api.cases",
    "reintegration.api.casework",
    "reintegration.api.offline",
    "reintegration.api.transfers",
    "reintegration.api.training",
    "reintegration.api.employment",
    "reintegration.api.loans",
    "reintegration.api.reports",
)

DESCRIPTION = """\
The JSON API of the community reintegration case manager. It applies the same rules as the
pages: each account sees only its role's data within its area, and every read of a case
file is kept in the audit log.

**Authentication.** A personal API token, created on the page *API tokens* (shown once):
`Authorization: Bearer rtk_…`. The pages' own scripts may use the session cookie instead;
their writes then carry the CSRF token in the `X-CSRFToken` header.

**Errors** always have the shape `{"errors": [{"field", "code", "message"}]}`; `message` is
in the account's language (or `Accept-Language`). Validation errors are 422, refused
steps 409 or 422, out-of-scope records 404, other roles' operations 403.

**Versions.** A record carries `version` and an `ETag` header (`W/"<version>"`). Every
change must send it back in `If-Match`: without it 428, with an older version 412 (the
body says what changed since). Transfers, training placements and job referrals have no
version: each step starts from given statuses, so a step someone else took first is 409.

**Lists** are pages: `page`, `per_page` (at most 100), `total` (counting stops at a cap,
then `total_capped` is true), `next`/`prev` links and a `Link` header.
"""


def api_settings() -> dict:
    return {
        "API_TITLE": "Reintegration API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": URL_PREFIX,
        "OPENAPI_JSON_PATH": "openapi.json",
        "API_SPEC_OPTIONS": {
            "info": {"description": DESCRIPTION},
            "servers": [{"url": "/"}],
            "components": {
                "securitySchemes": {
                    "bearerAuth": {
                        "type": "http",
                        "scheme": "bearer",
                        "bearerFormat": "rtk_…",
                        "description": "A personal API token.",
                    },
                    "sessionCookie": {
                        "type": "apiKey",
                        "in": "cookie",
                        "name": "session",
                        "description": "The pages' session; writes need X-CSRFToken.",
                    },
                }
            },
            "security": [{"bearerAuth": []}, {"sessionCookie": []}],
        },
    }


def init_app(app: Flask) -> None:
    """Register the API blueprints, the document, and the token and documentation pages."""
    from reintegration.api.errors import json_routing_error
    from reintegration.api.views import bp as pages_bp

    for key, value in api_settings().items():
        app.config.setdefault(key, value)
    api = ReintegrationApi(app)
    for name in MODULES:
        api.register_blueprint(import_module(name).blp)
    app.extensions["reintegration_api"] = api
    app.register_blueprint(pages_bp)

    @app.before_request
    def api_routing_errors():
        """An unknown path or method under /api/v1/ gets a JSON answer, not the HTML page."""
        if request.routing_exception is not None and request.path.startswith(URL_PREFIX + "/"):
            return json_routing_error(request.routing_exception)
        return None
