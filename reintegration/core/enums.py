"""A string enum stored by value, with a translated label for the interface."""

import enum

from sqlalchemy import Enum


class LabelledEnum(enum.StrEnum):
    """Subclasses define ``_labels()`` returning {member: lazy_gettext(...)}."""

    @property
    def label(self) -> str:
        return str(type(self)._labels()[self])

    @classmethod
    def _labels(cls) -> dict:
        raise NotImplementedError

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


def enum_column(enum_class: type[enum.Enum]) -> Enum:
    """Stored as its value in a VARCHAR with a CHECK, alike on SQLite and PostgreSQL."""
    return Enum(
        enum_class,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
