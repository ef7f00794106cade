"""Browser (issue 6): a member of the programme board reads the statistics, changes the period, opens the cases
behind a figure, filters them further, comes back and downloads the figures as XLSX and the period report as PDF.

The dataset is the statistics tests' (tests/reports/dataset.py), whose every figure is known by hand."""

import subprocess
import unicodedata
from datetime import date

import pytest
import sqlalchemy as sa

from penalties.cases.models import Case
from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.decisions.models import Decision
from penalties.extensions import db
from penalties.reports.queries import report_period
from penalties.units.models import Unit
from tests.browser.conftest import sign_in_browser
from tests.decisions.conftest import api  # noqa: F401 (a fixture)
from tests.helpers import PASSWORD
from tests.reports.dataset import build
from tests.reports.test_exports import read_xlsx
from tests.reports.test_stats import HEADLINE, NT

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(browser):
    """A board member's desktop: 1366 px wide, in Vietnamese."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="vi-VN")
    yield context.new_page()
    context.close()


def _stats(clients: dict, date_from: date, date_to: date) -> dict:
    response = clients["board"].get(f"/stats?from={date_from}&to={date_to}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _cases_of(app, decisions: list[int]) -> list[tuple[str, str]]:
    """Return (number, unit name) of the cases the decisions were issued on, sorted."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(Case.number, Unit.name)
            .join(Decision, Decision.case_id == Case.id)
            .join(Unit, Unit.id == Case.unit_id)
            .where(Decision.id.in_(decisions))
        )
        return sorted(tuple(row) for row in rows)


def _tile(page, figure: str) -> str:
    return page.inner_text(f"#tile-{figure} .tile-value").strip()


def _listed(page) -> list[tuple[str, str]]:
    """Return (number, unit name) of the rows of the case list on screen, sorted."""
    rows = page.locator("table tbody tr")
    return sorted(
        (
            rows.nth(i).locator("td").nth(0).locator("a").inner_text().strip(),
            rows.nth(i).locator("td").nth(3).inner_text(),
        )
        for i in range(rows.count())
    )


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return " ".join(unicodedata.normalize("NFC", out).split())


def test_the_board_reads_opens_and_downloads_the_figures(app, client, live_server, desk, api, tmp_path):  # noqa: F811
    data = build(app, client, api)
    page = desk
    sign_in_browser(page, live_server, "board", PASSWORD)
    assert page.locator("nav.navbar").bounding_box()["height"] < 70  # the links fit one line at 1366 px
    page.click("nav.navbar >> text=Thống kê")
    page.wait_for_selector("#tile-cases")

    # The annual report period so far, by default: the dataset's January and May too.
    today = local_today(utcnow())
    default = _stats(api, report_period(today)[0], today)
    assert _tile(page, "cases") == str(default["cases"]) != str(HEADLINE["cases"])

    # The previous annual period has nothing; March and April, typed as dates, the figures known by hand.
    page.click(".report-presets >> text=Kỳ báo cáo năm trước")
    page.wait_for_selector("#report-empty")
    assert _tile(page, "cases") == "0"
    page.fill("#from", "01/03/2026")
    page.fill("#to", "30/04/2026")
    page.click("#report-filters button[type=submit]")
    page.wait_for_selector("text=Từ 01/03/2026 đến 30/04/2026")
    for figure in ("cases", "decisions", "dismissed", "overdue", "enforced", "appeals_filed"):
        assert _tile(page, figure) == str(HEADLINE[figure]), figure
    assert _tile(page, "fined") == "64.000.000 đ" and _tile(page, "collected") == "25.000.000 đ"
    assert page.locator("#chart-month_trend").count() == 1

    # The overdue decisions: D2 in Phú Thượng, D9 in Nhật Tân.
    page.click("#tile-overdue a")
    page.wait_for_selector("#figure-banner")
    assert "figure=overdue" in page.url
    assert page.inner_text("#figure-count") == f"{HEADLINE['overdue']} biên bản"
    assert _listed(page) == _cases_of(app, [data.decisions["D2"], data.decisions["D9"]])

    # Filtered further on the list's own form, they stay the overdue ones: Nhật Tân's alone.
    page.select_option("#case-filters select[name=unit]", "HN-TH-NT")
    page.click("#case-filters button[type=submit]")
    page.wait_for_url("**unit=HN-TH-NT**")
    assert "figure=overdue" in page.url and page.inner_text("#figure-count") == f"{NT['overdue']} biên bản"
    assert _listed(page) == _cases_of(app, [data.decisions["D9"]])
    page.click("#figure-remove")
    page.wait_for_selector("#case-filters")
    assert "figure=" not in page.url and page.locator("#figure-banner").count() == 0

    # Back to the statistics: the period chosen is still there; the decisions issued in it.
    for _ in range(3):
        page.go_back()
    page.wait_for_selector("#tile-decisions")
    assert page.input_value("#from") == "01/03/2026" and page.input_value("#to") == "30/04/2026"
    page.click("#tile-decisions .tile-value a")
    page.wait_for_selector("#figure-banner")
    issued = [data.decisions[d] for d in ("D1", "D2", "D3", "D4", "D5", "D11", "D12", "D9", "D13")]
    assert page.inner_text("#figure-count") == f"{HEADLINE['decisions']} biên bản"
    assert _listed(page) == _cases_of(app, issued)
    page.go_back()
    page.wait_for_selector("#tile-decisions")

    # The figures on screen as a workbook.
    with page.expect_download() as download:
        page.click("a.btn:text-is('Excel')")
    assert download.value.suggested_filename.endswith(".xlsx")
    summary = read_xlsx(download.value.path().read_bytes())["Tổng hợp"]
    figures = {row[0]: row[1] for row in summary if row and row[0]}
    assert figures["Số quyết định xử phạt ban hành"] == HEADLINE["decisions"]
    assert figures["Tổng số tiền phạt theo quyết định (đồng)"] == HEADLINE["fines_imposed"]

    # And the period report, as the dashboard links it.
    href = page.get_attribute("a.btn:text-is('PDF')", "href")
    response = page.request.get(live_server + href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    assert "Tình hình xử lý vi phạm hành chính từ ngày 01/03/2026 đến ngày 30/04/2026" in text
    assert "I. SỐ LIỆU CHUNG" in text and "Số quyết định xử phạt ban hành 9" in text
    assert "Tổng số tiền phạt theo quyết định (đồng) 64.000.000" in text
