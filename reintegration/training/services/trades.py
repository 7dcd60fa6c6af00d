"""The shared list of trades and skills (the rows the migration seeds)."""

from flask_babel import get_locale
from sqlalchemy import select

from reintegration.extensions import db
from reintegration.training.models import Trade


def all_trades() -> list[Trade]:
    return list(db.session.scalars(select(Trade).order_by(Trade.sort_order, Trade.code)))


def trade_names(codes=None) -> dict[str, str]:
    """code → the name in the reader's language."""
    try:
        locale = str(get_locale() or "vi")
    except (RuntimeError, AttributeError):
        locale = "vi"
    stmt = select(Trade)
    if codes is not None:
        stmt = stmt.where(Trade.code.in_(list(codes)))
    return {trade.code: trade.label(locale) for trade in db.session.scalars(stmt)}


def trade_choices() -> list[tuple[str, str]]:
    names = trade_names()
    return [(t.code, names[t.code]) for t in all_trades()]
