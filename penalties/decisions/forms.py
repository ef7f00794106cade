"""The decision form (one amount and reason per act) and the delivery form."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    validators,
)

from penalties.core.forms import DayField, Form, max_length, optional, required
from penalties.decisions.models import DELIVERY_METHODS
from penalties.decisions.operations import DecisionInput, FineChoice

METHOD_LABELS = {
    "in_person": _l("Giao trực tiếp"),
    "post": _l("Gửi bưu điện bảo đảm"),
    "electronic": _l("Gửi điện tử"),
    "posted_publicly": _l("Niêm yết công khai"),
}


class FineRow(Form):
    class Meta:
        csrf = False

    act = HiddenField()
    amount = IntegerField(
        _l("Số tiền phạt (đồng)"),
        validators=[optional(), validators.NumberRange(min=0, max=10**15, message=_l("Số tiền không âm."))],
    )
    reason = StringField(_l("Lý do khi khác mức đề xuất"), validators=[optional(), max_length(1000)])


class DecisionForm(Form):
    signer = SelectField(_l("Người ký"), choices=[], validators=[required()])
    issued_on = DayField(_l("Ngày ra quyết định"), validators=[required()])
    warning = BooleanField(_l("Cảnh cáo thay cho phạt tiền (Điều 22)"))
    fines = FieldList(FormField(FineRow), min_entries=0)
    additional_sanctions = TextAreaField(
        _l("Hình thức xử phạt bổ sung (mỗi dòng một biện pháp)"), validators=[optional(), max_length(3000)]
    )
    remedial_measures = TextAreaField(
        _l("Biện pháp khắc phục hậu quả (mỗi dòng một biện pháp, kèm thời hạn)"),
        validators=[optional(), max_length(3000)],
    )
    delivered_on = DayField(_l("Đã giao ngày (nếu đã giao)"), validators=[optional()])
    delivery_method = SelectField(_l("Hình thức giao"), choices=list(METHOD_LABELS.items()), validators=[optional()])

    def to_input(self) -> DecisionInput:
        def lines(text):
            return [x.strip() for x in (text or "").splitlines() if x.strip()]

        return DecisionInput(
            signer=self.signer.data,
            issued_on=self.issued_on.data,
            warning=self.warning.data,
            delivered_on=self.delivered_on.data,
            delivery_method=self.delivery_method.data or "in_person",
            fines=[
                FineChoice(act=row.act.data, amount=row.amount.data, reason=row.reason.data or "")
                for row in self.fines
                if row.amount.data is not None
            ],
            additional_sanctions=lines(self.additional_sanctions.data),
            remedial_measures=lines(self.remedial_measures.data),
        )


class DeliveryForm(Form):
    delivered_on = DayField(_l("Ngày giao"), validators=[required()])
    method = SelectField(
        _l("Hình thức giao"), choices=[(m, METHOD_LABELS[m]) for m in DELIVERY_METHODS], validators=[required()]
    )
    note = TextAreaField(_l("Ghi chú"), validators=[optional(), max_length(1000)])


CORRECTION_LABELS = {
    "correction": _l("Đính chính (sai sót về chính tả, số liệu…) — mẫu MQĐ39"),
    "amendment": _l("Sửa đổi, bổ sung (có thể thay đổi mức phạt) — mẫu MQĐ38"),
    "annulment": _l("Hủy bỏ quyết định — mẫu MQĐ40"),
}


class CorrectionForm(Form):
    kind = SelectField(_l("Loại quyết định"), choices=list(CORRECTION_LABELS.items()), validators=[required()])
    issued_on = DayField(_l("Ngày ký"), validators=[required()])
    signer = SelectField(_l("Người ký"), choices=[], validators=[required()])
    reason = TextAreaField(_l("Nội dung và lý do"), validators=[required(), max_length(3000)])
    amounts = FieldList(FormField(FineRow), min_entries=0)


class AsOfForm(Form):
    """The day the money panel and the overdue list are computed for (GET, no CSRF)."""

    class Meta:
        csrf = False

    on = DayField(_l("Tính đến ngày"), validators=[optional()])

    def day(self, today):
        """Return the day asked for; today when none is given or it is not a date (the error stays on the field)."""
        return self.on.data if self.validate() and self.on.data else today
