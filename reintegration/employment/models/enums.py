"""The employment enums."""

from flask_babel import lazy_gettext as _l

from reintegration.core.enums import LabelledEnum


class Availability(LabelledEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    NOT_LOOKING = "not_looking"

    @classmethod
    def _labels(cls):
        return {
            cls.FULL_TIME: _l("Looking for full-time work"),
            cls.PART_TIME: _l("Looking for part-time work"),
            cls.NOT_LOOKING: _l("Not looking for work now"),
        }


class TradeLink(LabelledEnum):
    """How a person relates to a trade on their work profile."""

    INTEREST = "interest"
    SKILL = "skill"

    @classmethod
    def _labels(cls):
        return {cls.INTEREST: _l("Wants to work in"), cls.SKILL: _l("Has skills in")}


class Restriction(LabelledEnum):
    """Hard restrictions an opening may set. The service decides from the offence data who
    they exclude; pages only ever show the restriction's name."""

    NO_WORK_WITH_CHILDREN = "no_work_with_children"
    NO_CASH_HANDLING = "no_cash_handling"

    @classmethod
    def _labels(cls):
        return {
            cls.NO_WORK_WITH_CHILDREN: _l("No work with children"),
            cls.NO_CASH_HANDLING: _l("No cash handling"),
        }


class OpeningStatus(LabelledEnum):
    OPEN = "open"
    CLOSED = "closed"

    @classmethod
    def _labels(cls):
        return {cls.OPEN: _l("Open"), cls.CLOSED: _l("Closed")}


class ReferralStatus(LabelledEnum):
    REFERRED = "referred"
    INTERVIEWED = "interviewed"
    HIRED = "hired"
    NOT_HIRED = "not_hired"
    JOB_LOST = "job_lost"

    @classmethod
    def _labels(cls):
        return {
            cls.REFERRED: _l("Referred"),
            cls.INTERVIEWED: _l("Interviewed"),
            cls.HIRED: _l("Hired"),
            cls.NOT_HIRED: _l("Not hired"),
            cls.JOB_LOST: _l("Job lost"),
        }


class JobLossReason(LabelledEnum):
    RESIGNED = "resigned"
    DISMISSED = "dismissed"
    CONTRACT_ENDED = "contract_ended"
    EMPLOYER_CLOSED = "employer_closed"
    HEALTH = "health"
    MOVED_AWAY = "moved_away"
    DETAINED = "detained"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {
            cls.RESIGNED: _l("Resigned"),
            cls.DISMISSED: _l("Dismissed"),
            cls.CONTRACT_ENDED: _l("Contract ended"),
            cls.EMPLOYER_CLOSED: _l("The employer closed or cut jobs"),
            cls.HEALTH: _l("Health"),
            cls.MOVED_AWAY: _l("Moved away"),
            cls.DETAINED: _l("Detained again"),
            cls.OTHER: _l("Other"),
        }


LIVE_REFERRAL = ("referred", "interviewed", "hired")
