"""Matching in words: each point of a score with the sentence that says why.

``explain`` applies the rules of ``weights.W`` to one person's facts in Python, for the
few people listed; ``scoring`` applies the same rules in SQL to rank everyone. The
explanation never mentions an offence (restrictions exclude, they add no reason).
"""

from dataclasses import dataclass, field

from flask_babel import get_translations

from reintegration.employment.models import Availability, Opening
from reintegration.employment.services.matching.facts import PersonFacts
from reintegration.employment.services.matching.weights import W
from reintegration.people.models import Classification
from reintegration.training.models import LEVEL_RANKS


@dataclass
class Reason:
    points: int
    text: str


@dataclass
class Match:
    case_id: int
    person_id: int
    full_name: str
    commune_name: str
    score: int
    reasons: list[Reason] = field(default_factory=list)
    opening: Opening | None = None


def explained_match(facts: PersonFacts, opening: Opening, names: dict[str, str]) -> Match:
    score, reasons = explain(facts, opening, names)
    return Match(
        facts.case_id,
        facts.person_id,
        facts.full_name,
        facts.commune_name,
        score,
        reasons,
        opening,
    )


def explain(facts: PersonFacts, opening: Opening, names: dict[str, str]) -> tuple[int, list]:
    """The score of ``facts`` for ``opening`` and its reasons, in words (never an offence)."""
    words = get_translations()

    def _(msgid: str, **values: object) -> str:
        # flask_babel's gettext finds the catalogue again on every call (a province's run
        # says some 70,000 sentences): it is found once per person here, used the same way.
        text = words.ugettext(msgid)
        return text % values if values else text

    reasons: list[Reason] = []
    trade = names.get(opening.trade_code, opening.trade_code)

    def add(key: str, text: str, times: int = 1) -> None:
        reasons.append(Reason(W[key] * times, text))

    if opening.trade_code in facts.interests:
        add("interest", _("Wants to work in %(trade)s.", trade=trade))
    if opening.trade_code in facts.skills:
        add("skill", _("Has skills in %(trade)s.", trade=trade))
    extra = sorted({s.code for s in opening.skills} - {opening.trade_code} & facts.skills)
    if extra:
        add(
            "extra_skill",
            _(
                "Has other skills the opening asks for: %(skills)s.",
                skills=", ".join(names.get(c, c) for c in extra),
            ),
            len(extra),
        )
    rank = facts.trained.get(opening.trade_code)
    if rank:
        add("trained", _("Completed training in %(trade)s, with a certificate.", trade=trade))
        if opening.level_required and rank >= LEVEL_RANKS[opening.level_required]:
            add(
                "level",
                _(
                    "Trained at the level asked (%(level)s) or above.",
                    level=opening.level_required.label,
                ),
            )
    elif opening.trade_code not in facts.interests | facts.skills:
        reasons.append(Reason(0, _("No interest, skill or training in %(trade)s.", trade=trade)))
    if facts.commune_code == opening.commune_code:
        add("same_commune", _("Lives in the opening's commune."))
    elif facts.province_code == opening.province_code:
        add("same_province", _("Lives in the opening's province."))
    elif facts.relocate:
        add("relocate", _("Lives in another province but would move for work."))
    else:
        reasons.append(Reason(0, _("Lives in another province.")))
    if opening.commune_code in facts.preferred:
        add("preferred", _("Would work in the opening's commune."))
    if facts.classification is None:
        add("class_none", _("Not yet classified."))
    elif facts.classification != Classification.D:
        add(
            f"class_{facts.classification.value}",
            _("Classification %(c)s.", c=facts.classification.label),
        )
    available = facts.available_from is None or facts.available_from <= opening.starts_on
    if facts.availability == Availability.FULL_TIME and available:
        add("full_time", _("Available full time by the start date."))
    elif facts.availability == Availability.PART_TIME and available:
        add("part_time", _("Available part time by the start date."))
    elif facts.availability is None:
        reasons.append(Reason(0, _("No work profile recorded yet.")))
    else:
        reasons.append(Reason(0, _("Not available by the start date.")))
    if facts.employed:
        add("employed", _("Already in a job through a referral."))
    return sum(r.points for r in reasons), reasons
