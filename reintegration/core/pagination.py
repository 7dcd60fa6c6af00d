"""Page numbers over a query, with the total."""

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from reintegration.extensions import db

# Nobody pages further than this; a larger ?page= (99999999999999999999 overflows the
# database's integers) is read as this page, which is simply empty.
MAX_PAGE = 10_000


def page_number() -> int:
    """The page named by ?page=: 1 when it is missing or not a whole number, and never
    below 1 nor above MAX_PAGE. Every list reads its page through here."""
    number = request.args.get("page", 1, type=int)
    return max(1, min(number, MAX_PAGE))


def paginate(stmt: Select) -> Pagination:
    """The page named by ?page= (bad or out-of-range numbers fall back rather than fail)."""
    return db.paginate(
        stmt,
        page=page_number(),
        per_page=current_app.config["PAGE_SIZE"],
        max_per_page=100,
        error_out=False,
    )
