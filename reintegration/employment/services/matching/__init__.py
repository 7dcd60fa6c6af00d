"""Matching people and openings: ranked lists with the score explained in words.

- ``weights``: the points of each rule, shared by the SQL and the words;
- ``restrictions``: the hard restrictions, which exclude and never lower a score;
- ``scoring``: the SQL that filters (scope, status, restrictions), scores and ranks;
- ``facts`` and ``explanation``: what is known of the few people listed, and their score
  in words;
- ``candidates``: an opening's best people, and every opening of a province matched;
- ``openings``: a person's best openings.

Never listed: closed cases and those not yet received, people classified D (detained
again), people who said they are not looking for work, people already referred to the
opening, people an opening's restrictions exclude.
"""

from reintegration.employment.services.matching.candidates import (
    candidates_for_opening,
    match_province_openings,
    rank_candidates,
)
from reintegration.employment.services.matching.explanation import Match, Reason, explain
from reintegration.employment.services.matching.facts import PersonFacts, load_facts
from reintegration.employment.services.matching.openings import openings_for_case
from reintegration.employment.services.matching.restrictions import (
    excluded_by_restrictions,
    restrictions_excluding,
)
from reintegration.employment.services.matching.weights import REST_MAX, W

__all__ = [
    "REST_MAX",
    "Match",
    "PersonFacts",
    "Reason",
    "W",
    "candidates_for_opening",
    "excluded_by_restrictions",
    "explain",
    "load_facts",
    "match_province_openings",
    "openings_for_case",
    "rank_candidates",
    "restrictions_excluding",
]
