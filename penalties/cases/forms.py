"""The record form (tablet-friendly) and the dismissal form."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DateTimeField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from penalties.cases.operations import CaseInput, EvidenceInput, ViolationInput, ViolatorInput
from penalties.core.formatting import LEGAL_TZ
from penalties.core.forms import DayField, Form, max_length, optional, required
from penalties.law.lifecycle import DISMISSAL_REASONS

INTENT = {"intentional": True, "unintentional": False}


class MomentField(DateTimeField):
    """A moment typed as dd/mm/yyyy HH:MM in Vietnam's time."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "dd/mm/yyyy hh:mm", "inputmode": "numeric"})
        super().__init__(label, validators, format=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"], **kwargs)

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.astimezone(LEGAL_TZ).strftime("%d/%m/%Y %H:%M") if self.data else ""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, datetime) and self.data.tzinfo is None:
            self.data = self.data.replace(tzinfo=LEGAL_TZ)


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CaseForm(Form):
    kind = RadioField(
        _l("Đối tượng vi phạm"),
        choices=[("individual", _l("Cá nhân")), ("organization", _l("Tổ chức"))],
        default="individual",
        validators=[required()],
    )
    id_number = StringField(_l("Số định danh cá nhân / mã số doanh nghiệp"), validators=[required(), max_length(32)])
    name = StringField(_l("Họ và tên / tên tổ chức"), validators=[required(), max_length(200)])
    birth_date = DayField(_l("Ngày sinh"), validators=[optional()])
    address = StringField(_l("Nơi ở / địa chỉ trụ sở"), validators=[required(), max_length(300)])
    representative = StringField(
        _l("Người đại diện theo pháp luật (tổ chức)"), validators=[optional(), max_length(200)]
    )
    acts = SelectMultipleField(_l("Hành vi vi phạm"), choices=[], validators=[required()])
    ended_on = DayField(_l("Ngày chấm dứt vi phạm"), validators=[optional()])
    ongoing = BooleanField(_l("Vi phạm đang diễn ra (chưa chấm dứt)"))
    # Law Art. 5(1)(a): a violator aged 14 to under 16 is sanctioned only for an intentional violation.
    intent = RadioField(
        _l("Lỗi của người vi phạm (bắt buộc với người từ đủ 14 tuổi đến dưới 16 tuổi)"),
        choices=[("", _l("Không ghi")), ("intentional", _l("Cố ý")), ("unintentional", _l("Vô ý"))],
        default="",
        validators=[optional()],
    )
    location_unit = SelectField(_l("Xã / phường nơi vi phạm"), choices=[], validators=[required()])
    location_address = StringField(_l("Địa chỉ nơi vi phạm"), validators=[required(), max_length(300)])
    detected_at = MomentField(_l("Thời điểm phát hiện"), validators=[required()])
    recorded_at = MomentField(_l("Thời điểm lập biên bản"), validators=[required()])
    mitigating = Checkboxes(_l("Tình tiết giảm nhẹ (Điều 9 Luật XLVPHC)"), choices=[], validate_choice=True)
    aggravating = Checkboxes(_l("Tình tiết tăng nặng (khoản 1 Điều 10 Luật XLVPHC)"), choices=[], validate_choice=True)
    description = TextAreaField(_l("Mô tả hành vi vi phạm"), validators=[required(), max_length(5000)])
    witnesses = TextAreaField(_l("Người chứng kiến, người bị thiệt hại"), validators=[optional(), max_length(2000)])
    needs_explanation = BooleanField(_l("Người vi phạm giải trình hoặc cần xác minh thêm (thời hạn 1 tháng)"))
    very_complex = BooleanField(_l("Vụ việc đặc biệt nghiêm trọng, phức tạp (thời hạn 2 tháng)"))
    complex_record = BooleanField(_l("Vụ việc phức tạp: lập biên bản trong 5 ngày làm việc"))
    evidence = MultipleFileField(_l("Ảnh, tài liệu chứng cứ (JPEG, PNG, PDF; tối đa 10 MB mỗi tệp)"))

    def to_input(self, unit_code: str) -> CaseInput:
        ended = None if self.ongoing.data else (self.ended_on.data or self.detected_at.data.astimezone(LEGAL_TZ).date())
        return CaseInput(
            unit=unit_code,
            violator=ViolatorInput(
                kind=self.kind.data,
                name=self.name.data or "",
                id_number=self.id_number.data or "",
                address=self.address.data or "",
                birth_date=self.birth_date.data,
                representative=self.representative.data or None,
            ),
            violations=[
                ViolationInput(act=code, ended_on=ended, intentional=INTENT.get(self.intent.data or ""))
                for code in self.acts.data
            ],
            detected_at=self.detected_at.data,
            recorded_at=self.recorded_at.data,
            location_unit=self.location_unit.data,
            location_address=self.location_address.data or "",
            description=self.description.data or "",
            mitigating=list(self.mitigating.data or []),
            aggravating=list(self.aggravating.data or []),
            needs_explanation=self.needs_explanation.data,
            very_complex=self.very_complex.data,
            complex_record=self.complex_record.data,
            witnesses=self.witnesses.data or "",
        )

    def evidence_input(self) -> list[EvidenceInput]:
        evidence = []
        for upload in self.evidence.data or []:
            if getattr(upload, "filename", ""):
                evidence.append(EvidenceInput(filename=upload.filename, content=upload.read()))
            if hasattr(upload, "close"):
                upload.close()  # a large upload is spooled to a temporary file: release it now
        return evidence


class HandOverForm(Form):
    """The successor of an ended ward split among several that takes the case over (SPEC §0; Law 88/2025 Art. 3)."""

    successor = SelectField(_l("Đơn vị kế thừa tiếp nhận vụ việc"), choices=[], validators=[required()])


class DismissForm(Form):
    reason = SelectField(_l("Lý do"), choices=list(DISMISSAL_REASONS.items()), validators=[required()])
    note = TextAreaField(_l("Ghi chú"), validators=[optional(), max_length(1000)])
    dismissed_on = DayField(_l("Ngày"), validators=[required()])
