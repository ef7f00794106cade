"""The verification pages (no sign-in): whether we issued a document, and nothing personal."""

import hashlib
import re

from flask import redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import StringField

from penalties.auth.permissions import public
from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.core.forms import Form, max_length, optional
from penalties.decisions.labels import STATUS_LABELS
from penalties.decisions.queries import figures_on, find_issued
from penalties.extensions import limiter
from penalties.verify import bp

HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")


class VerifyForm(Form):
    code = StringField(_l("Mã SHA-256 hoặc mã kiểm tra (64 ký tự)"), validators=[optional(), max_length(64)])
    document = FileField(_l("Hoặc chọn tệp PDF của quyết định"))


@bp.route("/", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
@public
def index():
    form = VerifyForm()
    if form.validate_on_submit():
        upload = form.document.data
        if upload and getattr(upload, "filename", ""):
            code = hashlib.sha256(upload.read()).hexdigest()
            upload.close()
            return redirect(url_for("verify.result", code=code))
        if form.code.data and HEX64.match(form.code.data.strip()):
            return redirect(url_for("verify.result", code=form.code.data.strip().lower()))
        form.code.errors = [*form.code.errors, _l("Mã gồm đúng 64 ký tự 0–9, a–f.")]
    return render_template("verify/index.html", form=form), 422 if request.method == "POST" else 200


@bp.get("/<code>")
@public
def result(code: str):
    decision = find_issued(code) if HEX64.match(code) else None
    status = figures_on(decision, local_today(utcnow())).status if decision else None
    return render_template(
        "verify/result.html", decision=decision, status=status, code=code, status_labels=STATUS_LABELS
    ), 200 if decision else 404
