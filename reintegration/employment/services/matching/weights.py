"""The points of each matching rule. One set drives the SQL that ranks (``scoring``) and the
words that explain (``explanation``), so the points shown always add up to the score."""

from reintegration.people.models import CaseStatus

W = {
    "interest": 30,  # wants to work in the opening's trade
    "skill": 20,  # has skills in the opening's trade
    "extra_skill": 5,  # each other skill the opening asks that the person has
    "trained": 30,  # completed a course (with a certificate) in the trade
    "level": 10,  # ... at or above the level the opening asks
    "same_commune": 20,
    "same_province": 10,
    "relocate": 5,  # another province, but willing to move
    "preferred": 10,  # the opening's commune is one the person would work in
    "class_A": 10,
    "class_B": 6,
    "class_C": 2,
    "class_none": 4,
    "full_time": 10,  # available by the start date
    "part_time": 5,
    "employed": -15,  # already in a job through a referral
}

# A score is trade points (interest, skills, training: what the person brings to the trade)
# plus the rest (place, classification, availability, a job held), which never exceeds this.
REST_MAX = W["same_commune"] + W["preferred"] + W["class_A"] + W["full_time"]
# The most the rest gives someone who lives outside the opening's commune.
REST_MAX_ELSEWHERE = REST_MAX - W["same_commune"] + max(W["same_province"], W["relocate"])


def rest_bound(lives_there: bool, would_work_there: bool) -> int:
    """The most the rest gives someone who lives in the opening's commune or not, and would
    work there (a preferred commune) or not."""
    bound = REST_MAX if lives_there else REST_MAX_ELSEWHERE
    return bound if would_work_there else bound - W["preferred"]


MATCHABLE_STATUSES = (CaseStatus.RECEIVED, CaseStatus.ACTIVE)
