"""Forms of the appeals section: file a complaint or lawsuit, order suspension, record the resolution."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, FormField, HiddenField, SelectField, TextAreaField

from penalties.appeals.models import APPEAL_KINDS, APPEAL_OUTCOMES
from penalties.appeals.operations import AppealInput, ResolutionInput
from penalties.core.forms import DayField, Form, max_length, optional, required
from penalties.payments.forms import MoneyField

KIND_LABELS = {"complaint": _l("Khiếu nại"), "lawsuit": _l("Khởi kiện vụ án hành chính")}
LEVEL_LABELS = {1: _l("lần đầu"), 2: _l("lần hai")}
OUTCOME_LABELS = {
    "pending": _l("Đang giải quyết"),
    "upheld": _l("Giữ nguyên quyết định"),
    "amended": _l("Sửa đổi quyết định"),
    "annulled": _l("Hủy bỏ quyết định"),
}


class AppealForm(Form):
    kind = SelectField(_l("Loại"), choices=[(k, KIND_LABELS[k]) for k in APPEAL_KINDS], validators=[required()])
    level = SelectField(
        _l("Lần khiếu nại (chỉ với khiếu nại)"),
        choices=[(1, _l("Lần đầu")), (2, _l("Lần hai"))],
        coerce=int,
        default=1,
        validators=[optional()],
    )
    filed_on = DayField(_l("Ngày nộp đơn"), validators=[required()])
    grounds = TextAreaField(
        _l("Nội dung khiếu nại, khởi kiện"), validators=[required(), max_length(5000)], render_kw={"rows": 2}
    )
    accepted_on = DayField(_l("Ngày thụ lý (nếu đã thụ lý)"), validators=[optional()])
    complex = BooleanField(_l("Vụ việc phức tạp (thời hạn giải quyết dài hơn)"))
    remote = BooleanField(_l("Vùng sâu, vùng xa, đi lại khó khăn"))
    suspended_on = DayField(_l("Tạm đình chỉ thi hành quyết định từ ngày (nếu có)"), validators=[optional()])

    def to_input(self) -> AppealInput:
        return AppealInput(
            kind=self.kind.data,
            level=self.level.data if self.kind.data == "complaint" else None,
            filed_on=self.filed_on.data,
            grounds=self.grounds.data or "",
            accepted_on=self.accepted_on.data,
            complex=self.complex.data,
            remote=self.remote.data,
            suspended_on=self.suspended_on.data,
        )


class SuspensionForm(Form):
    suspended_on = DayField(_l("Tạm đình chỉ thi hành từ ngày"), validators=[required()])


class AmountRow(Form):
    class Meta:
        csrf = False

    act = HiddenField()
    amount = MoneyField(_l("Mức phạt mới (đồng)"), validators=[optional()])


class ResolutionForm(Form):
    outcome = SelectField(
        _l("Kết quả giải quyết"),
        choices=[(o, OUTCOME_LABELS[o]) for o in APPEAL_OUTCOMES],
        validators=[required()],
    )
    resolved_on = DayField(_l("Ngày giải quyết"), validators=[required()])
    new_fine_total = MoneyField(_l("Tổng mức phạt mới (khi sửa đổi, đồng)"), validators=[optional()])
    # A decision fining several acts: the new amount of each act (shown only then).
    amounts = FieldList(FormField(AmountRow), min_entries=0)
    note = TextAreaField(_l("Ghi chú"), validators=[optional(), max_length(3000)], render_kw={"rows": 2})

    def to_input(self) -> ResolutionInput:
        amounts = {row.act.data: row.amount.data for row in self.amounts if row.amount.data is not None}
        amended = self.outcome.data == "amended"
        return ResolutionInput(
            outcome=self.outcome.data,
            resolved_on=self.resolved_on.data,
            new_fine_total=self.new_fine_total.data if amended else None,
            amounts=amounts if amended and amounts else None,
            note=self.note.data or "",
        )
