"""Administration of units."""

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from penalties.auth.permissions import Permission, permission_required
from penalties.core.forms import ConfirmForm, apply_rule_error
from penalties.core.pagination import keyset_page
from penalties.extensions import db
from penalties.law.errors import RuleViolation
from penalties.units import bp
from penalties.units.forms import LEVEL_LABELS, UnitForm
from penalties.units.models import Unit
from penalties.units.operations import create_unit, set_unit_active, update_unit
from penalties.units.queries import unit_choices


@bp.get("/")
@permission_required(Permission.MANAGE_UNITS)
def index():
    q = (request.args.get("q") or "").strip()
    query = sa.select(Unit)
    if q:
        query = query.where(sa.or_(Unit.code.like(f"%{q.upper()}%"), Unit.name.like(f"%{q}%")))
    page = keyset_page(query, [Unit.code], request.args.get("cursor"), current_app.config["PAGE_SIZE"])
    return render_template("units/index.html", page=page, q=q, levels=LEVEL_LABELS, confirm=ConfirmForm())


def _form(unit: Unit | None = None) -> UnitForm:
    form = UnitForm()
    form.parent_code.choices = [("", _("— Không —")), *unit_choices(active_only=False)]
    if unit is not None and request.method == "GET":
        for name in (
            "code",
            "name",
            "level",
            "address",
            "treasury_account",
            "treasury_name",
            "treasury_bank_bin",
            "valid_from",
            "valid_to",
        ):
            getattr(form, name).data = getattr(unit, name)
        form.parent_code.data = unit.parent.code if unit.parent else ""
        form.successors.data = ", ".join(s.code for s in unit.successors)
    return form


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_UNITS)
def new():
    form = _form()
    if form.validate_on_submit():
        try:
            unit = create_unit(form.to_input(), actor=current_user)
        except RuleViolation as err:
            db.session.rollback()
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã tạo đơn vị %(c)s.", c=unit.code), "success")
            return redirect(url_for("units.index"))
    status = 422 if request.method == "POST" else 200
    return render_template("units/form.html", form=form, unit=None), status


@bp.route("/<int:unit_id>/edit", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_UNITS)
def edit(unit_id: int):
    unit = db.get_or_404(Unit, unit_id)
    form = _form(unit)
    form.code.data = unit.code
    if form.validate_on_submit():
        try:
            update_unit(unit, form.to_input(), actor=current_user)
        except RuleViolation as err:
            db.session.rollback()
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã lưu đơn vị %(c)s.", c=unit.code), "success")
            return redirect(url_for("units.index"))
    status = 422 if request.method == "POST" else 200
    return render_template("units/form.html", form=form, unit=unit), status


@bp.post("/<int:unit_id>/active")
@permission_required(Permission.MANAGE_UNITS)
def toggle_active(unit_id: int):
    unit = db.get_or_404(Unit, unit_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    set_unit_active(unit, not unit.active, actor=current_user)
    db.session.commit()
    flash(
        _("Đã mở lại đơn vị %(c)s.") % {"c": unit.code}
        if unit.active
        else _("Đã ngừng sử dụng đơn vị %(c)s.") % {"c": unit.code},
        "success",
    )
    return redirect(url_for("units.index"))
