"""Page numbers over a query, with the total."""

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from reintegration.extensions import db


def paginate(stmt: Select) -> Pagination:
    """The page named by ?page= (bad or out-of-range numbers fall back rather than fail)."""
    return db.paginate(
        stmt,
        page=request.args.get("page", 1, type=int),
        per_page=current_app.config["PAGE_SIZE"],
        max_per_page=100,
        error_out=False,
    )
