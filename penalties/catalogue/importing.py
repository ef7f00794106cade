"""Import catalogue acts from CSV: every line is checked, and nothing is stored unless all are good.

No Flask request here: the page, and a command-line tool, hand over the text and the acting user.
Line numbers are those a spreadsheet shows: the header is line 1, the first act line 2.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from penalties.catalogue.operations import MAX_AMOUNT, ActInput, create_act
from penalties.core.audit import act_as
from penalties.core.inputs import day_problem
from penalties.core.text import fold, nfc
from penalties.extensions import db
from penalties.law.errors import RuleViolation

MAX_BYTES = 2 * 1024 * 1024
MAX_LINES = 5000
COLUMNS = (
    "code",
    "sector",
    "legal_basis",
    "description",
    "fine_min",
    "fine_max",
    "org_fine_min",
    "org_fine_max",
    "warning_allowed",
    "additional_sanctions",
    "remedial_measures",
    "valid_from",
    "valid_to",
    "limitation_years",
)
# The organisation amounts default to 2 × the individual ones (Law Art. 24(2)), the limitation to the sector's
# (Law Art. 6(1)), the rest to empty.
OPTIONAL_COLUMNS = {
    "org_fine_min",
    "org_fine_max",
    "warning_allowed",
    "additional_sanctions",
    "remedial_measures",
    "valid_to",
    "limitation_years",
}
REQUIRED_CELLS = ("code", "sector", "legal_basis", "description", "fine_min", "fine_max")
LIST_SEPARATOR = "|"
TRUE_WORDS = {"true", "1", "co", "yes", "x"}
FALSE_WORDS = {"false", "0", "khong", "no", ""}
EXAMPLE_LINE = (
    "GT-7-2h",
    "giao_thong_duong_bo",
    "Điểm h khoản 2 Điều 7 Nghị định 168/2024/NĐ-CP",
    "Người điều khiển xe mô tô, xe gắn máy không đội mũ bảo hiểm khi tham gia giao thông trên đường bộ",
    "400.000",
    "600.000",
    "",
    "",
    "không",
    "",
    "",
    "2025-01-01",
    "",
    "",
)
_GROUPED = re.compile(r"[0-9]{1,3}(?:([., \u00a0\u202f])[0-9]{3})(?:\1[0-9]{3})*")
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd)$", re.IGNORECASE)


class ImportRefused(ValueError):
    """The file as a whole cannot be read (size, encoding, no lines)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class LineError:
    line: int | None  # None: the file as a whole
    column: str
    message: str


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_amount(text: str | None) -> int:
    """Return whole đồng from '30000000', '30.000.000', '30,000,000' or '30 000 000 đ'; else ValueError."""
    value = _CURRENCY.sub("", (text or "").strip())
    if len(value) > 30:
        raise ValueError(value)
    if value.isascii() and value.isdigit():
        amount = int(value)
    elif _GROUPED.fullmatch(value):
        amount = int(re.sub(r"\D", "", value))
    else:
        raise ValueError(value)
    if amount > MAX_AMOUNT:
        raise ValueError(value)
    return amount


def parse_flag(text: str | None) -> bool:
    """Return True for true/1/có/yes/x, False for false/0/không/no/empty; else ValueError."""
    word = fold(text)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(text)


def parse_day(text: str | None) -> date | None:
    """Return the date of 'YYYY-MM-DD' or 'DD/MM/YYYY', None when empty; else ValueError."""
    value = (text or "").strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if day_problem(day) is None:
            return day
    raise ValueError(value)


def parse_list(text: str | None) -> list[str]:
    """Return the non-empty items of 'a | b | c'."""
    return [nfc(item) for item in (text or "").split(LIST_SEPARATOR) if nfc(item)]


def decode_upload(data: bytes) -> str:
    """Return the text of an uploaded file: UTF-8, with or without a byte-order mark, at most 2 MB."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("Tệp lớn hơn 2 MB. Hãy chia thành nhiều tệp nhỏ hơn."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(
            _("Tệp không được mã hóa UTF-8. Trong Excel, hãy lưu bằng định dạng “CSV UTF-8 (Comma delimited)”.")
        ) from None


def template_csv() -> str:
    """Return a CSV template: the header and one example line (with a BOM, so Excel reads UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE_LINE)
    return "\ufeff" + out.getvalue()


def _sniff_delimiter(first_line: str) -> str:
    """Excel writes ';' where the decimal mark is ',' (Vietnamese settings); ',' elsewhere."""
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _read(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return the header and the non-blank (line number, cells) rows; refuse what cannot be read."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ImportRefused(_("Tệp lớn hơn 2 MB. Hãy chia thành nhiều tệp nhỏ hơn."))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportRefused(_("Tệp trống: không có dòng tiêu đề và không có dòng dữ liệu nào."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text.split("\n", 1)[0]))
    try:
        records = list(reader)
    except csv.Error as err:
        raise ImportRefused(_("Không đọc được tệp CSV ở dòng %(n)d: %(e)s", n=reader.line_num, e=str(err))) from None
    header = [nfc(cell).lower() for cell in records[0]]
    rows = [(n, cells) for n, cells in enumerate(records[1:], start=2) if any(c.strip() for c in cells)]
    if not rows:
        raise ImportRefused(_("Tệp chỉ có dòng tiêu đề, không có hành vi nào để nhập."))
    if len(rows) > MAX_LINES:
        raise ImportRefused(
            _(
                "Tệp có %(n)d dòng dữ liệu, vượt quá giới hạn %(max)d dòng. Hãy chia nhỏ tệp.",
                n=len(rows),
                max=MAX_LINES,
            )
        )
    return header, rows


def _check_header(header: list[str]) -> list[LineError]:
    errors = []
    for name in header:
        if not name:
            continue  # a trailing delimiter; cells under it are refused line by line
        if name not in COLUMNS:
            errors.append(LineError(1, name, _("Cột không xác định: “%(c)s”.", c=name)))
        elif header.count(name) > 1:
            errors.append(LineError(1, name, _("Cột “%(c)s” xuất hiện nhiều lần.", c=name)))
    for name in COLUMNS:
        if name not in header and name not in OPTIONAL_COLUMNS:
            errors.append(LineError(1, name, _("Thiếu cột bắt buộc “%(c)s”.", c=name)))
    return list(dict.fromkeys(errors))


def _cells(line: int, header: list[str], cells: list[str]) -> tuple[dict[str, str], list[LineError]]:
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        return {}, [LineError(line, "", _("Dòng có nhiều ô hơn dòng tiêu đề (%(n)d cột).", n=len(header)))]
    row = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name}
    if any(not name and i < len(cells) and cells[i].strip() for i, name in enumerate(header)):
        return {}, [LineError(line, "", _("Dòng có ô dữ liệu nằm dưới một cột không có tên."))]
    return row, []


def _parse(line: int, row: dict[str, str]) -> tuple[ActInput | None, list[LineError]]:
    """Return the act of one line, or the errors of its cells."""
    errors, values = [], {}
    for name in REQUIRED_CELLS:
        if not nfc(row.get(name)):
            errors.append(LineError(line, name, _("Ô này là bắt buộc.")))
    if len(nfc(row.get("legal_basis"))) > 300:
        errors.append(LineError(line, "legal_basis", _("Tối đa %(max)d ký tự.", max=300)))
    parsers = (
        (("fine_min", "fine_max", "org_fine_min", "org_fine_max"), parse_amount, _amount_error),
        (("warning_allowed",), parse_flag, _flag_error),
        (("valid_from", "valid_to"), parse_day, _day_error),
        (("limitation_years",), parse_years, _years_error),
    )
    for names, parse, message in parsers:
        for name in names:
            raw = nfc(row.get(name))
            if not raw:
                continue
            try:
                values[name] = parse(raw)
            except ValueError:
                errors.append(LineError(line, name, message(raw)))
    if errors:
        return None, sorted(set(errors), key=lambda e: COLUMNS.index(e.column) if e.column in COLUMNS else -1)
    return ActInput(
        code=nfc(row.get("code")),
        sector=nfc(row.get("sector")),
        legal_basis=nfc(row.get("legal_basis")),
        description=nfc(row.get("description")),
        fine_min=values["fine_min"],
        fine_max=values["fine_max"],
        org_fine_min=values.get("org_fine_min"),
        org_fine_max=values.get("org_fine_max"),
        warning_allowed=values.get("warning_allowed", False),
        additional_sanctions=parse_list(row.get("additional_sanctions")),
        remedial_measures=parse_list(row.get("remedial_measures")),
        valid_from=values.get("valid_from"),
        valid_to=values.get("valid_to"),
        limitation_years=values.get("limitation_years"),
    ), []


def parse_years(text: str) -> int:
    """Return a limitation period of 1 or 2 years (Law Art. 6(1)); else ValueError."""
    if text.strip() in ("1", "2"):
        return int(text)
    raise ValueError(text)


def _years_error(raw: str) -> str:
    return _("“%(v)s” không phải thời hiệu hợp lệ: 1 hoặc 2 (năm), để trống là theo lĩnh vực.", v=raw)


def _amount_error(raw: str) -> str:
    return _("“%(v)s” không phải số tiền hợp lệ: nhập số đồng nguyên, ví dụ 30000000 hoặc 30.000.000.", v=raw)


def _flag_error(raw: str) -> str:
    return _("“%(v)s” không hợp lệ: nhập có/không (hoặc true/false, 1/0).", v=raw)


def _day_error(raw: str) -> str:
    return _("“%(v)s” không phải ngày hợp lệ: nhập YYYY-MM-DD hoặc DD/MM/YYYY.", v=raw)


def _store(line: int, data: ActInput, actor) -> list[LineError]:
    """Create the act of one line inside a savepoint, so a refused line leaves nothing behind."""
    savepoint = db.session.begin_nested()
    try:
        create_act(data, actor=actor)
    except RuleViolation as err:
        savepoint.rollback()
        message = f"{err.message} ({err.article})" if err.article else err.message
        return [LineError(line, err.field if err.field in COLUMNS else "", message)]
    except sa.exc.SQLAlchemyError:
        savepoint.rollback()
        return [LineError(line, "", _("Cơ sở dữ liệu không nhận dòng này (dữ liệu quá dài hoặc trùng lặp)."))]
    savepoint.commit()
    return []


def import_acts(text: str, *, actor) -> ImportResult:
    """Check every line and create its act; if any line is bad, store nothing and return all errors.

    Flushes only: the caller commits a result without errors (or rolls it back for a dry run).
    """
    result = ImportResult()
    try:
        header, rows = _read(text)
    except ImportRefused as err:
        result.errors.append(LineError(None, "", err.message))
        return result
    result.errors.extend(_check_header(header))
    if result.errors:
        return result
    act_as(db.session, actor)
    everything = db.session.begin_nested()
    for line, cells in rows:
        row, errors = _cells(line, header, cells)
        data = None
        if not errors:
            data, errors = _parse(line, row)
        if data is not None:
            errors = _store(line, data, actor)
        result.errors.extend(errors)
    if result.errors:
        everything.rollback()
    else:
        # Left open on purpose: the caller's commit releases it, its rollback (a dry run) undoes it. Releasing
        # it here would commit at once on SQLite, whose driver starts the transaction at the first SAVEPOINT.
        result.imported = len(rows)
    return result
