"""Downloads of the statistics: the figures as XLSX and CSV, the period report and the annual report as PDF,
and a case list (the /cases/ page's filters, every page) as XLSX and CSV.

The figures' routes read the dashboard's query string (reports.forms.read_request: ?from=dd/mm/yyyy&to=…&unit=
CODE&sector=CODE, or ?preset=…), so a download holds the figures on screen. Where the dashboard would show an
error and fall back to a default, a download refuses instead (422, or 403 for a unit out of reach): a file
must never hold other figures than the ones asked for.
"""

import dataclasses
import re
from datetime import date

import sqlalchemy as sa
from flask import Response, abort, current_app, render_template, request, stream_with_context
from flask_babel import force_locale
from flask_login import current_user

from penalties.auth.permissions import Permission, permission_required
from penalties.cases.models import Case
from penalties.cases.queries import CaseFilters, filters_from, search_cases
from penalties.catalogue.models import Act
from penalties.core.db import utcnow
from penalties.core.errors import TITLES
from penalties.core.formatting import local_today
from penalties.decisions.models import Decision
from penalties.extensions import db
from penalties.reports import annual, bp, documents, exports
from penalties.reports.filters import FIGURES, FilterError, ReportFilters, find_unit, resolve, visible_units
from penalties.reports.forms import read_request
from penalties.units.models import Unit
from penalties.units.queries import subtree_ids

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"
# A case list longer than this is cut, and says so on its last line (a bigger one: narrow the filters).
MAX_CASES = 50_000
CASES_PAGE = 1_000
CASE_FILTER_LABELS = {
    "status": "Trạng thái",
    "unit": "Đơn vị",
    "sector": "Lĩnh vực",
    "act": "Hành vi",
    "q": "Từ khóa",
    "date_from": "Từ ngày",
    "date_to": "Đến ngày",
    "figure": "Chỉ tiêu",
    "month": "Tháng",
    "own": "Chỉ hồ sơ do chính đơn vị lập",
}


def _refused(status: int, message: str):
    """Stop the download with the error page saying why."""
    page = render_template("errors/error.html", status=status, title=TITLES.get(status, ""), message=message)
    abort(Response(page, status=status))


def _filters(today: date) -> ReportFilters:
    """Return the figures' filters of the query string, or refuse the download when any of them is wrong."""
    try:  # a unit out of reach is refused as such (403), not as a wrong field
        find_unit(request.args.get("unit") or None, visible_units(current_user))
    except FilterError as err:
        _refused(err.status, err.message)
    form, filters = read_request(request.args, current_user, today)
    errors = [*form.form_errors, *(e for field in form for e in field.errors)]
    if filters is None or errors:
        _refused(403 if filters is None else 422, " ".join(str(e) for e in errors))
    return filters


def _report_unit(filters: ReportFilters) -> Unit | None:
    """Return the unit the report is of: the one asked, else the single top unit of what the user reads."""
    if filters.unit is not None:
        return filters.unit
    tops = db.session.scalars(sa.select(Unit).where(Unit.parent_id.is_(None)).limit(2)).all()
    return tops[0] if len(tops) == 1 else None


def _header(filters: ReportFilters, today: date) -> dict:
    return documents.report_header(filters.date_from, filters.date_to, _report_unit(filters), filters.sector, today)


def _filename(stem: str, header: dict, extension: str) -> str:
    code = re.sub(r"[^A-Za-z0-9_-]", "", header["unit_code"] or "tat-ca")
    return f"{stem}_{code}_{header['date_from']:%Y%m%d}-{header['date_to']:%Y%m%d}.{extension}"


def _download(body, mimetype: str, filename: str, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    headers = {"Content-Disposition": f'{disposition}; filename="{filename}"', "Cache-Control": "private, no-store"}
    return Response(body, mimetype=mimetype, headers=headers)


@bp.get("/export.xlsx")
@permission_required(Permission.VIEW_REPORTS)
def export_xlsx():
    today = local_today(utcnow())
    filters = _filters(today)
    header, figures = _header(filters, today), filters.stats()
    figures["top_acts"] = documents.top_acts(figures["top_acts"])  # with the acts' descriptions
    return _download(exports.figures_xlsx(header, figures), XLSX, _filename("thong-ke", header, "xlsx"))


@bp.get("/export.csv")
@permission_required(Permission.VIEW_REPORTS)
def export_csv():
    today = local_today(utcnow())
    filters = _filters(today)
    header = _header(filters, today)
    return _download(exports.figures_csv(header, filters.stats()), CSV, _filename("thong-ke", header, "csv"))


@bp.get("/report.pdf")
@permission_required(Permission.VIEW_REPORTS)
def export_pdf():
    today = local_today(utcnow())
    filters = _filters(today)
    header = _header(filters, today)
    data = documents.period_report_data(header, filters.stats(), _report_unit(filters), today)
    pdf = documents.render_period_report(data)
    return _download(pdf, PDF, _filename("bao-cao", header, "pdf"), inline=True)


def _annual_filters(today: date) -> tuple[int, ReportFilters]:
    """Return the report year (?year=, else that of the period asked, else this one) and its filters:
    15/12 → 14/12, or to today while the year runs."""
    asked = request.args.get("year", "")
    if asked and not (asked.isdigit() and 2000 <= int(asked) <= 9999):
        abort(400)
    year = int(asked) if asked else annual.report_year(_filters(today).date_to)
    first, last = annual.annual_period(year)
    try:
        unit, sector = request.args.get("unit") or None, request.args.get("sector") or None
        return year, resolve(current_user, first, min(last, today), unit, sector, today)
    except FilterError as err:
        _refused(err.status, err.message)


@bp.get("/annual.pdf")
@permission_required(Permission.VIEW_REPORTS)
def annual_pdf():
    today = local_today(utcnow())
    year, filters = _annual_filters(today)
    unit = _report_unit(filters)
    header = documents.report_header(filters.date_from, filters.date_to, unit, filters.sector, today)
    unit_ids = None if filters.unit is None else subtree_ids(filters.unit.id)
    sector_id = filters.sector.id if filters.sector else None
    figures = annual.annual_figures(filters.date_from, filters.date_to, unit_ids, sector_id)
    data = documents.annual_report_data(header, filters.stats(), figures, unit, year, today)
    pdf = documents.render_annual_report(data)
    return _download(pdf, PDF, _filename(f"bao-cao-nam-{year}", header, "pdf"), inline=True)


# The case list


def _case_filters(today: date) -> CaseFilters:
    """Return the /cases/ page's filters from the query string, as the page reads them; an unknown figure is
    refused (400) rather than ignored, and so is a refused period: a download says exactly what it holds."""
    filters, refused = filters_from(request.args, today)
    if refused:
        abort(400)
    return filters


class CaseListing:
    """The cases of the filters the user may see, every page, as rows of exports.CASE_COLUMNS; at most `cap`."""

    def __init__(self, user, filters: CaseFilters, cap: int):
        self.user, self.filters, self.cap = user, filters, cap
        self.truncated = False

    def __iter__(self):
        cursor, written = None, 0
        while True:
            page = search_cases(self.user, self.filters, cursor, min(CASES_PAGE, self.cap - written))
            yield from self._rows(page.items)
            written += len(page.items)
            if page.next_cursor is None:
                return
            if written >= self.cap:
                self.truncated = True
                return
            cursor = page.next_cursor

    @staticmethod
    def _rows(cases: list[Case]):
        """The rows of a page, with the sanction decision and the act codes of its cases in two queries."""
        ids = [case.id for case in cases]
        decisions = {
            case_id: (number, issued_on)
            for case_id, number, issued_on in db.session.execute(
                sa.select(Decision.case_id, Decision.number, Decision.issued_on).where(
                    Decision.case_id.in_(ids), Decision.kind == "sanction"
                )
            )
        }
        act_ids = {v.act_id for case in cases for v in case.violations}
        codes = dict(db.session.execute(sa.select(Act.id, Act.code).where(Act.id.in_(act_ids))).all())
        for case in cases:
            acts = list(dict.fromkeys(codes[v.act_id] for v in case.violations))
            yield exports.case_row(case, decisions.get(case.id), acts)

    def note(self) -> str:
        if not self.truncated:
            return ""
        return (
            f"Danh sách chỉ gồm {documents.number_text(self.cap)} biên bản đầu tiên theo thứ tự đã chọn; "
            "hãy lọc hẹp hơn (theo thời gian, đơn vị, lĩnh vực) để lấy đủ."
        )


def _case_listing(today: date) -> tuple[CaseListing, CaseFilters]:
    filters = _case_filters(today)
    cap = current_app.config.get("REPORTS_MAX_CASES", MAX_CASES)
    return CaseListing(current_user, filters, cap), filters


def _cases_filename(today: date, extension: str) -> str:
    return f"bien-ban_{today:%Y%m%d}.{extension}"


def _described(filters: CaseFilters) -> str:
    """Return the filters as a line of the workbook: 'Từ ngày: 01/03/2026; Đơn vị: HN-TH-PT'."""
    parts = []
    for field in dataclasses.fields(filters):
        value = getattr(filters, field.name)
        label = CASE_FILTER_LABELS.get(field.name, field.name)
        if not value or field.name == "sort":
            continue
        if value is True:
            parts.append(label)
        elif isinstance(value, date):
            parts.append(f"{label}: {value:%d/%m/%Y}")
        elif field.name == "figure":
            with force_locale("vi"):
                parts.append(f"{label}: {FIGURES[value].label}")
        else:
            parts.append(f"{label}: {value}")
    return "Điều kiện lọc: " + ("; ".join(parts) if parts else "không")


@bp.get("/cases.xlsx")
@permission_required(Permission.VIEW_CASES)
def cases_xlsx():
    today = local_today(utcnow())
    listing, filters = _case_listing(today)
    title = f"Danh sách biên bản vi phạm hành chính (lập ngày {today:%d/%m/%Y})"
    body = exports.cases_xlsx(listing, title, _described(filters), note=listing.note)
    return _download(body, XLSX, _cases_filename(today, "xlsx"))


@bp.get("/cases.csv")
@permission_required(Permission.VIEW_CASES)
def cases_csv():
    today = local_today(utcnow())
    listing, _ = _case_listing(today)
    lines = stream_with_context(line.encode("utf-8") for line in exports.cases_csv(listing, listing.note))
    return _download(lines, CSV, _cases_filename(today, "csv"))
