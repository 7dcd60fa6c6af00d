"""Pages over the administrative units, and the old-address converter."""

from flask import Blueprint, jsonify, render_template, request
from sqlalchemy import func, select

from reintegration.accounts.models import Role
from reintegration.core.auth import roles_required
from reintegration.core.text import fold, in_vietnamese_order
from reintegration.extensions import db
from reintegration.geo.addresses import place_name
from reintegration.geo.forms import CommuneSearchForm, ConvertForm
from reintegration.geo.models import Commune, Province
from reintegration.geo.services import convert_legacy_address

bp = Blueprint("geo", __name__, url_prefix="/geo")

# "Ninh Bình" for "Tỉnh Ninh Bình" where forms write a place, e.g. a PDF's place-and-date line.
bp.add_app_template_filter(place_name, "place_name")


@bp.get("/provinces")
@roles_required(Role.ADMIN, Role.PROVINCE_OFFICER)
def provinces():
    rows = db.session.execute(
        select(Province, func.count(Commune.code))
        .outerjoin(Commune, Commune.province_code == Province.code)
        .group_by(Province.code)
        .order_by(Province.code)
    ).all()
    return render_template("geo/provinces.html", rows=rows)


@bp.get("/provinces/<int:code>")
@roles_required(Role.ADMIN, Role.PROVINCE_OFFICER)
def province(code: int):
    province = db.get_or_404(Province, code)
    form = CommuneSearchForm(request.args)
    stmt = select(Commune).where(Commune.province_code == code)
    if form.validate() and form.q.data:
        stmt = stmt.where(Commune.name_folded.contains(fold(form.q.data), autoescape=True))
    communes = in_vietnamese_order(db.session.scalars(stmt.order_by(Commune.code)))
    return render_template("geo/province.html", province=province, form=form, communes=communes)


@bp.get("/provinces/<int:code>/communes.json")
@roles_required(Role.ADMIN)
def province_communes_json(code: int):
    db.get_or_404(Province, code)
    rows = in_vietnamese_order(
        db.session.execute(
            select(Commune.code, Commune.name)
            .where(Commune.province_code == code)
            .order_by(Commune.code)
        ),
        name=lambda row: row.name,
    )
    return jsonify([{"code": row.code, "name": row.name} for row in rows])


@bp.get("/convert")
@roles_required(Role.ADMIN, Role.PROVINCE_OFFICER, Role.CASEWORKER)
def convert():
    form = ConvertForm(request.args)
    result = None
    if request.args and form.validate():
        result = convert_legacy_address(
            province=form.province.data, district=form.district.data, commune=form.commune.data
        )
    return render_template("geo/convert.html", form=form, result=result)
