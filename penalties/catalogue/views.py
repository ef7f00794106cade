"""Pages of the reference data: sectors, the catalogue of acts, and its CSV import."""

from datetime import date

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from penalties.auth.permissions import Permission, permission_required
from penalties.catalogue import bp
from penalties.catalogue.forms import ActForm, ImportForm, SectorForm
from penalties.catalogue.importing import (
    COLUMNS,
    LIST_SEPARATOR,
    MAX_BYTES,
    MAX_LINES,
    ImportRefused,
    decode_upload,
    import_acts,
    parse_day,
    template_csv,
)
from penalties.catalogue.models import Act, Sector
from penalties.catalogue.operations import (
    create_act,
    create_sector,
    set_act_active,
    set_sector_active,
    update_act,
    update_sector,
)
from penalties.catalogue.queries import act_versions, all_sectors, search_acts, sector_choices
from penalties.core.forms import ConfirmForm, apply_rule_error
from penalties.extensions import db
from penalties.law.errors import RuleViolation

# An error report longer than this is cut: the first errors tell what to fix in the file.
SHOWN_ERRORS = 500


@bp.get("/sectors")
@permission_required(Permission.MANAGE_CATALOGUE)
def sectors():
    return render_template("catalogue/sectors.html", sectors=all_sectors(), confirm=ConfirmForm())


def _sector_form(sector: Sector | None = None) -> SectorForm:
    form = SectorForm()
    if sector is not None and request.method == "GET":
        for name in ("code", "name", "limitation_years", "max_fine_individual", "max_fine_organisation"):
            getattr(form, name).data = getattr(sector, name)
    return form


@bp.route("/sectors/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_CATALOGUE)
def sector_new():
    form = _sector_form()
    if form.validate_on_submit():
        try:
            sector = create_sector(form.to_input(), actor=current_user)
        except RuleViolation as err:
            db.session.rollback()
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã tạo lĩnh vực %(c)s.", c=sector.code), "success")
            return redirect(url_for("catalogue.sectors"))
    status = 422 if request.method == "POST" else 200
    return render_template("catalogue/sector_form.html", form=form, sector=None), status


@bp.route("/sectors/<int:sector_id>/edit", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_CATALOGUE)
def sector_edit(sector_id: int):
    sector = db.get_or_404(Sector, sector_id)
    form = _sector_form(sector)
    form.code.data = sector.code
    if form.validate_on_submit():
        try:
            update_sector(sector, form.to_input(), actor=current_user)
        except RuleViolation as err:
            db.session.rollback()
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã lưu lĩnh vực %(c)s.", c=sector.code), "success")
            return redirect(url_for("catalogue.sectors"))
    status = 422 if request.method == "POST" else 200
    return render_template("catalogue/sector_form.html", form=form, sector=sector), status


@bp.post("/sectors/<int:sector_id>/active")
@permission_required(Permission.MANAGE_CATALOGUE)
def sector_active(sector_id: int):
    sector = db.get_or_404(Sector, sector_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    set_sector_active(sector, not sector.active, actor=current_user)
    db.session.commit()
    message = _("Đã dùng lại lĩnh vực %(c)s.") if sector.active else _("Đã ngừng sử dụng lĩnh vực %(c)s.")
    flash(message % {"c": sector.code}, "success")
    return redirect(url_for("catalogue.sectors"))


def _on_date() -> tuple[date | None, str | None]:
    """Return the 'valid on' filter of the acts list, and an error when it is not a date."""
    raw = (request.args.get("on") or "").strip()
    try:
        return parse_day(raw), None
    except ValueError:
        return None, _("Ngày “%(v)s” không hợp lệ: bộ lọc theo ngày bị bỏ qua.", v=raw)


@bp.get("/acts")
@permission_required(Permission.VIEW_REFERENCE)
def acts():
    q, sector = (request.args.get("q") or "").strip(), request.args.get("sector") or ""
    on, on_error = _on_date()
    page = search_acts(
        sector=sector or None, q=q, on=on, cursor=request.args.get("cursor"), limit=current_app.config["PAGE_SIZE"]
    )
    filters = {"q": q, "sector": sector, "on": on, "on_raw": request.args.get("on") or "", "on_error": on_error}
    return render_template(
        "catalogue/acts.html",
        page=page,
        filters=filters,
        sectors=all_sectors(),
        can_manage=current_user.can(Permission.MANAGE_CATALOGUE),
    )


def _act_form(act: Act | None = None) -> ActForm:
    form = ActForm()
    form.sector.choices = sector_choices(include=act.sector.code if act else None)
    if act is not None and request.method == "GET":
        form.fill_from(act)
    return form


@bp.route("/acts/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_CATALOGUE)
def act_new():
    form = _act_form()
    if request.method == "GET" and request.args.get("code"):
        # "New version" link of an act: start from its current text.
        versions = act_versions(request.args["code"])
        if versions:
            form.fill_from(versions[-1])
            form.valid_from.data = form.valid_to.data = None
    if form.validate_on_submit():
        try:
            act = create_act(form.to_input(), actor=current_user)
        except RuleViolation as err:
            db.session.rollback()
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã thêm hành vi %(c)s.", c=act.code), "success")
            return redirect(url_for("catalogue.act_edit", act_id=act.id))
    status = 422 if request.method == "POST" else 200
    return render_template("catalogue/act_form.html", form=form, act=None, versions=[]), status


@bp.route("/acts/<int:act_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_CATALOGUE)
def act_edit(act_id: int):
    act = db.get_or_404(Act, act_id)
    form = _act_form(act)
    form.code.data = act.code
    if form.validate_on_submit():
        try:
            update_act(act, form.to_input(), actor=current_user)
        except RuleViolation as err:
            db.session.rollback()
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã lưu hành vi %(c)s.", c=act.code), "success")
            return redirect(url_for("catalogue.act_edit", act_id=act.id))
    status = 422 if request.method == "POST" else 200
    versions = act_versions(act.code)
    return render_template(
        "catalogue/act_form.html", form=form, act=act, versions=versions, confirm=ConfirmForm()
    ), status


@bp.post("/acts/<int:act_id>/active")
@permission_required(Permission.MANAGE_CATALOGUE)
def act_active(act_id: int):
    act = db.get_or_404(Act, act_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    set_act_active(act, not act.active, actor=current_user)
    db.session.commit()
    message = _("Đã dùng lại hành vi %(c)s.") if act.active else _("Đã ngừng sử dụng hành vi %(c)s.")
    flash(message % {"c": act.code}, "success")
    return redirect(url_for("catalogue.act_edit", act_id=act.id))


def _import_page(form: ImportForm, errors=(), status: int = 200):
    return render_template(
        "catalogue/import.html",
        form=form,
        errors=list(errors)[:SHOWN_ERRORS],
        error_count=len(errors),
        columns=COLUMNS,
        separator=LIST_SEPARATOR,
        max_lines=MAX_LINES,
        max_mb=MAX_BYTES // (1024 * 1024),
    ), status


@bp.route("/acts/import", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_CATALOGUE)
def act_import():
    form = ImportForm()
    if not form.validate_on_submit():
        return _import_page(form, status=422 if request.method == "POST" else 200)
    try:
        text = decode_upload(form.file.data.stream.read(MAX_BYTES + 1))
    except ImportRefused as err:
        form.file.errors.append(err.message)
        return _import_page(form, status=422)
    result = import_acts(text, actor=current_user)
    if not result.ok:
        db.session.rollback()
        return _import_page(form, result.errors, status=422)
    db.session.commit()
    flash(_("Đã nhập %(n)d hành vi vào danh mục.", n=result.imported), "success")
    return redirect(url_for("catalogue.acts"))


@bp.get("/acts/import/template.csv")
@permission_required(Permission.MANAGE_CATALOGUE)
def act_import_template():
    return Response(
        template_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=mau-danh-muc-hanh-vi.csv"},
    )


@bp.get("/law")
@permission_required(Permission.VIEW_REFERENCE)
def law_parameters():
    """The numbers of the law the system applies, each version with its reference (read only: law.parameters)."""
    from penalties.catalogue.law_parameters import rows
    from penalties.core.db import utcnow
    from penalties.core.formatting import local_today

    today = local_today(utcnow())
    listed = rows(today)
    return render_template("catalogue/law_parameters.html", rows=listed, today=today)
