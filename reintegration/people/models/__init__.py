"""The people tracked and their cases, one file per table."""

from reintegration.people.models.case import (
    Case,
    CaseNeed,
    CaseStatus,
    Classification,
    ClassificationChange,
    CloseReason,
    Need,
    ResidenceCheck,
)
from reintegration.people.models.expungement import ExpungementBand, ExpungementPeriod
from reintegration.people.models.person import Person, Sex
from reintegration.people.models.release import (
    AmnestyDecision,
    OffenceGroup,
    Release,
    ReleaseType,
    SentenceKind,
)
from reintegration.people.models.revision import Revision

__all__ = [
    "AmnestyDecision",
    "Case",
    "CaseNeed",
    "CaseStatus",
    "Classification",
    "ClassificationChange",
    "CloseReason",
    "ExpungementBand",
    "ExpungementPeriod",
    "Need",
    "OffenceGroup",
    "Person",
    "Release",
    "ReleaseType",
    "ResidenceCheck",
    "Revision",
    "SentenceKind",
    "Sex",
]
