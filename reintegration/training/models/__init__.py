"""The training tables, one file per table (and the enums in one)."""

from reintegration.training.models.course import Course
from reintegration.training.models.enums import (
    LEVEL_RANKS,
    OPEN_PLACEMENT,
    SEAT_HOLDING,
    CourseLevel,
    FeeSupport,
    PlacementStatus,
    ProviderKind,
    SupportKind,
)
from reintegration.training.models.placement import Placement
from reintegration.training.models.provider import TrainingProvider
from reintegration.training.models.support import SupportRate
from reintegration.training.models.trade import Trade

__all__ = [
    "LEVEL_RANKS",
    "OPEN_PLACEMENT",
    "SEAT_HOLDING",
    "Course",
    "CourseLevel",
    "FeeSupport",
    "Placement",
    "PlacementStatus",
    "ProviderKind",
    "SupportKind",
    "SupportRate",
    "Trade",
    "TrainingProvider",
]
