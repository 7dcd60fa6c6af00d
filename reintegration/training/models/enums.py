"""The training enums."""

from flask_babel import lazy_gettext as _l

from reintegration.core.enums import LabelledEnum


class ProviderKind(LabelledEnum):
    VOCATIONAL_SCHOOL = "vocational_school"
    EMPLOYMENT_SERVICE_CENTRE = "employment_service_centre"
    ENTERPRISE = "enterprise"

    @classmethod
    def _labels(cls):
        return {
            cls.VOCATIONAL_SCHOOL: _l("Vocational school"),
            cls.EMPLOYMENT_SERVICE_CENTRE: _l("Employment Service Centre"),
            cls.ENTERPRISE: _l("Enterprise"),
        }


class CourseLevel(LabelledEnum):
    """Training levels from under 3 months to college (Decree 49/2020 Art. 11); ``rank``
    orders them, so "at least intermediate" is a comparison."""

    UNDER_3_MONTHS = "under_3_months"
    ELEMENTARY = "elementary"
    INTERMEDIATE = "intermediate"
    COLLEGE = "college"

    @classmethod
    def _labels(cls):
        return {
            cls.UNDER_3_MONTHS: _l("Under 3 months"),
            cls.ELEMENTARY: _l("Elementary"),
            cls.INTERMEDIATE: _l("Intermediate"),
            cls.COLLEGE: _l("College"),
        }

    @property
    def rank(self) -> int:
        return LEVEL_RANKS[self]


LEVEL_RANKS = {
    CourseLevel.UNDER_3_MONTHS: 1,
    CourseLevel.ELEMENTARY: 2,
    CourseLevel.INTERMEDIATE: 3,
    CourseLevel.COLLEGE: 4,
}


class FeeSupport(LabelledEnum):
    NONE = "none"
    REDUCTION = "reduction"
    EXEMPTION = "exemption"

    @classmethod
    def _labels(cls):
        return {
            cls.NONE: _l("No fee support"),
            cls.REDUCTION: _l("Fee reduction"),
            cls.EXEMPTION: _l("Fee exemption"),
        }


class SupportKind(LabelledEnum):
    """What a province's support rates set (Decree 49/2020 Art. 11: local levels)."""

    FEE_REDUCTION_PERCENT = "fee_reduction_percent"
    MEAL_PER_DAY = "meal_per_day"
    TRAVEL_PER_COURSE = "travel_per_course"

    @classmethod
    def _labels(cls):
        return {
            cls.FEE_REDUCTION_PERCENT: _l("Fee reduction (percent of the fee)"),
            cls.MEAL_PER_DAY: _l("Meals (đồng per day of study)"),
            cls.TRAVEL_PER_COURSE: _l("Travel (đồng per course)"),
        }


class PlacementStatus(LabelledEnum):
    REFERRED = "referred"
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls):
        return {
            cls.REFERRED: _l("Referred"),
            cls.ENROLLED: _l("Enrolled"),
            cls.COMPLETED: _l("Completed"),
            cls.DROPPED: _l("Dropped out"),
        }


# A placement holds a seat from referral until it is dropped.
SEAT_HOLDING = (PlacementStatus.REFERRED, PlacementStatus.ENROLLED, PlacementStatus.COMPLETED)
OPEN_PLACEMENT = (PlacementStatus.REFERRED, PlacementStatus.ENROLLED)
