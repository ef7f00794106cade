"""Unit form."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField

from penalties.core.forms import DayField, Form, max_length, optional, required
from penalties.units.operations import UnitInput

LEVEL_LABELS = {
    "province": _l("Cấp tỉnh"),
    "district": _l("Cấp huyện (đến 30/6/2025)"),
    "commune": _l("Cấp xã / phường"),
}


class UnitForm(Form):
    code = StringField(_l("Mã đơn vị"), validators=[required(), max_length(32)])
    name = StringField(_l("Tên đơn vị"), validators=[required(), max_length(200)])
    level = SelectField(_l("Cấp"), choices=list(LEVEL_LABELS.items()), validators=[required()])
    parent_code = SelectField(_l("Đơn vị cấp trên"), choices=[], validate_choice=False, validators=[optional()])
    address = StringField(_l("Địa chỉ trụ sở"), validators=[optional(), max_length(300)])
    treasury_account = StringField(_l("Số tài khoản Kho bạc"), validators=[optional(), max_length(32)])
    treasury_name = StringField(_l("Tên tài khoản / Kho bạc"), validators=[optional(), max_length(200)])
    treasury_bank_bin = StringField(_l("Mã BIN ngân hàng (VietQR)"), validators=[optional(), max_length(6)])
    valid_from = DayField(_l("Có hiệu lực từ ngày"), validators=[optional()])
    valid_to = DayField(_l("Hết hiệu lực sau ngày"), validators=[optional()])
    successors = StringField(_l("Đơn vị kế thừa"), validators=[optional(), max_length(1000)])

    def to_input(self) -> UnitInput:
        return UnitInput(
            code=self.code.data or "",
            name=self.name.data or "",
            level=self.level.data,
            parent_code=self.parent_code.data or None,
            address=self.address.data,
            treasury_account=self.treasury_account.data,
            treasury_name=self.treasury_name.data,
            treasury_bank_bin=self.treasury_bank_bin.data,
            valid_from=self.valid_from.data,
            valid_to=self.valid_to.data,
            successors=[c for c in (self.successors.data or "").replace(";", ",").split(",") if c.strip()],
        )
