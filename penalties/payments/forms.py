"""Forms of the money panel: a payment and its reversal, installments, postponement, reduction, enforcement."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import FieldList, FormField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import StopValidation
from wtforms.widgets import TextInput

from penalties.core.forms import DayField, Form, apply_rule_error, max_length, optional, required
from penalties.payments.models import ENFORCEMENT_MEASURES, PAYMENT_METHODS, REDUCTION_KINDS
from penalties.payments.operations import (
    EnforcementInput,
    InstallmentInput,
    PaymentInput,
    PostponementInput,
    ReductionInput,
)

METHOD_LABELS = {
    "cash": _l("Tiền mặt"),
    "bank_transfer": _l("Chuyển khoản"),
    "online": _l("Nộp trực tuyến (Cổng Dịch vụ công)"),
}
# The measures of Law Art. 86(1). payments/documents.py keeps the Law's wording for the PDFs, untranslated;
# the pages need it translatable, hence this copy.
MEASURE_LABELS = {
    "salary_deduction": _l("Khấu trừ một phần lương hoặc một phần thu nhập"),
    "account_deduction": _l("Khấu trừ tiền từ tài khoản tại tổ chức tín dụng"),
    "distraint": _l("Kê biên tài sản có giá trị tương ứng với số tiền phạt để bán đấu giá"),
    "third_party_collection": _l("Thu tiền, tài sản khác của đối tượng bị cưỡng chế do cá nhân, tổ chức khác đang giữ"),
    "remedial_enforcement": _l("Buộc thực hiện biện pháp khắc phục hậu quả"),
}
OUTCOME_LABELS = {"granted": _l("Chấp nhận: ban hành quyết định"), "refused": _l("Không chấp nhận (ghi lý do)")}
REQUEST_LABELS = {
    "installments": _l("nộp tiền phạt nhiều lần"),
    "postponement": _l("hoãn thi hành quyết định phạt tiền"),
    "reduction": _l("giảm, miễn tiền phạt"),
}
REDUCTION_LABELS = {"reduce": _l("Giảm một phần tiền phạt"), "exempt": _l("Miễn phần tiền phạt còn lại")}
EVIDENCE_LABEL = _l("Giấy tờ chứng minh hoàn cảnh khó khăn (JPEG, PNG, PDF; tối đa 10 MB)")
MONEY = re.compile(r"\d{1,3}(?:[. \u00a0]\d{3})+|\d+")


class MoneyField(IntegerField):
    """An amount of đồng: digits, optionally grouped by thousands with dots or spaces (5.000.000)."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip().removesuffix("đ").strip()
        if not text:
            self.data = None
            return
        if not MONEY.fullmatch(text):
            self.data = None
            raise ValueError(_l("Số tiền phải là số nguyên đồng, ví dụ 5000000 hoặc 5.000.000."))
        self.data = int(re.sub(r"\D", "", text))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return f"{self.data:,}".replace(",", ".") if self.data is not None else ""


def positive(form, field):
    """An amount above zero."""
    if field.data is not None and field.data <= 0:
        raise StopValidation(_l("Số tiền phải lớn hơn 0."))


class PaymentForm(Form):
    amount = MoneyField(_l("Số tiền nộp (đồng)"), validators=[required(), positive])
    paid_on = DayField(_l("Ngày nộp"), validators=[required()])
    method = SelectField(
        _l("Hình thức nộp"), choices=[(m, METHOD_LABELS[m]) for m in PAYMENT_METHODS], validators=[required()]
    )
    receipt_no = StringField(_l("Số biên lai / chứng từ"), validators=[required(), max_length(64)])
    note = TextAreaField(_l("Ghi chú"), validators=[optional(), max_length(1000)], render_kw={"rows": 2})

    def to_input(self) -> PaymentInput:
        return PaymentInput(
            amount=self.amount.data,
            paid_on=self.paid_on.data,
            method=self.method.data,
            receipt_no=self.receipt_no.data or "",
            note=self.note.data or "",
        )


class ReversalForm(Form):
    reason = StringField(_l("Lý do hủy"), validators=[required(), max_length(1000)])


class ScheduleRow(Form):
    class Meta:
        csrf = False

    due_on = DayField(_l("Hạn nộp"), validators=[optional()])
    amount = MoneyField(_l("Số tiền (đồng)"), validators=[optional(), positive])


def _evidence(field) -> tuple[str, bytes] | None:
    """Return (filename, content) of an uploaded file, or None when none was chosen."""
    upload = field.data
    if not getattr(upload, "filename", ""):
        return None
    try:
        return upload.filename, upload.read()
    finally:
        upload.close()  # a large upload is spooled to a temporary file: release it now


class RequestForm(Form):
    """A request for relief and what was decided on it: granted (a decision is issued) or refused, with the reason;
    either way no late fee runs from the request through the decision (Circular 18/2023/TT-BTC Art. 5(2))."""

    requested_on = DayField(_l("Ngày đề nghị"), validators=[required()])
    decided_on = DayField(_l("Ngày quyết định"), validators=[optional()])
    # Missing from a form posted before the choice existed: granted, as it was.
    outcome = RadioField(_l("Kết quả xem xét"), choices=list(OUTCOME_LABELS.items()), default="granted")
    reason = TextAreaField(
        _l("Lý do không chấp nhận"), validators=[optional(), max_length(2000)], render_kw={"rows": 2}
    )

    def request_fields(self) -> dict:
        return {
            "requested_on": self.requested_on.data,
            "decided_on": self.decided_on.data,
            "outcome": self.outcome.data,
            "reason": self.reason.data or "",
        }


class InstallmentForm(RequestForm):
    hardship = TextAreaField(
        _l("Hoàn cảnh khó khăn (đã được xác nhận)"), validators=[required(), max_length(3000)], render_kw={"rows": 2}
    )
    evidence = FileField(EVIDENCE_LABEL)
    schedule = FieldList(FormField(ScheduleRow), min_entries=3, max_entries=3)

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for row in self.schedule:
            due, amount = row.form.due_on, row.form.amount
            if (due.data is None) != (amount.data is None) and not due.errors and not amount.errors:
                missing = due if due.data is None else amount
                missing.errors = [*missing.errors, _l("Ghi cả hạn nộp và số tiền của lần nộp này.")]
                self.schedule.errors = [*self.schedule.errors, missing.errors]
                ok = False
        return ok

    def filled_rows(self) -> list:
        """Return the schedule rows with a date and an amount; blank rows are ignored."""
        return [row.form for row in self.schedule if row.form.due_on.data and row.form.amount.data is not None]

    def to_input(self) -> InstallmentInput:
        return InstallmentInput(
            **self.request_fields(),
            hardship=self.hardship.data or "",
            schedule=[(row.due_on.data, row.amount.data) for row in self.filled_rows()],
            evidence=_evidence(self.evidence),
        )

    def show_rule_error(self, err) -> None:
        """Put a refusal beside the schedule row it names ("schedule.1.amount": the second filled row)."""
        match = re.fullmatch(r"schedule\.(\d+)\.(due_on|amount)", err.field or "")
        rows = self.filled_rows()
        if match and int(match.group(1)) < len(rows):
            field = getattr(rows[int(match.group(1))], match.group(2))
            field.errors = [*field.errors, f"{err.message} ({err.article})" if err.article else err.message]
            return
        err.field = None if (err.field or "").startswith("schedule") else err.field
        apply_rule_error(self, err)


class PostponementForm(RequestForm):
    until = DayField(_l("Hoãn đến ngày"), validators=[optional()])
    hardship = TextAreaField(
        _l("Hoàn cảnh khó khăn (đã được xác nhận)"), validators=[required(), max_length(3000)], render_kw={"rows": 2}
    )
    evidence = FileField(EVIDENCE_LABEL)

    def to_input(self) -> PostponementInput:
        return PostponementInput(
            **self.request_fields(),
            hardship=self.hardship.data or "",
            until=self.until.data,
            evidence=_evidence(self.evidence),
        )


class ReductionForm(RequestForm):
    kind = RadioField(
        _l("Hình thức giảm, miễn"), choices=[(k, REDUCTION_LABELS[k]) for k in REDUCTION_KINDS], default="reduce"
    )
    amount = MoneyField(
        _l("Số tiền được giảm (đồng; để trống khi miễn phần còn lại)"), validators=[optional(), positive]
    )
    hardship = TextAreaField(
        _l("Hoàn cảnh tiếp tục khó khăn (đã được xác nhận)"),
        validators=[required(), max_length(3000)],
        render_kw={"rows": 2},
    )
    evidence = FileField(EVIDENCE_LABEL)

    def to_input(self) -> ReductionInput:
        return ReductionInput(
            **self.request_fields(),
            hardship=self.hardship.data or "",
            kind=self.kind.data,
            amount=self.amount.data,
            evidence=_evidence(self.evidence),
        )


class EnforcementForm(Form):
    decided_on = DayField(_l("Ngày quyết định cưỡng chế"), validators=[required()])
    measure = SelectField(
        _l("Biện pháp cưỡng chế"),
        choices=[(m, MEASURE_LABELS[m]) for m in ENFORCEMENT_MEASURES],
        validators=[required()],
    )
    note = TextAreaField(_l("Ghi chú"), validators=[optional(), max_length(2000)], render_kw={"rows": 2})

    def to_input(self) -> EnforcementInput:
        return EnforcementInput(decided_on=self.decided_on.data, measure=self.measure.data, note=self.note.data or "")
