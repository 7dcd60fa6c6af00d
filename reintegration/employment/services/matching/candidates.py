"""An opening's candidates: the best eligible people of the user's scope, explained; and
every open opening of a province matched in one run."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from reintegration.accounts.models import User
from reintegration.core import audit
from reintegration.employment.models import Opening, OpeningStatus
from reintegration.employment.services.matching.explanation import Match, explained_match
from reintegration.employment.services.matching.facts import load_facts
from reintegration.employment.services.matching.scoring import fits_for, ranked_case_ids
from reintegration.extensions import db
from reintegration.training.services.trades import trade_names


def rank_candidates(opening: Opening, user: User, *, limit: int = 20) -> list[Match]:
    """The best eligible people of ``user``'s scope for ``opening``, explained."""
    ranked = ranked_case_ids(opening, user, limit)
    facts = load_facts([case_id for case_id, _score in ranked])
    names = trade_names()
    return [explained_match(facts[case_id], opening, names) for case_id, _score in ranked]


def candidates_for_opening(opening: Opening, user: User, *, limit: int = 20) -> list[Match]:
    """``rank_candidates`` with the read audited (who looked at which opening's people)."""
    matches = rank_candidates(opening, user, limit=limit)
    audit.record(
        "opening_candidates_viewed",
        opening,
        user=user,
        detail={"case_ids": [m.case_id for m in matches]},
    )
    return matches


def match_province_openings(province_code: int, user: User, *, limit: int = 20) -> dict:
    """Every open opening of a province matched (one audit event for the whole run).

    One run for all: each trade's fit is read once for all its openings, and the facts of
    every listed case once for all the explanations."""
    openings = list(
        db.session.scalars(
            select(Opening)
            .where(Opening.province_code == province_code, Opening.status == OpeningStatus.OPEN)
            .options(selectinload(Opening.skills))
            .order_by(Opening.id)
        )
    )
    fits = fits_for(user)
    ranked = {opening.id: ranked_case_ids(opening, user, limit, fits) for opening in openings}
    facts = load_facts(sorted({case_id for found in ranked.values() for case_id, _ in found}))
    names = trade_names()
    results = {
        opening.id: [
            explained_match(facts[case_id], opening, names) for case_id, _ in ranked[opening.id]
        ]
        for opening in openings
    }
    audit.record(
        "province_openings_matched",
        object_type="Province",
        object_id=province_code,
        user=user,
        detail={"openings": len(openings)},
    )
    return results
