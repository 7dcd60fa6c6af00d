"""A person back in the community after prison."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import SORT_KEY, SORT_KEY_LENGTH, TimestampMixin
from reintegration.core.text import fold, name_key, nfc
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.countries import VIET_NAM, country_name


class Sex(LabelledEnum):
    MALE = "male"
    FEMALE = "female"

    @classmethod
    def _labels(cls):
        return {cls.MALE: _l("Male"), cls.FEMALE: _l("Female")}


def name_sort_key(full_name: str) -> str:
    """The stored sort key (core.text.name_key): given name first, in Vietnamese order.
    (A key longer than its column, from a name of dozens of words, is cut: such names
    sort by their first two hundred characters.)"""
    return name_key(full_name)[:SORT_KEY_LENGTH]


def name_match_key(full_name: str) -> str:
    """The folded name, given name first ("Nguyễn Văn An" as "an nguyen van"): what the
    similar-name check looks people up by (a given name that reads the same without
    diacritics)."""
    words = fold(full_name).split()
    return " ".join(words[-1:] + words[:-1])


def _match_key_default(context) -> str:
    """A row inserted without the model (bulk inserts) gets its match key from its name."""
    return name_match_key(context.get_current_parameters().get("full_name") or "")


def search_text(*parts: str | None) -> str:
    """What the search box looks through: "nguyen van an | ba an | 001085012345"."""
    return " | ".join(fold(part) for part in parts if part)


class Person(TimestampMixin, db.Model):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    other_names: Mapped[str | None] = mapped_column(String(300))
    # Derived from the names: the folded text search looks through, the Vietnamese sort
    # key (name_sort_key) and the folded given-name-first name the similar-name check looks
    # up (name_match_key). Each case carries a copy of the first two for the case list
    # (Case.search_text, Case.sort_key, kept by triggers).
    search_text: Mapped[str] = mapped_column(String(560))
    sort_key: Mapped[str] = mapped_column(SORT_KEY)
    match_key: Mapped[str] = mapped_column(
        String(200), default=_match_key_default, server_default=""
    )

    birth_date: Mapped[date | None] = mapped_column()
    birth_year: Mapped[int] = mapped_column()  # always known; old papers give only the year
    sex: Mapped[Sex] = mapped_column(enum_column(Sex))
    id_number: Mapped[str | None] = mapped_column(String(12), unique=True)
    old_id_number: Mapped[str | None] = mapped_column(String(9), index=True)
    # A data error shown, not hidden: the citizen ID number disagrees with the birth year or
    # sex (people.services.registration.identity_problems); cleared when a person resolves it.
    id_data_error: Mapped[str | None] = mapped_column(Text)
    # ISO 3166-1 alpha-2 ("VN"); "ZZ" not known or stateless (people.countries).
    nationality: Mapped[str] = mapped_column(String(100), default="VN")
    # A foreigner's passport (foreigners have no citizen ID number).
    passport_number: Mapped[str | None] = mapped_column(String(30))
    ethnicity: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(30))

    residence_commune_code: Mapped[int | None] = mapped_column(ForeignKey("communes.code"))
    residence_address: Mapped[str | None] = mapped_column(String(300))
    # The permanent address exactly as the release papers write it (often pre-2025 units).
    residence_as_written: Mapped[str | None] = mapped_column(Text)
    current_address: Mapped[str | None] = mapped_column(String(300))
    family_contact: Mapped[str | None] = mapped_column(Text)

    # Set when a province officer merged this record into another one (kept, read-only).
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_people_sort_key", "sort_key"),
        # The similar-name check looks people up by birth day and given name.
        Index("ix_people_birth_date_match_key", "birth_date", "match_key"),
    )

    residence_commune: Mapped[Commune | None] = relationship()
    cases: Mapped[list["Case"]] = relationship(  # noqa: F821
        back_populates="person", order_by="Case.id"
    )
    releases: Mapped[list["Release"]] = relationship(  # noqa: F821
        back_populates="person", order_by="Release.release_date.desc()"
    )
    anonymisation: Mapped["Anonymisation | None"] = relationship(viewonly=True)  # noqa: F821

    @property
    def is_anonymised(self) -> bool:
        """Retention anonymised this record, or the one it was merged into: what is left
        is kept for the figures only, and nothing in it may change any more."""
        if self.anonymisation is not None:
            return True
        owner = db.session.get(Person, self.merged_into_id) if self.merged_into_id else None
        return owner is not None and owner.anonymisation is not None

    @property
    def is_foreign(self) -> bool:
        return self.nationality != VIET_NAM

    @property
    def nationality_label(self) -> str:
        return country_name(self.nationality)

    @property
    def birth_label(self) -> str:
        return self.birth_date.strftime("%d/%m/%Y") if self.birth_date else str(self.birth_year)

    @validates("full_name", "other_names", "id_number", "old_id_number")
    def _keep_search_fields(self, key: str, value: str | None) -> str | None:
        """Names are stored NFC; the folded search text (names and ID numbers, so one
        trigram index answers both), the sort key and the match key follow every change."""
        if key in ("full_name", "other_names"):
            value = nfc(value) if value else None
        values = {
            name: value if name == key else getattr(self, name)
            for name in ("full_name", "other_names", "id_number", "old_id_number")
        }
        self.search_text = search_text(*values.values())
        self.sort_key = name_sort_key(values["full_name"] or "")
        self.match_key = name_match_key(values["full_name"] or "")
        return value

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.full_name}>"
