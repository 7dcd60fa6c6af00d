"""The employment tables, one file per table (and the enums in one)."""

from reintegration.employment.models.employer import Employer
from reintegration.employment.models.enums import (
    LIVE_REFERRAL,
    Availability,
    JobLossReason,
    OpeningStatus,
    ReferralStatus,
    Restriction,
    TradeLink,
)
from reintegration.employment.models.opening import Opening, opening_skills
from reintegration.employment.models.profile import (
    WorkProfile,
    WorkProfileTrade,
    work_profile_communes,
)
from reintegration.employment.models.referral import Referral, RetentionCheck

__all__ = [
    "LIVE_REFERRAL",
    "Availability",
    "Employer",
    "JobLossReason",
    "Opening",
    "OpeningStatus",
    "Referral",
    "ReferralStatus",
    "Restriction",
    "RetentionCheck",
    "TradeLink",
    "WorkProfile",
    "WorkProfileTrade",
    "opening_skills",
    "work_profile_communes",
]
