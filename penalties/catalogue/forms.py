"""Forms of the reference data: sectors, catalogue acts, the CSV import."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import NumberRange
from wtforms.widgets import TextInput

from penalties.catalogue.importing import parse_amount
from penalties.catalogue.operations import MAX_AMOUNT, ActInput, SectorInput
from penalties.core.forms import Form, max_length, optional, required
from penalties.core.text import nfc

LIMITATION_CHOICES = [(1, _l("1 năm")), (2, _l("2 năm"))]
# Shown as dd/mm/yyyy in a text box: a date picker follows the browser's language, and an English
# browser would show mm/dd/yyyy — ambiguous for a legal date. ISO dates are accepted too.
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_BOX = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


def money_range():
    """Whole đồng, not negative."""
    return NumberRange(min=0, max=MAX_AMOUNT, message=_l("Số tiền phải là số đồng nguyên, không âm."))


class MoneyField(IntegerField):
    """An amount of đồng; accepts thousands separators as people type them: 30.000.000."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        # Unreadable text leaves no value: money_range() then says what an amount must be.
        try:
            self.data = parse_amount(valuelist[0]) if valuelist and valuelist[0].strip() else None
        except ValueError:
            self.data = None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return f"{self.data:,}".replace(",", ".") if isinstance(self.data, int) else ""


def lines(text: str | None) -> list[str]:
    """Return the non-empty lines of a textarea."""
    return [nfc(line) for line in (text or "").splitlines() if nfc(line)]


class SectorForm(Form):
    code = StringField(_l("Mã lĩnh vực"), validators=[required(), max_length(40)])
    name = StringField(_l("Tên lĩnh vực"), validators=[required(), max_length(200)])
    limitation_years = SelectField(
        _l("Thời hiệu xử phạt"), choices=LIMITATION_CHOICES, coerce=int, validators=[required()]
    )
    max_fine_individual = MoneyField(_l("Phạt tiền tối đa, cá nhân (đồng)"), validators=[required(), money_range()])
    max_fine_organisation = MoneyField(_l("Phạt tiền tối đa, tổ chức (đồng)"), validators=[optional(), money_range()])

    def to_input(self) -> SectorInput:
        return SectorInput(
            code=(self.code.data or "").strip(),
            name=self.name.data or "",
            limitation_years=self.limitation_years.data,
            max_fine_individual=self.max_fine_individual.data,
            max_fine_organisation=self.max_fine_organisation.data,
        )


class ActForm(Form):
    code = StringField(_l("Mã hành vi"), validators=[required(), max_length(40)])
    sector = SelectField(_l("Lĩnh vực"), choices=[], validators=[required()])
    legal_basis = StringField(
        _l("Căn cứ pháp lý (điểm, khoản, điều, nghị định)"), validators=[required(), max_length(300)]
    )
    description = TextAreaField(
        _l("Mô tả hành vi vi phạm"), validators=[required(), max_length(4000)], render_kw={"rows": 3}
    )
    fine_min = MoneyField(_l("Cá nhân: mức phạt tối thiểu (đồng)"), validators=[required(), money_range()])
    fine_max = MoneyField(_l("Cá nhân: mức phạt tối đa (đồng)"), validators=[required(), money_range()])
    org_fine_min = MoneyField(_l("Tổ chức: mức phạt tối thiểu (đồng)"), validators=[optional(), money_range()])
    org_fine_max = MoneyField(_l("Tổ chức: mức phạt tối đa (đồng)"), validators=[optional(), money_range()])
    warning_allowed = BooleanField(_l("Được áp dụng hình thức cảnh cáo"))
    limitation_years = SelectField(
        _l("Thời hiệu xử phạt"),
        choices=[("", _l("Theo lĩnh vực")), ("1", _l("01 năm")), ("2", _l("02 năm"))],
        validators=[optional()],
    )
    additional_sanctions = TextAreaField(
        _l("Hình thức xử phạt bổ sung"), validators=[optional(), max_length(4000)], render_kw={"rows": 3}
    )
    remedial_measures = TextAreaField(
        _l("Biện pháp khắc phục hậu quả"), validators=[optional(), max_length(4000)], render_kw={"rows": 3}
    )
    valid_from = DateField(
        _l("Có hiệu lực từ ngày"), format=DATE_FORMATS, validators=[optional()], widget=TextInput(), render_kw=DATE_BOX
    )
    valid_to = DateField(
        _l("Có hiệu lực đến hết ngày"),
        format=DATE_FORMATS,
        validators=[optional()],
        widget=TextInput(),
        render_kw=DATE_BOX,
    )

    def fill_from(self, act) -> None:
        """Show an act's stored values."""
        for name in ("code", "legal_basis", "description", "fine_min", "fine_max", "org_fine_min", "org_fine_max"):
            getattr(self, name).data = getattr(act, name)
        self.sector.data = act.sector.code
        self.warning_allowed.data = act.warning_allowed
        self.limitation_years.data = str(act.limitation_years or "")
        self.additional_sanctions.data = "\n".join(act.additional_sanctions or [])
        self.remedial_measures.data = "\n".join(act.remedial_measures or [])
        self.valid_from.data, self.valid_to.data = act.valid_from, act.valid_to

    def to_input(self) -> ActInput:
        return ActInput(
            code=(self.code.data or "").strip(),
            sector=self.sector.data or "",
            legal_basis=self.legal_basis.data or "",
            description=self.description.data or "",
            fine_min=self.fine_min.data,
            fine_max=self.fine_max.data,
            org_fine_min=self.org_fine_min.data,
            org_fine_max=self.org_fine_max.data,
            warning_allowed=bool(self.warning_allowed.data),
            limitation_years=int(self.limitation_years.data) if self.limitation_years.data else None,
            additional_sanctions=lines(self.additional_sanctions.data),
            remedial_measures=lines(self.remedial_measures.data),
            valid_from=self.valid_from.data,
            valid_to=self.valid_to.data,
        )


class ImportForm(Form):
    file = FileField(
        _l("Tệp CSV"),
        validators=[
            FileRequired(message=_l("Hãy chọn một tệp CSV.")),
            FileAllowed(["csv", "txt"], message=_l("Chỉ nhận tệp .csv (hoặc .txt).")),
        ],
    )
