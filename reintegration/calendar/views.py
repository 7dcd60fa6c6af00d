"""The administrators' page of public holidays: list a year, add a day, delete one."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from reintegration.calendar import services
from reintegration.calendar.forms import HolidayForm
from reintegration.calendar.models import PublicHoliday
from reintegration.core.auth import admin_required
from reintegration.core.clock import today_local
from reintegration.core.exceptions import DomainError
from reintegration.core.forms import attach_error
from reintegration.core.i18n import format_day
from reintegration.extensions import db

bp = Blueprint("calendar", __name__, url_prefix="/admin/holidays")

# Years the page accepts in ?year= (anything else shows the current year).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def chosen_year() -> int:
    year = request.args.get("year", type=int)
    return year if year is not None and FIRST_YEAR <= year <= LAST_YEAR else today_local().year


@bp.route("/", methods=["GET", "POST"])
@admin_required
def holidays():
    form = HolidayForm()
    year = chosen_year()
    if form.validate_on_submit():
        try:
            holiday = services.add_holiday(form.day.data, form.name.data, actor=current_user)
        except DomainError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(
                _("%(day)s added: %(name)s.", day=format_day(holiday.day), name=holiday.name),
                "success",
            )
            return redirect(url_for(".holidays", year=holiday.day.year))
    if request.method == "POST" and form.day.data and FIRST_YEAR <= form.day.data.year <= LAST_YEAR:
        year = form.day.data.year  # show the year of the day that was refused
    rows = [
        (holiday, format_date(holiday.day, "EEEE"), services.is_weekend(holiday.day))
        for holiday in services.holidays_in_year(year)
    ]
    years = sorted({*services.holiday_years(), year - 1, year, year + 1})
    return render_template("calendar/holidays.html", form=form, year=year, years=years, rows=rows)


@bp.post("/<int:holiday_id>/delete")
@admin_required
def delete(holiday_id: int):
    holiday = db.get_or_404(PublicHoliday, holiday_id)
    day, name = holiday.day, holiday.name
    services.delete_holiday(holiday, actor=current_user)
    db.session.commit()
    flash(_("%(day)s is no longer a holiday (%(name)s).", day=format_day(day), name=name), "info")
    return redirect(url_for(".holidays", year=day.year))
