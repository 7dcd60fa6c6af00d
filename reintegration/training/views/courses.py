"""Courses: the province's list (by trade), a course with its seats and the people of the
user's communes on it, and the forms its officers keep them with."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.core import audit
from reintegration.core.actions import run_service
from reintegration.core.pagination import paginate
from reintegration.extensions import db
from reintegration.training.forms import CourseEditForm, CourseFilterForm, CourseForm, SeatsForm
from reintegration.training.models import Course, CourseLevel, FeeSupport
from reintegration.training.services import access, catalogue
from reintegration.training.services.trades import trade_names
from reintegration.training.views import bp
from reintegration.training.views.common import (
    course_or_404,
    keeper_or_403,
    keeper_role,
    provider_or_404,
    province_communes,
    reader_roles,
)


def course_facts(courses: list[Course]) -> dict:
    """What a list of courses shows beside each: seats taken and the support granted."""
    taken = catalogue.seats_taken_by_course(c.id for c in courses)
    return {
        "taken": {c.id: taken.get(c.id, 0) for c in courses},
        "support": {c.id: catalogue.support_for(c) for c in courses},
        "trades": trade_names({c.trade_code for c in courses}),
    }


def render_course_list(stmt, *, provider=None, can_keep=False, endpoint_args=None):
    form = CourseFilterForm(request.args)
    form.validate()
    if form.trade.data and not form.errors:
        stmt = stmt.where(Course.trade_code == form.trade.data)
    page = paginate(stmt)
    return render_template(
        "training/courses.html",
        form=form,
        page=page,
        provider=provider,
        can_keep=can_keep,
        endpoint_args=endpoint_args or {},
        **course_facts(page.items),
    )


@bp.get("/training/courses")
@reader_roles
def courses():
    return render_course_list(access.courses_query(current_user))


def course_data(form: CourseForm) -> catalogue.CourseData:
    return catalogue.CourseData(
        title=form.title.data,
        trade_code=form.trade_code.data,
        level=CourseLevel(form.level.data),
        commune_code=form.commune_code.data,
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        seats=form.seats.data,
        cost=form.cost.data,
        fee_support=FeeSupport(form.fee_support.data),
        meals_support=form.meals_support.data,
        travel_support=form.travel_support.data,
    )


@bp.route("/training/providers/<int:provider_id>/courses/new", methods=["GET", "POST"])
@keeper_role
def new_course(provider_id: int):
    provider = provider_or_404(provider_id)
    keeper_or_403(provider)
    form = CourseForm()
    form.commune_code.choices = province_communes(provider.province_code, blank=True)
    if not form.is_submitted() and provider.commune_code:
        form.commune_code.data = provider.commune_code
    if form.validate_on_submit():
        saved, course = run_service(
            lambda: catalogue.create_course(provider, course_data(form), current_user), form
        )
        if saved:
            flash(_("The course is saved."), "success")
            return redirect(url_for(".course", course_id=course.id))
    return render_template("training/course_form.html", form=form, provider=provider, course=None)


@bp.route("/training/courses/<int:course_id>/edit", methods=["GET", "POST"])
@keeper_role
def edit_course(course_id: int):
    course = course_or_404(course_id)
    keeper_or_403(course.provider)
    form = CourseEditForm(obj=course)
    form.commune_code.choices = province_communes(course.province_code, blank=True)
    if form.validate_on_submit():
        saved = run_service(
            lambda: catalogue.update_course(
                course, course_data(form), current_user, expected_version=form.expected_version
            ),
            form,
        )[0]
        if saved:
            flash(_("The course is saved."), "success")
            return redirect(url_for(".course", course_id=course.id))
    return render_template(
        "training/course_form.html", form=form, provider=course.provider, course=course
    )


def render_course(course: Course, seats_form: SeatsForm | None = None):
    """The course page. The people shown are only those of the user's communes, and
    showing them is audited (it reads their files)."""
    placements = list(db.session.scalars(access.placements_on_course_query(course, current_user)))
    if placements:
        audit.record(
            "course_trainees_viewed",
            course,
            user=current_user,
            detail={"case_ids": [p.case_id for p in placements]},
        )
    db.session.commit()
    if seats_form is None:
        seats_form = SeatsForm(formdata=None, obj=course)
    return render_template(
        "training/course.html",
        course=course,
        placements=placements,
        seats_form=seats_form,
        can_keep=course.can_keep(current_user),
        **course_facts([course]),
    )


@bp.get("/training/courses/<int:course_id>")
@reader_roles
def course(course_id: int):
    return render_course(course_or_404(course_id))


@bp.post("/training/courses/<int:course_id>/seats")
@keeper_role
def change_seats(course_id: int):
    course = course_or_404(course_id)
    keeper_or_403(course.provider)
    form = SeatsForm()
    if form.validate_on_submit():
        saved = run_service(
            lambda: catalogue.change_seats(
                course, form.seats.data, current_user, expected_version=form.expected_version
            ),
            form,
        )[0]
        if saved:
            flash(_("The number of seats is saved."), "success")
            return redirect(url_for(".course", course_id=course.id))
        course = course_or_404(course_id)
    return render_course(course, form)
