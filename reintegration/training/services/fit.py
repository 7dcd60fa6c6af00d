"""Which courses fit a person: courses of the province of the person's case that have not
started yet (or start today) and still have seats, ranked by the trades the person wants
or knows, then by how near they are taught, then by the start date."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, func, select

from reintegration.core.clock import today_local
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.models import Case
from reintegration.training.models import SEAT_HOLDING, Course, Placement, TrainingProvider
from reintegration.training.services.trades import trade_names


@dataclass
class CourseFit:
    course: Course
    seats_left: int
    score: int
    reasons: list[str] = field(default_factory=list)


def courses_for(
    case: Case,
    *,
    interests: set[str],
    skills: set[str],
    preferred_communes: set[int],
    today: date | None = None,
    limit: int = 20,
) -> list[CourseFit]:
    today = today or today_local()
    province = db.session.scalar(
        select(Commune.province_code).where(Commune.code == case.commune_code)
    )
    taken = (
        select(Placement.course_id, func.count(Placement.id).label("n"))
        .where(Placement.status.in_(SEAT_HOLDING))
        .group_by(Placement.course_id)
        .subquery()
    )
    already = select(Placement.course_id).where(
        Placement.person_id == case.person_id, Placement.status != "dropped"
    )
    rows = db.session.execute(
        select(Course, (Course.seats - func.coalesce(taken.c.n, 0)).label("left"))
        .outerjoin(taken, taken.c.course_id == Course.id)
        .join(TrainingProvider, TrainingProvider.id == Course.provider_id)
        .where(
            and_(
                TrainingProvider.active.is_(True),
                Course.province_code == province,
                Course.starts_on >= today,
                Course.seats - func.coalesce(taken.c.n, 0) > 0,
                Course.id.not_in(already),
            )
        )
    ).all()
    names = trade_names()
    fits = []
    for course, left in rows:
        score, reasons = 0, []
        trade = names.get(course.trade_code, course.trade_code)
        if course.trade_code in interests:
            score += 30
            reasons.append(_("wants to work in %(trade)s", trade=trade))
        elif course.trade_code in skills:
            score += 10
            reasons.append(_("already has skills in %(trade)s", trade=trade))
        if course.commune_code == case.commune_code:
            score += 20
            reasons.append(_("taught in the person's commune"))
        elif course.commune_code in preferred_communes:
            score += 15
            reasons.append(_("taught in a commune the person would go to"))
        else:
            score += 5
            reasons.append(_("taught in the same province"))
        fits.append(CourseFit(course, left, score, reasons))
    fits.sort(key=lambda f: (-f.score, f.course.starts_on, f.course.id))
    return fits[:limit]
