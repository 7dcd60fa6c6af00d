"""Matching: hard restrictions exclude, the ranking is explained, scope holds."""

from datetime import date

from reintegration.employment.models import Availability
from reintegration.employment.services import matching, referrals
from reintegration.employment.services.matching import W, scoring
from reintegration.employment.services.matching.weights import REST_MAX_ELSEWHERE
from reintegration.extensions import db
from reintegration.people.models import OffenceGroup
from reintegration.training.models import CourseLevel
from tests.employment.conftest import make_opening, make_person, user


def names(matches):
    return [m.full_name for m in matches]


def test_no_work_with_children_never_lists_a_person_convicted_against_a_child(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners, no_work_with_children=True)
        make_person(
            job_partners.hanoi.commune_x,
            name="Lê Văn Cấm",
            interests=["welding"],
            trained_in="welding",
            against_children=True,
            job_partners=job_partners,
        )
        make_person(job_partners.hanoi.commune_x, name="Trần Văn Được", interests=["welding"])
        officer = user(job_partners.hanoi.officer)
        listed = names(matching.rank_candidates(opening, officer))
        assert listed == ["Trần Văn Được"]
        # The same person is listed for an opening without the restriction...
        free = make_opening(job_partners, title="Thợ hàn 2")
        assert "Lê Văn Cấm" in names(matching.rank_candidates(free, officer))


def test_a_persons_own_list_hides_openings_that_exclude_them(app, job_partners):
    with app.app_context():
        restricted = make_opening(job_partners, no_work_with_children=True)
        open_to_all = make_opening(job_partners, title="Thợ hàn ca đêm")
        case = make_person(job_partners.hanoi.commune_x, name="Lê Văn Cấm", interests=["welding"],
                           against_children=True)  # fmt: skip
        listed = [
            m.opening.id for m in matching.openings_for_case(case, user(job_partners.hanoi.officer))
        ]
        assert listed == [open_to_all.id]
        assert restricted.id not in listed


def test_explanations_never_mention_the_offence(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners, no_cash_handling=True)
        make_person(job_partners.hanoi.commune_x, name="Phạm Văn Tiền", interests=["welding"],
                    offence_group=OffenceGroup.PROPERTY)  # fmt: skip
        make_person(job_partners.hanoi.commune_x, name="Đỗ Văn Sạch", interests=["welding"])
        matches = matching.rank_candidates(opening, user(job_partners.hanoi.officer))
        assert names(matches) == ["Đỗ Văn Sạch"]
        words = " ".join(r.text for m in matches for r in m.reasons).lower()
        for secret in ("offence", "property", "tài sản", "tội", "child", "trẻ em"):
            assert secret not in words


def test_referring_an_excluded_person_is_refused(app, job_partners):
    import pytest

    from reintegration.core.exceptions import DomainError

    with app.app_context():
        opening = make_opening(job_partners, no_work_with_children=True)
        case = make_person(job_partners.hanoi.commune_x, name="Lê Văn Cấm", against_children=True)
        with pytest.raises(DomainError) as refused:
            referrals.refer(case, opening, user(job_partners.hanoi.officer), today=date(2026, 3, 2))
        assert refused.value.code == "restricted"


def test_a_trained_welder_of_the_commune_ranks_above_an_untrained_person_elsewhere(
    app, job_partners
):
    with app.app_context():
        opening = make_opening(job_partners)
        make_person(job_partners.hue_commune, name="Hồ Văn Xa", classification="A",
                    availability=Availability.FULL_TIME)  # fmt: skip
        welder = make_person(job_partners.hanoi.commune_x, name="Nguyễn Văn Hàn",
                             trained_in="welding", job_partners=job_partners)  # fmt: skip
        matches = matching.rank_candidates(opening, user(job_partners.wide_caseworker))
        assert names(matches) == ["Nguyễn Văn Hàn", "Hồ Văn Xa"]
        best, other = matches
        assert best.case_id == welder.id
        assert best.score > other.score
        # The points shown add up to the score the database ranked by.
        assert best.score == sum(r.points for r in best.reasons)
        by_points = {r.points for r in best.reasons}
        assert W["trained"] in by_points and W["same_commune"] in by_points
        assert any(r.points == 0 for r in other.reasons)  # "another province", "no training"


def test_the_explanation_says_why_in_words(app, job_partners, request_ctx):
    from flask_babel import force_locale

    with app.app_context():
        opening = make_opening(job_partners)
        make_person(job_partners.hue_commune, name="Hồ Văn Xa")
        make_person(job_partners.hanoi.commune_x, name="Nguyễn Văn Hàn", trained_in="welding",
                    job_partners=job_partners)  # fmt: skip
        with force_locale("en"):
            best, other = matching.rank_candidates(opening, user(job_partners.wide_caseworker))
            best_text = [r.text for r in best.reasons]
            other_text = [r.text for r in other.reasons]
        assert "Completed training in Welding, with a certificate." in best_text
        assert "Lives in the opening's commune." in best_text
        assert "Lives in another province." in other_text
        assert "No interest, skill or training in Welding." in other_text


def test_sql_score_and_explanation_agree(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners, skill_codes=["electrical", "construction"],
                               level_required=CourseLevel.ELEMENTARY)  # fmt: skip
        make_person(
            job_partners.hanoi.commune_x,
            name="A",
            interests=["welding"],
            skills=["welding", "electrical"],
            trained_in="welding",
            job_partners=job_partners,
        )
        make_person(job_partners.hanoi.commune_y, name="B", skills=["construction"],
                    availability=Availability.PART_TIME)  # fmt: skip
        make_person(job_partners.hue_commune, name="C", availability=None)
        ranked = scoring.ranked_case_ids(opening, user(job_partners.wide_caseworker), 20)
        facts = matching.load_facts([case_id for case_id, _ in ranked])
        names_ = {"welding": "Hàn"}
        for case_id, score in ranked:
            assert matching.explain(facts[case_id], opening, names_)[0] == score


def test_candidates_stay_in_the_users_scope(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners)
        make_person(job_partners.hanoi.commune_x, name="Ở Xã X", interests=["welding"])
        make_person(job_partners.hanoi.commune_y, name="Ở Xã Y", interests=["welding"])
        make_person(job_partners.hue_commune, name="Ở Huế", interests=["welding"])
        assert names(matching.rank_candidates(opening, user(job_partners.hanoi.caseworker_x))) == [
            "Ở Xã X"
        ]
        assert names(matching.rank_candidates(opening, user(job_partners.hanoi.caseworker_y))) == [
            "Ở Xã Y"
        ]
        assert set(names(matching.rank_candidates(opening, user(job_partners.hanoi.officer)))) == {
            "Ở Xã X",
            "Ở Xã Y",
        }
        # The Huế officer may open a Hà Nội opening, but sees only Huế's people.
        assert names(matching.rank_candidates(opening, user(job_partners.hue_officer))) == ["Ở Huế"]


def test_reading_an_openings_candidates_is_audited(app, job_partners):
    from sqlalchemy import select

    from reintegration.core.audit import AuditEvent

    with app.app_context():
        opening = make_opening(job_partners)
        case = make_person(job_partners.hanoi.commune_x, name="Ở Xã X", interests=["welding"])
        matching.candidates_for_opening(opening, user(job_partners.hanoi.officer))
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "opening_candidates_viewed")
        )
        assert event.object_id == str(opening.id)
        assert event.detail["case_ids"] == [case.id]
        assert event.username == job_partners.hanoi.officer


def test_not_looking_closed_and_referred_people_are_not_listed(app, job_partners):
    from reintegration.people.models import CaseStatus

    with app.app_context():
        opening = make_opening(job_partners)
        make_person(
            job_partners.hanoi.commune_x, name="Nghỉ", availability=Availability.NOT_LOOKING
        )
        closed = make_person(job_partners.hanoi.commune_x, name="Đóng")
        closed.status = CaseStatus.CLOSED
        referred = make_person(job_partners.hanoi.commune_x, name="Đã giới thiệu")
        make_person(job_partners.hanoi.commune_x, name="Còn lại")
        referrals.refer(referred, opening, user(job_partners.hanoi.officer), today=date(2026, 3, 2))
        db.session.flush()
        assert names(matching.rank_candidates(opening, user(job_partners.hanoi.officer))) == [
            "Còn lại"
        ]


def test_unlinked_people_fill_the_list_when_few_are_linked(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners)
        make_person(job_partners.hanoi.commune_x, name="Linked", interests=["welding"])
        for n in range(3):
            make_person(job_partners.hanoi.commune_y, name=f"Unlinked {n}", interests=["cooking"])
        matches = matching.rank_candidates(opening, user(job_partners.hanoi.officer), limit=3)
        assert names(matches)[0] == "Linked"
        assert len(matches) == 3


def test_banded_ranking_lists_what_scoring_everyone_lists(app, job_partners):
    """The ranking scores people in bands of trade points and stops early; whatever the
    length of the list, it is the head of the full list, with the same scores."""
    with app.app_context():
        opening = make_opening(job_partners, skill_codes=["electrical"],
                               level_required=CourseLevel.ELEMENTARY)  # fmt: skip
        x, y, hue = (
            job_partners.hanoi.commune_x,
            job_partners.hanoi.commune_y,
            job_partners.hue_commune,
        )
        make_person(
            hue,
            name="Xa đủ nghề",
            interests=["welding"],
            skills=["welding"],
            trained_in="welding",
            classification="C",
            job_partners=job_partners,
        )
        make_person(x, name="Gần, muốn hàn", interests=["welding"], classification="A")
        make_person(y, name="Biết hàn, điện", skills=["welding", "electrical"])
        make_person(hue, name="Xa, muốn hàn", interests=["welding"],
                    availability=Availability.PART_TIME)  # fmt: skip
        make_person(x, name="Gần, học hàn", trained_in="welding", job_partners=job_partners)
        make_person(y, name="Chỉ biết điện", skills=["electrical"], classification="A")
        make_person(x, name="Không nghề", interests=["cooking"], classification="A")
        make_person(hue, name="Nấu ăn ở Huế", interests=["cooking"])
        everyone = matching.rank_candidates(opening, user(job_partners.wide_caseworker))
        assert len(everyone) == 6  # the wide caseworker covers commune X and Huế
        full = [(m.full_name, m.score) for m in everyone]
        for limit in range(1, 7):
            head = matching.rank_candidates(
                opening, user(job_partners.wide_caseworker), limit=limit
            )
            assert [(m.full_name, m.score) for m in head] == full[:limit]
        for m in everyone:
            assert m.score == sum(r.points for r in m.reasons)


def test_a_near_person_without_the_trade_can_outrank_a_far_one_with_it(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners)
        make_person(job_partners.hue_commune, name="Xa, biết hàn", skills=["welding"],
                    classification="C", availability=Availability.PART_TIME)  # fmt: skip
        make_person(job_partners.hanoi.commune_x, name="Gần, nấu ăn", interests=["cooking"],
                    classification="A")  # fmt: skip
        best = matching.rank_candidates(opening, user(job_partners.wide_caseworker), limit=1)
        assert names(best) == ["Gần, nấu ăn"]
        assert best[0].score == W["same_commune"] + W["class_A"] + W["full_time"]


def test_on_equal_scores_the_better_trade_fit_comes_first(app, job_partners):
    with app.app_context():
        opening = make_opening(job_partners)
        make_person(job_partners.hanoi.commune_x, name="Gần, không nghề", classification="A")
        make_person(job_partners.hue_commune, name="Xa, biết hàn", skills=["welding"],
                    classification="A")  # fmt: skip
        matches = matching.rank_candidates(opening, user(job_partners.wide_caseworker))
        assert names(matches) == ["Xa, biết hàn", "Gần, không nghề"]
        assert matches[0].score == matches[1].score


def test_a_band_of_strong_trade_fits_does_not_hide_a_better_match_below_it(app, job_partners):
    """The first band (the people with the most trade points) all live far away; the best
    match has fewer trade points but lives in the opening's commune."""
    with app.app_context():
        opening = make_opening(job_partners)
        for n in range(4):
            make_person(job_partners.hue_commune, name=f"Xa {n}", interests=["welding"],
                        skills=["welding"], classification="C",
                        availability=Availability.PART_TIME)  # fmt: skip
        make_person(
            job_partners.hanoi.commune_x, name="Gần", interests=["welding"], classification="A"
        )
        best = matching.rank_candidates(opening, user(job_partners.wide_caseworker), limit=1)
        assert names(best) == ["Gần"]
        assert names(
            matching.rank_candidates(opening, user(job_partners.wide_caseworker), limit=2)
        ) == [
            "Gần",
            "Xa 0",
        ]


def _strong_fits_in_commune_y(job_partners, count: int = 4) -> None:
    """People who want, know and trained in welding (80 trade points) in commune Y of the
    opening's province, classified C and part time: 97 points each."""
    for n in range(count):
        make_person(job_partners.hanoi.commune_y, name=f"Giỏi {n}", interests=["welding"],
                    skills=["welding"], trained_in="welding", classification="C",
                    availability=Availability.PART_TIME, job_partners=job_partners)  # fmt: skip


def test_a_later_band_is_searched_in_the_openings_commune_when_only_it_can_reach(app, job_partners):
    """The first band (80 trade points) sets the last place at 97; a band of 50 trade points
    needs 47 more, which only someone living in the opening's commune can get."""
    with app.app_context():
        opening = make_opening(job_partners)
        _strong_fits_in_commune_y(job_partners)
        x = job_partners.hanoi.commune_x
        make_person(x, name="Gần", interests=["welding"], skills=["welding"],
                    classification="A", preferred_communes=[x])  # fmt: skip
        best = matching.rank_candidates(opening, user(job_partners.hanoi.officer), limit=1)
        assert names(best) == ["Gần"]
        assert best[0].score == 50 + matching.REST_MAX


def test_a_later_band_is_searched_everywhere_while_someone_elsewhere_can_reach(app, job_partners):
    """Same first band; someone in commune Y with 60 trade points and everything else but
    living in the opening's commune gets 100, above the last place's 97."""
    with app.app_context():
        opening = make_opening(job_partners)
        _strong_fits_in_commune_y(job_partners)
        make_person(
            job_partners.hanoi.commune_y,
            name="Cùng tỉnh",
            interests=["welding"],
            trained_in="welding",
            classification="A",
            preferred_communes=[job_partners.hanoi.commune_x],
            job_partners=job_partners,
        )
        best = matching.rank_candidates(opening, user(job_partners.hanoi.officer), limit=1)
        assert names(best) == ["Cùng tỉnh"]
        assert best[0].score == 60 + REST_MAX_ELSEWHERE


def test_a_caseworkers_list_is_the_officers_list_within_their_communes(app, job_partners):
    """A caseworker's trade fits are read for the people of their communes only; the list
    is the province officer's (whole province read) kept to those communes."""
    with app.app_context():
        opening = make_opening(job_partners, skill_codes=["electrical"],
                               level_required=CourseLevel.ELEMENTARY)  # fmt: skip
        x, y = job_partners.hanoi.commune_x, job_partners.hanoi.commune_y
        make_person(x, name="Hàn, điện, đã học", interests=["welding"],
                    skills=["welding", "electrical"], trained_in="welding",
                    job_partners=job_partners)  # fmt: skip
        make_person(y, name="Ở xã Y, giỏi hàn", interests=["welding"], skills=["welding"])
        make_person(x, name="Muốn hàn", interests=["welding"], classification="A")
        make_person(x, name="Chỉ biết điện", skills=["electrical"])
        make_person(x, name="Học hàn", trained_in="welding", job_partners=job_partners)
        make_person(x, name="Nấu ăn", interests=["cooking"], classification="A")
        make_person(y, name="Ở xã Y, nấu ăn", interests=["cooking"])
        officer = matching.rank_candidates(opening, user(job_partners.hanoi.officer))
        caseworker = matching.rank_candidates(opening, user(job_partners.hanoi.caseworker_x))
        in_x = [(m.full_name, m.score) for m in officer if not m.full_name.startswith("Ở xã Y")]
        assert [(m.full_name, m.score) for m in caseworker] == in_x
        assert len(in_x) == 5
