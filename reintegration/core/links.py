"""Links to the application's pages, built the same way inside a request and outside one
(the scheduler, a `flask` command).

Inside a request ``url_for`` knows the host from the request. Outside one it has nothing
to go on, so the address readers use is configured: ``SERVER_NAME`` (host and port, from
REINTEGRATION_SERVER_NAME) and ``PREFERRED_URL_SCHEME`` (REINTEGRATION_URL_SCHEME). A path
needs neither (the inbox stores paths, opened on the site itself); a whole address for an
e-mail needs the server name, and without one there is none to give.
"""

from flask import current_app, has_request_context, url_for
from werkzeug.routing import MapAdapter

# Any host does to build a path: only the path of what the adapter builds is used.
_PATH_ONLY_HOST = "localhost"


def _adapter() -> MapAdapter:
    """A URL adapter for the configured server (or any host, for paths)."""
    app = current_app
    return app.url_map.bind(
        app.config.get("SERVER_NAME") or _PATH_ONLY_HOST,
        script_name=app.config.get("APPLICATION_ROOT") or "/",
        url_scheme=app.config.get("PREFERRED_URL_SCHEME") or "http",
    )


def path_for(endpoint: str, **values) -> str:
    """The path of a page on this site ("/loans/7"), the kind the inbox opens."""
    if has_request_context():
        return url_for(endpoint, **values)
    return _adapter().build(endpoint, values)


def external_url(path: str) -> str | None:
    """The whole address of a path on this site, for a reader outside it (an e-mail); None
    when no server name is configured (outside a request nothing else tells the host)."""
    server = current_app.config.get("SERVER_NAME")
    if not server:
        return None
    scheme = current_app.config.get("PREFERRED_URL_SCHEME") or "http"
    return f"{scheme}://{server}{path}"
