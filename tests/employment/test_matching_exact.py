"""The ranking reads only part of a trade's fit and scores people in bands; whatever it skips,
its list is the head of the list made by scoring every case of the scope one by one with
the rules of the explanation: the same people, in the same order, with the same reasons."""

import random
from datetime import date
from itertools import pairwise

import pytest
from sqlalchemy import select

from reintegration.accounts.models import Role, User
from reintegration.employment.models import LIVE_REFERRAL, Availability, Opening, Referral
from reintegration.employment.services import matching, referrals
from reintegration.employment.services.matching import W, fit, scoring
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case, CaseStatus, Classification, OffenceGroup
from reintegration.training.models import LEVEL_RANKS, CourseLevel
from reintegration.training.services.trades import trade_names
from tests.employment.conftest import make_opening, make_person, user

TRADE, EXTRA = "welding", "electrical"
CLASSES = list(Classification)
AVAILABILITIES = list(Availability)


@pytest.fixture(autouse=True, params=["as in a city of a million", "as in a small city"])
def city(request, monkeypatch):
    """In a big city a trade's fit is read from its upper part first, and where a band's
    people live and would work is asked to cut it: these little lists are checked both
    ways (in a small city neither is worth it)."""
    if request.param == "as in a city of a million":
        monkeypatch.setattr(fit, "UPPER_FROM", 0)
        monkeypatch.setattr(scoring, "WORTH_ASKING", 0)


def scored_one_by_one(opening: Opening, who: User) -> list[tuple]:
    """Every case ``who`` may see, kept or dropped by the rules written out here, scored
    with ``explain``, best first: (case id, score, reasons)."""
    if who.role == Role.CASEWORKER:
        communes = {c.code for c in who.communes}
    else:
        communes = set(
            db.session.scalars(
                select(Commune.code).where(Commune.province_code == who.province_code)
            )
        )
    referred = set(
        db.session.scalars(
            select(Referral.case_id).where(
                Referral.opening_id == opening.id, Referral.status.in_(LIVE_REFERRAL)
            )
        )
    )
    cases = [
        c
        for c in db.session.scalars(select(Case))
        if c.commune_code in communes
        and c.status in (CaseStatus.RECEIVED, CaseStatus.ACTIVE)
        and c.classification != Classification.D
        and c.id not in referred
        and not matching.excluded_by_restrictions(c.person_id, opening)
    ]
    facts = matching.load_facts([c.id for c in cases])
    names = trade_names()
    scored = []
    for case in cases:
        f = facts[case.id]
        if f.availability == Availability.NOT_LOOKING:
            continue
        score, reasons = matching.explain(f, opening, names)
        scored.append((-score, -trade_points(f, opening), case.id, score, reasons))
    return [(case_id, score, _said(reasons)) for *_key, case_id, score, reasons in sorted(scored)]


def trade_points(f, opening: Opening) -> int:
    trade = opening.trade_code
    points = W["interest"] * (trade in f.interests) + W["skill"] * (trade in f.skills)
    points += W["extra_skill"] * len((opening.trade_codes - {trade}) & f.skills)
    rank = f.trained.get(trade)
    if rank:
        points += W["trained"]
        if opening.level_required and rank >= LEVEL_RANKS[opening.level_required]:
            points += W["level"]
    return points


def _said(reasons) -> list[tuple[int, str]]:
    return [(r.points, r.text) for r in reasons]


def listed(opening: Opening, who: User, limit: int) -> list[tuple]:
    return [
        (m.case_id, m.score, _said(m.reasons))
        for m in matching.rank_candidates(opening, who, limit=limit)
    ]


@pytest.fixture
def crowd(app, job_partners):
    """Some seventy people of commune X (the opening's), commune Y (same province) and Huế,
    drawn at random but the same each run: many share a score and trade points; some are
    closed, class D, not looking, referred, employed, or convicted against a child."""
    rng = random.Random(22)
    communes = [
        job_partners.hanoi.commune_x,
        job_partners.hanoi.commune_y,
        job_partners.hue_commune,
    ]
    with app.app_context():
        opening = make_opening(job_partners, skill_codes=[EXTRA],
                               level_required=CourseLevel.ELEMENTARY,
                               no_work_with_children=True).id  # fmt: skip
        other = make_opening(
            job_partners, title="Thợ điện", trade_code=EXTRA, no_cash_handling=True
        ).id
        people = []
        for n in range(72):
            trained = rng.random() < 0.3
            both = rng.random() < 0.3
            case = make_person(
                rng.choice(communes),
                name=f"Người {n:02d}",
                interests=[TRADE] if both or rng.random() < 0.4 else ["cooking"],
                skills=[c for c, p in ((TRADE, 0.9 if both else 0.2), (EXTRA, 0.3))
                        if rng.random() < p],
                trained_in=TRADE if trained else None,
                classification=rng.choice([*CLASSES, None]),
                availability=rng.choice([*AVAILABILITIES, Availability.FULL_TIME]),
                preferred_communes=[job_partners.hanoi.commune_x] if rng.random() < 0.4 else [],
                against_children=rng.random() < 0.1,
                offence_group=OffenceGroup.PROPERTY if rng.random() < 0.1 else OffenceGroup.DRUGS,
                job_partners=job_partners,
            )  # fmt: skip
            people.append(case)
        officer = user(job_partners.hanoi.officer)
        near = [c for c in people if c.commune_code == job_partners.hanoi.commune_x]
        near[0].status = CaseStatus.CLOSED
        first, second = db.session.get(Opening, opening), db.session.get(Opening, other)
        referable = [
            c
            for c in near[1:]
            if c.classification != Classification.D
            and not matching.excluded_by_restrictions(c.person_id, first)
            and not matching.excluded_by_restrictions(c.person_id, second)
        ]
        referrals.refer(referable[0], first, officer, today=date(2026, 3, 2))
        hired = referrals.refer(referable[1], second, officer, today=date(2026, 1, 10))
        referrals.record_interview(hired, officer, on=date(2026, 1, 20))
        referrals.record_hire(hired, officer, start_on=date(2026, 1, 31))
        db.session.commit()
    return opening, other


def test_every_list_is_the_head_of_everyone_scored_one_by_one(app, job_partners, crowd):
    """For the province officer, caseworkers of one commune each, a caseworker of a commune
    of two provinces, and another province's officer (who sees only their people)."""
    with app.app_context():
        hanoi = job_partners.hanoi
        users = [hanoi.officer, hanoi.caseworker_x, hanoi.caseworker_y,
                 job_partners.wide_caseworker, job_partners.hue_officer]  # fmt: skip
        for opening in (db.session.get(Opening, opening_id) for opening_id in crowd):
            for username in users:
                who = user(username)
                everyone = scored_one_by_one(opening, who)
                assert everyone, username
                if username == hanoi.officer:
                    assert any(a[1] == b[1] for a, b in pairwise(everyone))  # ties
                for limit in (1, 2, 3, 4, 5, 8, 12, 20, len(everyone) + 1):
                    assert listed(opening, who, limit) == everyone[:limit], (username, limit)


def test_people_with_one_link_are_read_once_they_can_reach_the_list(app, job_partners):
    """A province's fit is read first without the untrained people with one link (an
    interest or skills, not both); when the list's last place comes within their reach,
    they are read and scored too."""
    with app.app_context():
        opening = make_opening(job_partners, skill_codes=[EXTRA])
        for n in range(8):  # 50 trade points and 21 of the rest: 71
            make_person(job_partners.hanoi.commune_y, name=f"Xa {n}", interests=[TRADE],
                        skills=[TRADE], availability=Availability.PART_TIME)  # fmt: skip
        x = job_partners.hanoi.commune_x
        make_person(x, name="Muốn hàn, biết điện", interests=[TRADE], skills=[EXTRA],
                    classification=Classification.A, preferred_communes=[x])  # fmt: skip
        make_person(x, name="Muốn hàn", interests=[TRADE], classification=Classification.A,
                    preferred_communes=[x])  # fmt: skip
        officer = user(job_partners.hanoi.officer)
        best = matching.rank_candidates(opening, officer, limit=2)
        assert [(m.full_name, m.score) for m in best] == [
            ("Muốn hàn, biết điện", 35 + matching.REST_MAX),
            ("Muốn hàn", 30 + matching.REST_MAX),
        ]
        everyone = scored_one_by_one(opening, officer)
        for limit in range(1, len(everyone) + 2):
            assert listed(opening, officer, limit) == everyone[:limit], limit


def test_who_lives_or_would_work_in_the_openings_commune_is_scored_beyond_the_others_reach(
    app, job_partners
):
    """Two strong fits elsewhere fill the list at 97; with 60 trade points, only someone who
    lives in the opening's commune or would work there can pass them (100)."""
    with app.app_context():
        opening = make_opening(job_partners)
        y, x = job_partners.hanoi.commune_y, job_partners.hanoi.commune_x
        for n in range(2):  # 80 trade points, 17 of the rest
            make_person(y, name=f"Giỏi {n}", interests=[TRADE], skills=[TRADE], trained_in=TRADE,
                        classification=Classification.C, availability=Availability.PART_TIME,
                        job_partners=job_partners)  # fmt: skip
        for name, commune, preferred in (
            ("Sống ở xã X", x, []),
            ("Muốn làm ở xã X", y, [x]),
            ("Xa", y, []),
        ):
            make_person(commune, name=name, interests=[TRADE], trained_in=TRADE,
                        classification=Classification.A, preferred_communes=preferred,
                        job_partners=job_partners)  # fmt: skip
        officer = user(job_partners.hanoi.officer)
        best = matching.rank_candidates(opening, officer, limit=2)
        assert [(m.full_name, m.score) for m in best] == [
            ("Sống ở xã X", 60 + W["same_commune"] + W["class_A"] + W["full_time"]),
            (
                "Muốn làm ở xã X",
                60 + W["same_province"] + W["preferred"] + W["class_A"] + W["full_time"],
            ),
        ]
        everyone = scored_one_by_one(opening, officer)
        for limit in range(1, len(everyone) + 2):
            assert listed(opening, officer, limit) == everyone[:limit], limit
