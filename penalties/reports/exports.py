"""The figures and case lists as spreadsheets: XLSX (XlsxWriter) and CSV (UTF-8 with a BOM, for Excel).

Text we did not write ourselves (a violator's name, an address) may start with "=", "+", "-" or "@", which a
spreadsheet would run as a formula (CSV/formula injection). In XLSX every text goes through write_string with
the workbook told never to turn strings into formulas, links or numbers, and such a text also carries Excel's
quote prefix, so editing the cell keeps it text. In CSV, which has no cell types, such a text is written with a
leading apostrophe (OWASP, "CSV Injection"): Excel shows it as text, and a reader sees the apostrophe.
Numbers stay numbers: money in đồng with a #,##0 format, rates in [0, 1] with a 0.0% format (CSV: 0.3906).
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime

import xlsxwriter

from penalties.core.formatting import LEGAL_TZ

# Never a formula, a link or a number from a string (LIBRARIES.md: formula injection).
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,
}
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The figures of SPEC §7 in the order of the reports: key, label, kind (count | money | rate).
FIGURES = (
    ("cases", "Số vụ việc vi phạm (biên bản lập trong kỳ)", "count"),
    ("decisions", "Số quyết định xử phạt ban hành", "count"),
    ("warnings", "– trong đó: cảnh cáo", "count"),
    ("annulled", "– trong đó: đã bị hủy bỏ", "count"),
    ("dismissed", "Số vụ việc không ra quyết định xử phạt", "count"),
    ("fines_imposed", "Tổng số tiền phạt theo quyết định (đồng)", "money"),
    ("fines_collected", "Số tiền phạt đã thu (đồng)", "money"),
    ("fines_reduced", "Số tiền phạt được giảm, miễn (đồng)", "money"),
    ("collection_rate", "Tỷ lệ thu tiền phạt", "rate"),
    ("decided_on_time", "Số vụ việc ra quyết định hoặc kết thúc đúng hạn", "count"),
    ("decided_on_time_rate", "Tỷ lệ giải quyết đúng hạn", "rate"),
    ("lapsed", "Số vụ việc quá thời hạn ra quyết định", "count"),
    ("overdue", "Số quyết định quá hạn nộp phạt", "count"),
    ("enforced", "Số quyết định cưỡng chế", "count"),
    ("appeals_filed", "Số khiếu nại, khởi kiện nhận trong kỳ", "count"),
    ("appeals_resolved", "Số khiếu nại, khởi kiện đã giải quyết", "count"),
    ("appeals_resolved_on_time", "– trong đó: giải quyết đúng hạn", "count"),
    ("appeals_resolved_on_time_rate", "Tỷ lệ giải quyết khiếu nại, khởi kiện đúng hạn", "rate"),
)
SHEETS = ("Tổng hợp", "Theo đơn vị", "Theo lĩnh vực", "Theo tháng", "Hành vi phổ biến")
SECTOR_NOTE = "Một vụ việc có hành vi thuộc nhiều lĩnh vực được tính ở mỗi lĩnh vực đó."
CASE_STATUS = {"recorded": "Đã lập biên bản", "decided": "Đã ra quyết định", "dismissed": "Không ra quyết định"}
VIOLATOR_KIND = {"individual": "Cá nhân", "organization": "Tổ chức"}
CASE_COLUMNS = (
    ("Số biên bản", 16),
    ("Lập lúc", 17),
    ("Người vi phạm", 28),
    ("Loại đối tượng", 12),
    ("Số định danh", 16),
    ("Địa chỉ", 32),
    ("Đơn vị", 22),
    ("Trạng thái", 18),
    ("Hạn ra quyết định", 12),
    ("Hành vi vi phạm", 24),
    ("Số quyết định xử phạt", 16),
    ("Ngày quyết định", 12),
)


def neutralised(text: str) -> str:
    """Return text a spreadsheet will not run: a leading apostrophe before = + - @ (and tab, CR)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def month_text(key: str) -> str:
    """Return '03/2026' for '2026-03'."""
    year, month = key.split("-")
    return f"{month}/{year}"


class _Book:
    """One workbook with the formats of our reports; cells are written by kind, text always as text."""

    def __init__(self):
        self.out = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.out, WORKBOOK_OPTIONS)
        add = self.book.add_format
        self.formats = {
            "title": add({"bold": True, "font_size": 14}),
            "head": add({"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#E8EEF4"}),
            "text": add({"valign": "top"}),
            "quoted": add({"valign": "top", "quote_prefix": True}),
            "bold": add({"bold": True}),
            "count": add({"num_format": "#,##0"}),
            "money": add({"num_format": "#,##0"}),
            "rate": add({"num_format": "0.0%"}),
            "date": add({"num_format": "dd/mm/yyyy"}),
            "moment": add({"num_format": "dd/mm/yyyy hh:mm"}),
            "note": add({"italic": True}),
        }

    def sheet(self, name: str):
        return self.book.add_worksheet(name)

    def text(self, sheet, row: int, col: int, value: str | None, style: str = "text") -> None:
        value = value or ""
        if style == "text" and value.startswith(FORMULA_STARTS):
            style = "quoted"
        sheet.write_string(row, col, value, self.formats[style])

    def value(self, sheet, row: int, col: int, value, kind: str) -> None:
        """Write a figure: a number with its format, a blank when None (a rate whose denominator is 0)."""
        if value is None:
            sheet.write_blank(row, col, None, self.formats[kind])
        elif kind in ("date", "moment"):
            sheet.write_datetime(row, col, _naive(value), self.formats[kind])
        else:
            sheet.write_number(row, col, value, self.formats[kind])

    def header(self, sheet, row: int, labels: Iterable[str]) -> None:
        for col, label in enumerate(labels):
            self.text(sheet, row, col, label, "head")

    def close(self) -> bytes:
        self.book.close()
        return self.out.getvalue()


def _naive(value: date | datetime) -> datetime:
    """Excel has no time zones: a moment is written in the legal time, a date at midnight."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)


def _summary(book: _Book, header: dict, figures: dict) -> None:
    sheet = book.sheet(SHEETS[0])
    sheet.set_column(0, 0, 52)
    sheet.set_column(1, 1, 20)
    book.text(sheet, 0, 0, "Thống kê xử lý vi phạm hành chính", "title")
    about = (
        ("Từ ngày", header["date_from"], "date"),
        ("Đến ngày", header["date_to"], "date"),
        ("Đơn vị", header["unit_label"], None),
        ("Lĩnh vực", header["sector_label"], None),
        ("Ngày lập", header["generated_on"], "date"),
    )
    for row, (label, value, kind) in enumerate(about, start=2):
        book.text(sheet, row, 0, label, "bold")
        if kind:
            book.value(sheet, row, 1, value, kind)
        else:
            book.text(sheet, row, 1, value)
    first = len(about) + 3
    book.header(sheet, first, ("Chỉ tiêu", "Số liệu"))
    for row, (key, label, kind) in enumerate(FIGURES, start=first + 1):
        book.text(sheet, row, 0, label)
        book.value(sheet, row, 1, figures.get(key), kind)
    book.text(sheet, first + len(FIGURES) + 2, 0, "Ô để trống: tỷ lệ không tính được (mẫu số bằng 0).", "note")


def _table(book: _Book, name: str, keys: tuple[str, ...], rows: list[dict], total: dict | None, note: str = ""):
    """A sheet of rows (one per unit, sector or month) with every figure; a total row when the rows add up."""
    sheet = book.sheet(name)
    sheet.set_row(0, 60)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 1 + len(FIGURES), 13)
    book.header(sheet, 0, (*keys, *(label for _, label, _ in FIGURES)))
    sheet.freeze_panes(1, 2)
    for r, row in enumerate([*rows, *([total] if total else [])], start=1):
        style = "bold" if row is total else "text"
        book.text(sheet, r, 0, row["_key"], style)
        book.text(sheet, r, 1, row["_name"], style)
        for c, (key, _, kind) in enumerate(FIGURES, start=2):
            book.value(sheet, r, c, row.get(key), kind)
    if note:
        book.text(sheet, len(rows) + 2 + bool(total), 0, note, "note")


def _top_acts(book: _Book, acts: list[dict]) -> None:
    sheet = book.sheet(SHEETS[4])
    for col, width in enumerate((8, 16, 60, 26, 10)):
        sheet.set_column(col, col, width)
    book.header(sheet, 0, ("Hạng", "Mã hành vi", "Hành vi vi phạm", "Lĩnh vực", "Số vụ việc"))
    for r, act in enumerate(acts, start=1):
        book.value(sheet, r, 0, r, "count")
        book.text(sheet, r, 1, act["code"])
        book.text(sheet, r, 2, act.get("description", ""))
        book.text(sheet, r, 3, act.get("sector_name") or act["sector"])
        book.value(sheet, r, 4, act["cases"], "count")


def figures_xlsx(header: dict, figures: dict) -> bytes:
    """Return the workbook of a period's figures: the summary, per unit, per sector, per month, the top acts."""
    book = _Book()
    _summary(book, header, figures)
    total = {"_key": "Tổng cộng", "_name": header["unit_label"], **figures}
    units = [{"_key": u["code"], "_name": unit_name(u), **u} for u in figures["by_unit"]]
    _table(book, SHEETS[1], ("Mã đơn vị", "Đơn vị"), units, total)
    sectors = [{"_key": s["code"], "_name": s["name"], **s} for s in figures["by_sector"]]
    _table(book, SHEETS[2], ("Mã lĩnh vực", "Lĩnh vực"), sectors, None, SECTOR_NOTE)
    months = [{"_key": m["month"], "_name": f"Tháng {month_text(m['month'])}", **m} for m in figures["by_month"]]
    _table(book, SHEETS[3], ("Mã tháng", "Tháng"), months, total)
    _top_acts(book, figures["top_acts"])
    return book.close()


def unit_name(row: dict) -> str:
    """A by_unit row's name; the root's own records (own) are told apart from the units below it."""
    return f"{row['name']} (trực tiếp)" if row.get("own") else row["name"]


def _csv_line(values: Iterable) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerow(
        [neutralised(v) if isinstance(v, str) else ("" if v is None else v) for v in values]
    )
    return buffer.getvalue()


def figures_csv(header: dict, figures: dict) -> bytes:
    """Return the figures as one CSV table: the total, then a row per unit, per sector and per month.

    Columns: group, code, name, from, to (dd/mm/yyyy), then every figure (money in đồng, rates in [0, 1] with a
    decimal point, empty when 0/0).
    """
    period = (header["date_from"].strftime("%d/%m/%Y"), header["date_to"].strftime("%d/%m/%Y"))
    lines = [BOM + _csv_line(("Nhóm", "Mã", "Tên", "Từ ngày", "Đến ngày", *(label for _, label, _ in FIGURES)))]

    def add(group: str, code: str, name: str, row: dict) -> None:
        lines.append(_csv_line((group, code, name, *period, *(row.get(key) for key, _, _ in FIGURES))))

    add("Tổng cộng", header["unit_code"] or "", header["unit_label"], figures)
    for row in figures["by_unit"]:
        add("Đơn vị", row["code"], unit_name(row), row)
    for row in figures["by_sector"]:
        add("Lĩnh vực", row["code"], row["name"], row)
    for row in figures["by_month"]:
        add("Tháng", row["month"], month_text(row["month"]), row)
    return "".join(lines).encode("utf-8")


def case_row(case, decision: tuple | None, acts: list[str]) -> tuple:
    """Return one case as the values of CASE_COLUMNS (dates and moments as such, the rest text)."""
    return (
        case.number,
        case.recorded_at.astimezone(LEGAL_TZ),
        case.violator.name,
        VIOLATOR_KIND.get(case.violator.kind, case.violator.kind),
        case.violator.id_number,
        case.violator.address,
        case.unit.name,
        CASE_STATUS.get(case.status, case.status),
        case.decision_due_on if case.status == "recorded" else None,
        ", ".join(acts),
        decision[0] if decision else "",
        decision[1] if decision else None,
    )


CASE_KINDS = ("text", "moment", "text", "text", "text", "text", "text", "text", "date", "text", "text", "date")


def cases_xlsx(rows: Iterable[tuple], title: str, subtitle: str, note: Callable[[], str] = str) -> bytes:
    """Return a workbook of one sheet "Biên bản": title and filters, the header, a row per case, then the note
    (asked once the rows are written), if any."""
    book = _Book()
    sheet = book.sheet("Biên bản")
    for col, (_, width) in enumerate(CASE_COLUMNS):
        sheet.set_column(col, col, width)
    book.text(sheet, 0, 0, title, "title")
    book.text(sheet, 1, 0, subtitle, "note")
    book.header(sheet, 3, (label for label, _ in CASE_COLUMNS))
    sheet.freeze_panes(4, 1)
    r = 3
    for r, row in enumerate(rows, start=4):
        for c, (value, kind) in enumerate(zip(row, CASE_KINDS, strict=True)):
            if kind == "text":
                book.text(sheet, r, c, value)
            else:
                book.value(sheet, r, c, value, kind)
    if text := note():
        book.text(sheet, r + 2, 0, text, "note")
    return book.close()


def _csv_value(value, kind: str):
    if value is None:
        return None
    if kind == "moment":
        return value.strftime("%d/%m/%Y %H:%M")
    if kind == "date":
        return value.strftime("%d/%m/%Y")
    return value


def cases_csv(rows: Iterable[tuple], note: Callable[[], str] = str) -> Iterator[str]:
    """Yield the case list as CSV, line by line: the BOM and the header, a line per case, then the note, if any.

    `note` is asked once the rows are written (a list cut at its cap says so on its last line). CSV has no
    cell types: Excel opening it reads an ID number as a number and drops its leading 0 — the XLSX keeps it.
    """
    yield BOM + _csv_line(label for label, _ in CASE_COLUMNS)
    for row in rows:
        yield _csv_line(_csv_value(v, k) for v, k in zip(row, CASE_KINDS, strict=True))
    if text := note():
        yield _csv_line((text,))
