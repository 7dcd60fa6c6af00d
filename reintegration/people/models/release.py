"""Release from prison: how and when a person came out, and under which amnesty decision."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reintegration.core.enums import LabelledEnum, enum_column
from reintegration.core.models import TimestampMixin
from reintegration.extensions import db


class ReleaseType(LabelledEnum):
    AMNESTY = "amnesty"
    SENTENCE_COMPLETED = "sentence_completed"
    CONDITIONAL_EARLY_RELEASE = "conditional_early_release"

    @classmethod
    def _labels(cls):
        return {
            cls.AMNESTY: _l("Amnesty"),
            cls.SENTENCE_COMPLETED: _l("Sentence completed"),
            cls.CONDITIONAL_EARLY_RELEASE: _l("Conditional early release"),
        }


class OffenceGroup(LabelledEnum):
    """Groups by chapter of the Penal Code (2015), coarse enough for support decisions."""

    LIFE_AND_HEALTH = "life_and_health"
    SEXUAL = "sexual"
    PROPERTY = "property"
    DRUGS = "drugs"
    PUBLIC_ORDER = "public_order"
    ECONOMIC = "economic"
    CORRUPTION = "corruption"
    NATIONAL_SECURITY = "national_security"
    WAR_CRIMES = "war_crimes"
    OTHER = "other"

    @property
    def expunged_by_court(self) -> bool:
        """Offences against national security (Penal Code Chapter XIII) and against peace,
        humanity and war crimes (Chapter XXVI) are expunged only by a court (Art. 71)."""
        return self in (OffenceGroup.NATIONAL_SECURITY, OffenceGroup.WAR_CRIMES)

    @classmethod
    def _labels(cls):
        return {
            cls.LIFE_AND_HEALTH: _l("Against life, health or dignity"),
            cls.SEXUAL: _l("Sexual offence"),
            cls.PROPERTY: _l("Against property"),
            cls.DRUGS: _l("Drugs"),
            cls.PUBLIC_ORDER: _l("Public order and safety"),
            cls.ECONOMIC: _l("Economic"),
            cls.CORRUPTION: _l("Corruption or abuse of office"),
            cls.NATIONAL_SECURITY: _l("National security"),
            cls.WAR_CRIMES: _l("Against peace and humanity, war crimes"),
            cls.OTHER: _l("Other"),
        }


class SentenceKind(LabelledEnum):
    """The main penalty of the judgment (Penal Code Art. 32), as far as expungement needs it."""

    WARNING = "warning"
    FINE = "fine"
    NON_CUSTODIAL_REFORM = "non_custodial_reform"
    SUSPENDED = "suspended"
    PRISON = "prison"
    LIFE = "life"
    DEATH_COMMUTED = "death_commuted"

    @classmethod
    def _labels(cls):
        return {
            cls.WARNING: _l("Warning"),
            cls.FINE: _l("Fine"),
            cls.NON_CUSTODIAL_REFORM: _l("Non-custodial reform"),
            cls.SUSPENDED: _l("Suspended prison sentence"),
            cls.PRISON: _l("Prison for a term"),
            cls.LIFE: _l("Life imprisonment"),
            cls.DEATH_COMMUTED: _l("Death sentence, commuted"),
        }


class AmnestyDecision(db.Model):
    """A State President's amnesty decision (e.g. 767/QĐ-CTN of 29/04/2025)."""

    __tablename__ = "amnesty_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    signed_on: Mapped[date] = mapped_column()
    round_label: Mapped[str] = mapped_column(String(100))
    released_count: Mapped[int | None] = mapped_column()

    @property
    def label(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y}) — {self.round_label}"


class Release(TimestampMixin, db.Model):
    """One release. The offence details are sensitive: the case file hides them until a
    user who may see them states why (see ``Case.can_reveal_offence``). A caseworker may
    correct a release; ``version`` refuses a correction based on an older one."""

    __tablename__ = "releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    release_type: Mapped[ReleaseType] = mapped_column(enum_column(ReleaseType))
    amnesty_decision_id: Mapped[int | None] = mapped_column(ForeignKey("amnesty_decisions.id"))
    release_date: Mapped[date] = mapped_column(index=True)
    certificate_number: Mapped[str | None] = mapped_column(String(60))
    # Sensitive (Decree 13/2023 Art. 2(4)(g)): shown only after "break the glass".
    detention_facility: Mapped[str | None] = mapped_column(String(200))
    offence_group: Mapped[OffenceGroup | None] = mapped_column(enum_column(OffenceGroup))
    # Hard restriction for job matching (no work with children), kept apart from the group.
    offence_against_children: Mapped[bool] = mapped_column(default=False)
    # The offence as the release paper names it ("Tội danh"), e.g. "Trộm cắp tài sản".
    offence: Mapped[str | None] = mapped_column(String(300))
    sentence_months: Mapped[int | None] = mapped_column()
    served_months: Mapped[int | None] = mapped_column()
    # Expungement (Penal Code Art. 70) counts from the day the main sentence was served
    # (an amnesty: the release day; a suspended sentence: the end of its probation) and
    # waits for any additional penalty (probation, residence ban…) to end.
    sentence_kind: Mapped[SentenceKind | None] = mapped_column(enum_column(SentenceKind))
    sentence_ended_on: Mapped[date | None] = mapped_column()
    additional_penalty_until: Mapped[date | None] = mapped_column()

    version: Mapped[int] = mapped_column(default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    person: Mapped["Person"] = relationship(back_populates="releases")  # noqa: F821
    amnesty_decision: Mapped[AmnestyDecision | None] = relationship()

    SENSITIVE_FIELDS = (
        "detention_facility",
        "offence_group",
        "offence_against_children",
        "offence",
        "sentence_months",
        "served_months",
        "sentence_kind",
        "sentence_ended_on",
        "additional_penalty_until",
    )
