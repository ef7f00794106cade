"""Administration of the working-day calendar."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectField, StringField

from penalties.auth.permissions import Permission, permission_required
from penalties.catalogue.models import HolidayOverride
from penalties.core.forms import ConfirmForm, DayField, Form, apply_rule_error, max_length, required
from penalties.extensions import db
from penalties.law.errors import RuleViolation
from penalties.workdays import bp
from penalties.workdays.operations import declare_override, withdraw_override
from penalties.workdays.queries import days_off_of_year, overrides_of_year, work_calendar


class OverrideForm(Form):
    day = DayField(_l("Ngày"), validators=[required()])
    working = SelectField(
        _l("Loại"),
        choices=[("off", _l("Ngày nghỉ (nghỉ bù, nghỉ lễ)")), ("work", _l("Ngày làm bù"))],
        validators=[required()],
    )
    name = StringField(_l("Căn cứ / ghi chú"), validators=[required(), max_length(200)])


def _year() -> int:
    value = request.args.get("year", "")
    year = int(value) if value.isdigit() else date.today().year
    if not 2022 <= year <= 2100:
        abort(404)
    return year


@bp.route("/", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_CATALOGUE)
def index():
    year = _year()
    form = OverrideForm()
    if form.validate_on_submit():
        try:
            declare_override(form.day.data, form.working.data == "work", form.name.data, actor=current_user)
        except RuleViolation as err:
            db.session.rollback()
            apply_rule_error(form, err)
        else:
            db.session.commit()
            flash(_("Đã khai báo ngày %(d)s.", d=form.day.data.strftime("%d/%m/%Y")), "success")
            return redirect(url_for("workdays.index", year=form.day.data.year))
    status = 422 if request.method == "POST" else 200
    calendar = work_calendar()
    return render_template(
        "workdays/index.html",
        year=year,
        form=form,
        overrides=overrides_of_year(year),
        days_off=days_off_of_year(year, calendar),
        confirm=ConfirmForm(),
    ), status


@bp.post("/<int:override_id>/withdraw")
@permission_required(Permission.MANAGE_CATALOGUE)
def withdraw(override_id: int):
    row = db.get_or_404(HolidayOverride, override_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    year = row.day.year
    withdraw_override(row, actor=current_user)
    db.session.commit()
    flash(_("Đã xóa khai báo."), "success")
    return redirect(url_for("workdays.index", year=year))
