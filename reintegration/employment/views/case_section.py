"""A person's work, from their case: the section the case file shows (work profile,
referrals and their retention checks), the person's page of matching openings, and the
work profile form.

The case file (people domain) draws ``templates/employment/_case_section.html`` as the
section "jobs" of the "Training and jobs" tab (people/case_sections.py); the template reads
``jobs`` when its page passes it, else ``case_section("jobs", case)``."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from reintegration.accounts.auth import casework_roles
from reintegration.accounts.models import User
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.core.forms import options
from reintegration.core.pages import render_audited
from reintegration.core.text import in_vietnamese_order
from reintegration.employment.forms import ProfileForm
from reintegration.employment.models import Availability, TradeLink
from reintegration.employment.services import matching, profiles, referrals
from reintegration.employment.views import bp
from reintegration.employment.views.common import (
    case_or_404,
    trade_options,
)
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.people.case_sections import CaseSection, on_blueprint
from reintegration.people.models import Case
from reintegration.people.services.case_file import record_case_view
from reintegration.training.services.trades import trade_names


def case_section_context(case: Case, user: User) -> dict:
    """What ``employment/_case_section.html`` draws: the person's work profile and their
    referrals (newest first) with the retention checks of each hire. Reads nothing the
    case file has not audited already."""
    profile = profiles.profile_of(case.person_id)
    return {
        "profile": profile,
        "interests": profile.codes(TradeLink.INTEREST) if profile else [],
        "skills": profile.codes(TradeLink.SKILL) if profile else [],
        "trade_names": trade_names(),
        "referrals": referrals.referrals_of(case),
        "can_edit": case.can_edit(user),
        "today": today_local(),
    }


on_blueprint(
    bp,
    CaseSection(
        "jobs",
        "training_jobs",
        "employment/_case_section.html",
        lambda case: case_section_context(case, current_user),
    ),
)


@bp.get("/jobs/cases/<int:case_id>")
@casework_roles
def case_jobs(case_id: int):
    """The person's jobs on a page of their own (the same section as in the case file)."""
    case = case_or_404(case_id)
    record_case_view(case, current_user, "jobs")
    return render_audited(
        "employment/case_jobs.html", case=case, jobs=case_section_context(case, current_user)
    )


@bp.get("/jobs/cases/<int:case_id>/openings")
@casework_roles
def case_openings(case_id: int):
    """The open openings of every province ranked for the person, each explained; openings
    whose restrictions exclude the person are not listed. Audited by the service."""
    case = case_or_404(case_id)
    matches = matching.openings_for_case(case, current_user)
    return render_audited(
        "employment/case_openings.html",
        case=case,
        matches=matches,
        profile=profiles.profile_of(case.person_id),
        can_refer=case.can_edit(current_user),
    )


def profile_form(case: Case) -> ProfileForm:
    profile = profiles.profile_of(case.person_id)
    form = ProfileForm()
    form.interests.choices = trade_options()
    form.skills.choices = trade_options()
    province_code = case.commune.province_code
    communes = in_vietnamese_order(
        db.session.scalars(select(Commune).where(Commune.province_code == province_code))
    )
    chosen = profile.preferred_communes if profile else []
    form.preferred_communes.choices = options(
        [(c.code, c.name) for c in communes]
        + [(c.code, c.full_name) for c in chosen if c.province_code != province_code]
    )
    if not form.is_submitted():
        form.version.data = profile.version if profile else 0
        if profile is None:
            form.availability.data = Availability.FULL_TIME.value
        else:
            form.interests.data = profile.codes(TradeLink.INTEREST)
            form.skills.data = profile.codes(TradeLink.SKILL)
            form.preferred_communes.data = [c.code for c in chosen]
            form.availability.data = profile.availability.value
            form.available_from.data = profile.available_from
            form.willing_to_relocate.data = profile.willing_to_relocate
            form.notes.data = profile.notes
    return form


def profile_data(form: ProfileForm) -> profiles.ProfileData:
    return profiles.ProfileData(
        interests=list(form.interests.data or []),
        skills=list(form.skills.data or []),
        preferred_communes=list(form.preferred_communes.data or []),
        availability=Availability(form.availability.data),
        available_from=form.available_from.data,
        willing_to_relocate=form.willing_to_relocate.data,
        notes=form.notes.data,
    )


@bp.route("/jobs/cases/<int:case_id>/profile", methods=["GET", "POST"])
@casework_roles
def edit_profile(case_id: int):
    case = case_or_404(case_id)
    form = profile_form(case)
    if form.validate_on_submit():
        done, _profile = run_service(
            lambda: profiles.save_profile(
                case, profile_data(form), current_user, expected_version=form.expected_version
            ),
            form,
        )
        if done:
            flash(_("The work profile is saved."), "success")
            return redirect(url_for(".case_jobs", case_id=case.id))
        case = case_or_404(case_id)
        current = profiles.profile_of(case.person_id)
        # After a conflict, saving again applies what was typed over the newer version.
        form.version.data = current.version if current else 0
    record_case_view(case, current_user, "work_profile")
    db.session.commit()
    return render_template("employment/profile_form.html", form=form, case=case)
