"""The import pages. Province officers import for their province, caseworkers for their
communes (rows elsewhere are refused by the registration's scope check). A caseworker sees
the lists they uploaded, an officer every list of their province (others are 404)."""

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Text, cast, select

from reintegration.accounts.models import Role
from reintegration.core.actions import run_service
from reintegration.core.auth import roles_required
from reintegration.core.clock import today_local
from reintegration.core.documents import file_response
from reintegration.core.pagination import page_number, paginate
from reintegration.extensions import db
from reintegration.geo.models import Commune
from reintegration.imports.forms import ButtonForm, UploadForm
from reintegration.imports.models import (
    CHOICE_NEW_PERSON,
    CHOICE_SKIP,
    ELSEWHERE,
    WARNED,
    BatchStatus,
    DecisionKind,
    ImportBatch,
    ImportRow,
    RowStatus,
)
from reintegration.imports.services import batches, owners, results, story
from reintegration.imports.services.columns import COLUMNS, IGNORE
from reintegration.imports.views import bp
from reintegration.people.forms import amnesty_decision_choices
from reintegration.people.models import Person, ReleaseType
from reintegration.people.services.registration import visible_case

import_roles = roles_required(Role.CASEWORKER, Role.PROVINCE_OFFICER)
DECISIONS_PER_PAGE = 50
PROBLEMS_SHOWN = 200
LIST_LIMIT = 100


def batch_or_404(batch_id: int) -> ImportBatch:
    return batches.find_batch(batch_id, current_user) or abort(404)


@bp.get("/imports/")
@import_roles
def index():
    found = db.session.scalars(
        batches.visible_batches(current_user).order_by(ImportBatch.id.desc()).limit(LIST_LIMIT)
    ).all()
    return render_template("imports/list.html", batches=found)


@bp.route("/imports/new", methods=["GET", "POST"])
@import_roles
def upload():
    form = UploadForm()
    form.amnesty_decision_id.choices = amnesty_decision_choices()
    if request.method == "GET":
        form.notified_on.data = today_local()
    if form.validate_on_submit():
        options = batches.ImportOptions(
            release_type=ReleaseType(form.release_type.data),
            notified_on=form.notified_on.data,
            release_date=form.release_date.data,
            amnesty_decision_id=form.amnesty_decision_id.data,
        )
        uploaded, batch = run_service(
            lambda: batches.create_batch(form.file.data, options, current_user), form
        )
        if uploaded:
            flash(_("The list is uploaded: it is read in the background."), "success")
            return redirect(url_for(".batch", batch_id=batch.id))
    return render_template(
        "imports/upload.html", form=form, max_rows=current_app.config["IMPORT_MAX_ROWS"]
    )


@bp.get("/imports/<int:batch_id>")
@import_roles
def batch(batch_id: int):
    found = batch_or_404(batch_id)
    context = {"batch": found, "form": ButtonForm(), "RowStatus": RowStatus}
    if found.status == BatchStatus.READY:
        context.update(_preview(found))
    elif found.status == BatchStatus.COMMITTED:
        context["problems"] = _problems(found)
        context["unowned"] = owners.unowned(found)
    if found.status in (BatchStatus.READY, BatchStatus.COMMITTED):
        context["story"] = story.story(found)
        context["warned"] = _warned(found)
        context["handed"] = batches.handed_over(found) if found.counts.get(ELSEWHERE) else []
    return render_template("imports/batch.html", **context)


def _preview(batch: ImportBatch) -> dict:
    page = page_number()
    decisions = db.session.scalars(
        batches.rows_of(batch, RowStatus.DECISION)
        .offset((page - 1) * DECISIONS_PER_PAGE)
        .limit(DECISIONS_PER_PAGE)
    ).all()
    commune_codes = {c for r in decisions if r.decision.chooses_commune for c in r.candidates}

    def candidates(kind: DecisionKind) -> set[int]:
        return {c for r in decisions if r.decision == kind for c in r.candidates}

    person_ids, row_numbers = candidates(DecisionKind.SIMILAR), candidates(DecisionKind.REPEATED)
    communes = {
        c.code: c
        for c in db.session.scalars(select(Commune).where(Commune.code.in_(commune_codes)))
    }
    people = {
        p.id: (p, visible_case(p, current_user))
        for p in db.session.scalars(select(Person).where(Person.id.in_(person_ids)))
    }
    earlier_rows = {
        r.row_number: r
        for r in db.session.scalars(
            batches.rows_of(batch).where(ImportRow.row_number.in_(row_numbers))
        )
    }
    return {
        "decisions": decisions,
        "communes": communes,
        "people": people,
        "earlier_rows": earlier_rows,
        "page": page,
        "pages": max(1, -(-batch.count(RowStatus.DECISION) // DECISIONS_PER_PAGE)),
        "problems": _problems(batch),
        "choice_new": CHOICE_NEW_PERSON,
        "choice_skip": CHOICE_SKIP,
    }


def _warned(batch: ImportBatch) -> list:
    """Rows with an optional value left empty (their messages name no sensitive value)."""
    if not batch.counts or not batch.counts.get(WARNED):
        return []
    return db.session.scalars(
        batches.rows_of(batch).where(cast(ImportRow.warnings, Text) != "[]").limit(PROBLEMS_SHOWN)
    ).all()


def _problems(batch: ImportBatch) -> list:
    return db.session.scalars(
        batches.rows_of(batch, RowStatus.INVALID, RowStatus.KNOWN).limit(PROBLEMS_SHOWN)
    ).all()


@bp.get("/imports/<int:batch_id>/rows")
@import_roles
def rows(batch_id: int):
    """The rows a count of the preview opens: number, person, address as written, and what
    was found (never the offence, the sentence or the facility)."""
    found = batch_or_404(batch_id)
    show, reason = request.args.get("show", ""), request.args.get("reason")
    stmt = story.rows_for(found, show, reason)
    if stmt is None:
        abort(404)
    page = paginate(stmt)
    name_heading = _heading_of(found, "full_name")
    return render_template(
        "imports/rows.html", batch=found, page=page, title=story.label_of(show, reason),
        name_heading=name_heading,
    )  # fmt: skip


def _heading_of(batch: ImportBatch, key: str) -> str | None:
    for index, mapped in enumerate(batch.mapping or []):
        if mapped == key and index < len(batch.headers or []):
            return batch.headers[index] or f"#{index + 1}"
    return None


@bp.get("/imports/<int:batch_id>/status")
@import_roles
def status(batch_id: int):
    found = batch_or_404(batch_id)
    return jsonify(
        status=found.status.value,
        label=found.status.label,
        working=found.status.working,
        done=found.progress_done,
        total=found.progress_total,
        phase=found.progress_phase.label if found.progress_phase else None,
        text=found.progress_text,
        percent=found.percent,
    )


@bp.route("/imports/<int:batch_id>/columns", methods=["GET", "POST"])
@import_roles
def columns(batch_id: int):
    found = batch_or_404(batch_id)
    if found.status != BatchStatus.NEEDS_MAPPING:
        return redirect(url_for(".batch", batch_id=batch_id))
    form = ButtonForm()
    keys = {column.key for column in COLUMNS}
    mapping = list(found.mapping or [])
    if form.validate_on_submit():
        chosen = [request.form.get(f"column-{i}") or None for i in range(len(found.headers))]
        chosen = [key if key in keys else None for key in chosen]
        if run_service(lambda: batches.save_mapping(found, chosen, current_user))[0]:
            flash(_("The columns are matched: the list is read again."), "success")
            return redirect(url_for(".batch", batch_id=batch_id))
        found, mapping = batch_or_404(batch_id), chosen
    return render_template(
        "imports/columns.html", batch=found, form=form, mapping=mapping, columns=COLUMNS,
        ignore=IGNORE,
    )  # fmt: skip


@bp.post("/imports/<int:batch_id>/decisions")
@import_roles
def decide(batch_id: int):
    found = batch_or_404(batch_id)
    form = ButtonForm()
    if form.validate_on_submit():
        choices = {
            int(name.removeprefix("row-")): value
            for name, value in request.form.items()
            if name.startswith("row-") and name.removeprefix("row-").isdigit()
        }
        done, decided = run_service(lambda: batches.decide(found, choices, current_user))
        if done:
            flash(_("%(count)s rows decided.", count=decided), "success")
    return redirect(url_for(".batch", batch_id=batch_id, page=page_number()))


@bp.post("/imports/<int:batch_id>/confirm")
@import_roles
def confirm(batch_id: int):
    return _act(
        batch_id, batches.confirm, _("The import is confirmed: it is saved in the background.")
    )


@bp.post("/imports/<int:batch_id>/cancel")
@import_roles
def cancel(batch_id: int):
    return _act(batch_id, batches.cancel, _("The import is cancelled."))


def _act(batch_id: int, action, done_message: str):
    found = batch_or_404(batch_id)
    if ButtonForm().validate_on_submit() and run_service(lambda: action(found, current_user))[0]:
        flash(done_message, "success")
    return redirect(url_for(".batch", batch_id=batch_id))


@bp.get("/imports/<int:batch_id>/not-imported.<fmt>")
@import_roles
def rejected(batch_id: int, fmt: str):
    found = batch_or_404(batch_id)
    if fmt not in ("csv", "xlsx") or found.headers is None:
        abort(404)
    if fmt == "csv":
        content = results.rejected_csv(found, current_user)
        mimetype = "text/csv"
    else:
        content = results.rejected_xlsx(found, current_user)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    db.session.commit()
    return file_response(content, mimetype, results.filename(found, fmt))
