"""Casework tables, one file per table."""

from reintegration.casework.models.follow_up import FollowUp, FollowUpKind, FollowUpStatus

__all__ = ["FollowUp", "FollowUpKind", "FollowUpStatus"]
