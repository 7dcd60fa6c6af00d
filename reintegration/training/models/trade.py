"""The one shared list of trades and skills.

Why in ``training`` rather than ``employment`` or ``core``: courses teach a trade and
openings ask for one, and completed courses feed job matching, so employment already
depends on training; training never needs employment. Keeping the list here keeps the
imports pointing one way (employment → training → people → core), and it is domain data
(vocational trades), not infrastructure, so it does not belong in ``core``.

The rows are seeded by the migration: the Vietnamese name is what users read (it is data,
like the names of communes), with an English name for the English interface.
"""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from reintegration.extensions import db


class Trade(db.Model):
    __tablename__ = "trades"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))  # Vietnamese
    name_en: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(default=0)

    def label(self, locale: str = "vi") -> str:
        return self.name_en if locale == "en" else self.name

    def __repr__(self) -> str:
        return f"<Trade {self.code}>"
