"""HTTP conventions the API modules share: versions (ETag / If-Match), "not found", and
pages of results with their links."""

import re
from collections.abc import Iterable
from math import ceil

from flask import request, url_for
from flask_babel import lazy_gettext as _l

from reintegration.api.errors import ApiError, stale
from reintegration.extensions import db

IF_MATCH_PARAMETER = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "description": 'The ETag (or just the version) you read: W/"3", "3" or 3. A write '
    "based on an older version is refused with 412; without this header, 428.",
    "schema": {"type": "string"},
}
ETAG_HEADER = {
    "ETag": {
        "description": 'W/"<version>": send it back in If-Match to change the record.',
        "schema": {"type": "string"},
    }
}
_VERSION = re.compile(r'^(?:W/)?"?([0-9]{1,9})"?$')


def etag(version: int) -> str:
    return f'W/"{version}"'


def versioned(body, version: int, status: int = 200):
    """A view's return value with the record's ETag."""
    return body, status, {"ETag": etag(version)}


def expected_version() -> int:
    """The version the client read, from If-Match: 428 without it, 412 when it cannot be
    a version of anything."""
    raw = (request.headers.get("If-Match") or "").strip()
    if not raw:
        raise ApiError(
            428,
            "version_required",
            _l(
                "Send the version you read in an If-Match header, so that a newer change is "
                "not overwritten."
            ),
        )
    match = _VERSION.match(raw)
    if match is None:
        raise stale(None)
    return int(match.group(1))


def check_version(current: int) -> None:
    """For records whose services take no expected version (loan applications)."""
    if expected_version() != current:
        raise stale(current)


def not_found() -> ApiError:
    return ApiError(404, "not_found", _l("Not found, or outside the area your account covers."))


def page_links(page: int, pages: int) -> dict[str, str | None]:
    """URLs of the next and previous pages, keeping the other query arguments."""

    def link(number: int) -> str:
        args = request.args.to_dict(flat=False)
        args["page"] = [str(number)]
        return url_for(request.endpoint, **{**args, **(request.view_args or {})})

    return {
        "next": link(page + 1) if page < pages else None,
        "prev": link(page - 1) if page > 1 else None,
    }


def paged(items, *, page: int, per_page: int, total: int, capped: bool = False, cap=None):
    """The page envelope and its Link header. ``cap``: the count stopped there."""
    counted = min(total, cap) if cap else total
    pages = max(1, ceil(counted / per_page))
    links = page_links(page, pages)
    body = {
        "items": items,
        "page": page,
        "per_page": per_page,
        "total": total,
        "total_capped": capped,
        "pages": pages,
        **links,
    }
    link_header = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
    return body, 200, ({"Link": link_header} if link_header else {})


def paged_query(stmt, args: dict):
    """One page of a query's rows (``args``: the page and per_page asked)."""
    found = db.paginate(
        stmt, page=args["page"], per_page=args["per_page"], max_per_page=100, error_out=False
    )
    return paged(found.items, page=args["page"], per_page=args["per_page"], total=found.total)


def paged_list(rows: list, args: dict):
    """One page of a list already read whole (a case's placements, referrals, transfers, the
    reports of an area), each row dumped by the response's schema."""
    page, per_page = args["page"], args["per_page"]
    start = (page - 1) * per_page
    return paged(rows[start : start + per_page], page=page, per_page=per_page, total=len(rows))


def one_of(rows: Iterable, row_id: int):
    """The row of ``rows`` (what the case file lists) with this id, else 404."""
    for row in rows:
        if row.id == row_id:
            return row
    raise not_found()
