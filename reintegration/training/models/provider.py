"""A training provider: a vocational school, an Employment Service Centre or an enterprise."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.accounts.models import Role, User
from reintegration.core.enums import enum_column
from reintegration.core.models import NameInVietnameseOrder, TimestampMixin
from reintegration.extensions import db
from reintegration.geo.models import Commune, Province
from reintegration.training.models.enums import ProviderKind


class TrainingProvider(NameInVietnameseOrder, TimestampMixin, db.Model):
    __tablename__ = "training_providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ProviderKind] = mapped_column(enum_column(ProviderKind))
    # Province-level reference data: the province's users see it, its officers keep it.
    province_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"), index=True)
    commune_code: Mapped[int | None] = mapped_column(ForeignKey("communes.code"))
    address: Mapped[str | None] = mapped_column(String(300))
    contact: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    # Edits carry the version they started from (the people pattern): a stale save is refused.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    province: Mapped[Province] = relationship()
    commune: Mapped[Commune | None] = relationship()

    def can_keep(self, user: User) -> bool:
        """The province's officers keep its providers and their courses; caseworkers read
        them to refer people (the catalogue is shared by every commune of the province)."""
        return keeps_catalogue(user, self.province_code)

    def __repr__(self) -> str:
        return f"<TrainingProvider {self.id} {self.name}>"


def keeps_catalogue(user: User, province_code: int) -> bool:
    """Whether ``user`` creates and edits the training providers and courses of a province."""
    return user.role == Role.PROVINCE_OFFICER and user.province_code == province_code
