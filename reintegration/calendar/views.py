"""The administrators' page of public holidays: a year's holidays by law (the ``holidays``
package) and their changes (days off added, holidays removed), and the year's confirmation."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.accounts.auth import admin_required
from reintegration.accounts.models import Role
from reintegration.calendar import services
from reintegration.calendar.forms import HolidayForm, RemovalForm
from reintegration.calendar.models import PublicHoliday
from reintegration.core.actions import run_service
from reintegration.core.clock import today_local
from reintegration.core.i18n import format_day
from reintegration.extensions import db

bp = Blueprint("calendar", __name__, url_prefix="/admin/holidays")

# Years the page accepts in ?year= (anything else shows the current year).
FIRST_YEAR, LAST_YEAR = 2000, 2100
REMOVAL = "removal"  # the removal form's fields are named apart from the addition's


def chosen_year() -> int:
    year = request.args.get("year", type=int)
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else today_local().year


def render_year(year: int, form: HolidayForm | None = None, removal: RemovalForm | None = None):
    rows = [
        (line, format_date(line.day, "EEEE"), services.is_weekend(line.day))
        for line in services.calendar_of_year(year)
    ]
    return render_template(
        "calendar/holidays.html",
        form=form or HolidayForm(formdata=None),
        removal=removal or RemovalForm(formdata=None, prefix=REMOVAL),
        year=year,
        years=range(today_local().year - 1, today_local().year + 3),
        rows=rows,
        confirmed=year in services.confirmed_years(),
    )


@bp.route("/", methods=["GET", "POST"])
@admin_required
def holidays():
    form = HolidayForm()
    year = chosen_year()
    if form.validate_on_submit():
        done, holiday = run_service(
            lambda: services.add_holiday(form.day.data, form.name.data, actor=current_user), form
        )
        if done:
            flash(
                _("%(day)s added: %(name)s.", day=format_day(holiday.day), name=holiday.name),
                "success",
            )
            return redirect(url_for(".holidays", year=holiday.day.year))
    if request.method == "POST" and form.day.data and FIRST_YEAR <= form.day.data.year <= LAST_YEAR:
        year = form.day.data.year  # show the year of the day that was refused
    return render_year(year, form=form)


@bp.post("/remove")
@admin_required
def remove():
    form = RemovalForm(prefix=REMOVAL)
    year = chosen_year()
    if form.validate_on_submit():
        done, change = run_service(
            lambda: services.remove_law_holiday(form.day.data, form.reason.data, current_user),
            form,
        )
        if done:
            flash(_("%(day)s is a working day.", day=format_day(change.day)), "info")
            return redirect(url_for(".holidays", year=change.day.year))
    if form.day.data and FIRST_YEAR <= form.day.data.year <= LAST_YEAR:
        year = form.day.data.year
    return render_year(year, removal=form)


@bp.post("/<int:holiday_id>/delete")
@admin_required
def delete(holiday_id: int):
    holiday = db.get_or_404(PublicHoliday, holiday_id)
    day = holiday.day
    services.delete_holiday(holiday, actor=current_user)
    db.session.commit()
    flash(_("The change of %(day)s is undone.", day=format_day(day)), "info")
    return redirect(url_for(".holidays", year=day.year))


@bp.post("/<int:year>/confirm")
@admin_required
def confirm(year: int):
    if run_service(lambda: services.confirm_year(year, current_user))[0]:
        flash(_("The days off of %(year)s are confirmed.", year=year), "success")
    return redirect(url_for(".holidays", year=year))


@bp.app_context_processor
def inject_year_warning():
    """``holiday_year_to_confirm()`` for the admin and officer start pages: next year's
    number from 1 October while its swaps are not confirmed."""

    def year_to_confirm() -> int | None:
        if not current_user.is_authenticated or current_user.role not in (
            Role.ADMIN,
            Role.PROVINCE_OFFICER,
        ):
            return None
        return services.year_to_confirm()

    return {"holiday_year_to_confirm": year_to_confirm}
