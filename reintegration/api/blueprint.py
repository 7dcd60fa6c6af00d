"""The blueprint every API module uses, and the Api that documents them.

An ``ApiBlueprint`` authenticates each request (``auth.authenticate_request``), answers
every error in the API's shape (``errors``), marks responses as not cacheable, and tags
its operations in the OpenAPI document. A new domain adds a module with one of these and
names it in ``reintegration.api.MODULES``.
"""

import json

from flask_smorest import Api, Blueprint
from webargs.flaskparser import FlaskParser

from reintegration.api.auth import authenticate_request
from reintegration.api.errors import register_error_handlers
from reintegration.api.schemas.common import ErrorSchema
from reintegration.extensions import csrf

URL_PREFIX = "/api/v1"


def _no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response


class BodyParser(FlaskParser):
    """webargs' parser, except that a body nested too deep to read (JSON 5,000 levels deep
    runs Python's reader out of stack) is refused as JSON that cannot be read (400), like
    any other malformed body, instead of failing the request."""

    def _raw_load_json(self, req):
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            # A document of its own: an empty one would be read as "no body at all".
            raise json.JSONDecodeError("nested too deeply", "(body)", 0) from None


class ApiBlueprint(Blueprint):
    ARGUMENTS_PARSER = BodyParser()

    def __init__(self, name: str, import_name: str, *, path: str, tag: str, description: str):
        super().__init__(name, import_name, url_prefix=URL_PREFIX + path, description=description)
        self.tag = tag
        # The app-wide CSRF check is skipped here only because authenticate_request makes
        # it itself, for every request a token did not authenticate.
        csrf.exempt(self)
        self.before_request(authenticate_request)
        self.after_request(_no_store)
        register_error_handlers(self)

    def route(self, rule, *, parameters=None, tags=None, **options):
        return super().route(rule, parameters=parameters, tags=tags or [self.tag], **options)


class ReintegrationApi(Api):
    """flask-smorest's Api with the project's error shape in the document, and without its
    app-wide JSON error handler (the pages keep their HTML error pages; each API blueprint
    has its own handlers)."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        pass

    def register_blueprint(self, blp, *, parameters=None, **options):
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        blp.register_views_in_doc(self, self._app, self.spec, name=name, parameters=parameters)
        self.spec.tag({"name": getattr(blp, "tag", name), "description": blp.description})
