"""The installable app: its manifest, its service worker, the page that works offline, and
the page the service worker shows offline for every page that needs the network.

None of these holds a person's data: the pages are the same for everyone (the data a phone
keeps lives encrypted in the browser's storage), so the service worker may cache them and
anyone may fetch them.
"""

import hashlib
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.models import Role
from reintegration.casework.models import ContactKind
from reintegration.casework.services.contacts import MAX_TEXT
from reintegration.core import audit
from reintegration.core.auth import roles_required
from reintegration.core.pagination import paginate
from reintegration.extensions import db
from reintegration.offline.services import sync

bp = Blueprint("offline", __name__)

SERVICE_WORKER = "js/offline/sw.js"
# The files whose change must reach the phones: the service worker's version follows them.
VERSIONED = ("js/offline", "css/app.css", "js/app.js")
THEME = "#0b4fa8"


@cache
def _assets_digest(static_folder: str) -> str:
    digest = hashlib.sha256()
    root = Path(static_folder)
    for name in VERSIONED:
        path = root / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                digest.update(file.name.encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def assets_version() -> str:
    """Changes when a file the phones cache changes (and with the app's code release)."""
    return _assets_digest(current_app.static_folder)


@bp.app_context_processor
def inject_service_worker():
    return {"service_worker_url": lambda: url_for("offline.service_worker", v=assets_version())}


@bp.get("/sw.js")
def service_worker():
    """Served at the root so that its scope covers the whole app."""
    script = (Path(current_app.static_folder) / SERVICE_WORKER).read_bytes()
    response = current_app.response_class(script, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/manifest.webmanifest")
def manifest():
    """What "Add to home screen" installs (browsers fetch it without the cookie: it is in
    the default language, Vietnamese)."""
    icons = [
        {
            "src": url_for("static", filename=f"icons/app-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any",
        }
        for size in (192, 512)
    ]
    body = {
        "name": _("Community reintegration"),
        "short_name": _("Reintegration"),
        "description": _("Follow-up of people back in the community after prison."),
        "lang": str(current_app.config["BABEL_DEFAULT_LOCALE"]),
        "start_url": url_for("offline.visits"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": icons,
    }
    response = current_app.response_class(
        current_app.json.dumps(body), mimetype="application/manifest+json"
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/offline/")
def visits():
    """ "Visits on this phone": the page that works without a connection. Its data is in
    the browser's storage, encrypted; the page itself holds none."""
    return render_template(
        "offline/visits.html",
        kinds=[(kind.value, kind.label) for kind in OFFLINE_KINDS],
        max_text=MAX_TEXT,
    )


@bp.get("/offline/unavailable")
def unavailable():
    """What the service worker shows, offline, instead of a page that needs the network."""
    return render_template("offline/unavailable.html")


# The contacts a caseworker records away from the office's connection.
OFFLINE_KINDS = (ContactKind.HOME_VISIT, ContactKind.PHONE_CALL, ContactKind.OFFICE_VISIT)


@bp.get("/offline/handed-over")
@roles_required(Role.PROVINCE_OFFICER)
def handed_over():
    """Entries made offline that their caseworkers could not send (the case was no longer
    theirs), handed to the province's officers: what was typed, to act on. Audited."""
    page = paginate(sync.handed_over_query(current_user))
    entries = list(page.items)
    if entries:
        audit.record(
            "offline_handed_over_read",
            current_user,
            user=current_user,
            detail={"case_ids": sorted({entry.case_id for entry in entries})},
        )
        db.session.commit()
    kinds = dict(ContactKind.choices())
    return render_template(
        "offline/handed_over.html", page=page, entries=entries, contact_kinds=kinds
    )
