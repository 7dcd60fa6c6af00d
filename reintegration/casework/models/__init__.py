"""Casework tables, one file per table."""

from reintegration.casework.models.assessment import Assessment, AssessmentKind, NeedScore
from reintegration.casework.models.contact import Contact, ContactCorrection, ContactKind
from reintegration.casework.models.follow_up import FollowUp, FollowUpKind, FollowUpStatus
from reintegration.casework.models.plan import Goal, GoalProgress, GoalStatus
from reintegration.casework.models.schedule_rule import FollowUpRule, IntervalUnit
from reintegration.casework.models.transfer import Transfer, TransferStatus

__all__ = [
    "Assessment",
    "AssessmentKind",
    "Contact",
    "ContactCorrection",
    "ContactKind",
    "FollowUp",
    "FollowUpKind",
    "FollowUpRule",
    "FollowUpStatus",
    "Goal",
    "GoalProgress",
    "GoalStatus",
    "IntervalUnit",
    "NeedScore",
    "Transfer",
    "TransferStatus",
]
