"""The statistics dashboard (/reports/): the dataset's figures, presets, filters in the URL, links to the cases
behind each number, refusals shown on the form, charts as SVG."""

import base64
import html
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.reports.forms import preset_period
from penalties.reports.queries import report_period
from tests.helpers import sign_in
from tests.reports.test_stats import HEADLINE, NT, PT, stats

PERIOD = "from=01/03/2026&to=30/04/2026"
SVG = "{http://www.w3.org/2000/svg}"
# The figure of the case list → the figure of the statistics it lists the cases of (one case each here).
COUNTED = {
    "cases": "cases",
    "decisions": "decisions",
    "dismissed": "dismissed",
    "warnings": "warnings",
    "annulled": "annulled",
    "decided_on_time": "decided_on_time",
    "lapsed": "lapsed",
    "overdue": "overdue",
    "enforced": "enforced",
    "appeals_filed": "appeals_filed",
    "appeals_resolved": "appeals_resolved",
    "appeals_on_time": "appeals_resolved_on_time",
}


def page(app, users, role: str, query: str = PERIOD) -> str:
    client = app.test_client()
    sign_in(client, users[role])
    response = client.get(f"/reports/?{query}")
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def block(body: str, element_id: str) -> str:
    """Return the HTML from the element with this id to the end of its card (its next 1,500 characters)."""
    start = body.index(f'id="{element_id}"')
    return body[start : start + 1500]


def tile(body: str, figure: str) -> str:
    part = block(body, f"tile-{figure}")
    return text(re.search(r'class="tile-value[^"]*">(.*?)</div>', part, re.S).group(1))


def link(body: str, figure: str, **extra) -> str:
    """Return the first link of the page to the cases behind the figure narrowed by `extra` (and no more)."""
    for href in re.findall(r'href="(/cases/\?[^"]*)"', body):
        href = html.unescape(href)
        args = dict(pair.split("=", 1) for pair in href.split("?", 1)[1].split("&"))
        narrowed = {"sector", "month", "own"} & set(args)
        if args.get("figure") == figure and all(args.get(k) == v for k, v in extra.items()) and narrowed <= set(extra):
            return href
    raise AssertionError(f"no link to the cases of {figure} {extra}")


def listed(app, users, href: str, role: str = "board") -> tuple[int, int]:
    """Open a figure's case list: return (the count it states, the rows it shows)."""
    client = app.test_client()
    sign_in(client, users[role])
    response = client.get(href)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    count = int(re.search(r'id="figure-count">([\d.]+)', body).group(1).replace(".", ""))
    rows = len(re.findall(r'<td><a href="/cases/\d+">', body))
    return count, rows


def test_the_board_sees_every_figure_of_the_api(app, users, api, dataset):
    body = page(app, users, "board")
    figures = stats(api["board"])
    for figure in ("cases", "decisions", "dismissed", "overdue", "enforced", "appeals_filed", "annulled"):
        assert tile(body, figure) == str(figures[figure]) == str(HEADLINE[figure]), figure
    assert tile(body, "fined") == "64.000.000 đ" and tile(body, "collected") == "25.000.000 đ"
    decided = text(block(body, "card-decided-on-time"))
    assert "76,9%" in decided and "Chỉ tiêu: 100%" in decided
    assert re.search(r"Đúng hạn: 10 · quá hạn ra quyết định: 3", decided)
    appeals = text(block(body, "card-appeals-on-time"))
    assert "66,7%" in appeals and "Chỉ tiêu: 100%" in appeals and "Đã giải quyết: 3" in appeals
    assert "39,1%" in text(block(body, "card-collection"))
    assert "Từ 01/03/2026 đến 30/04/2026" in text(block(body, "report-scope"))
    by_unit = text(body[body.index('id="by-unit"') : body.index('id="by-sector"')])
    assert "Quận Tây Hồ 14 9 3 76,9% 3 64.000.000 đ 25.000.000 đ 39,1% 2 1 2 66,7%" in by_unit
    by_sector = text(body[body.index('id="by-sector"') : body.index('id="by-month"')])
    assert "Bảo vệ môi trường 4 1 2 75% 1 0 đ 0 đ — 0 0 1 100%" in by_sector
    assert "03/2026 10 7" in text(body[body.index('id="by-month"') :])
    top = text(body[body.index('id="top-acts"') :])
    assert "GT-7-7c Giao thông đường bộ 9" in top
    assert 'href="/cases/?act=GT-7-7c&amp;from=01/03/2026&amp;to=30/04/2026"' in body
    sources = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)" id="chart-(\w+)"', body)
    assert [name for _, _, name in sources] == ["month_trend", "by_unit", "on_time_rates", "by_sector"]
    for data, _, _ in sources:
        assert _svg(base64.b64decode(data).decode())[0].tag == f"{SVG}svg"
    assert "Quận Tây Hồ" in _svg(base64.b64decode(sources[1][0]).decode())[1]  # by_unit: the district's row


def test_each_figure_links_to_exactly_its_cases(app, users, api, dataset):
    body = page(app, users, "board")
    figures = stats(api["board"])
    found = {figure: listed(app, users, link(body, figure)) for figure in COUNTED}
    assert found == {figure: (figures[name], figures[name]) for figure, name in COUNTED.items()}
    assert figures["lapsed"] == HEADLINE["lapsed"] and figures["appeals_resolved"] == HEADLINE["appeals_resolved"]
    lapsed = app.test_client()
    sign_in(lapsed, users["board"])
    assert f'href="/cases/{dataset.cases["C6"]}"' in lapsed.get(link(body, "lapsed")).get_data(as_text=True)
    # The money: the decisions behind it.
    assert listed(app, users, link(body, "fined")) == (7, 7)  # D1 D2 D5 D11 D12 D9 D13; D3 a warning, D4 annulled
    assert listed(app, users, link(body, "collected")) == (4, 4)  # D1 D2 D5 D11


def test_rows_link_to_their_unit_sector_and_month(app, users, api, dataset):
    district = page(app, users, "board", f"{PERIOD}&unit=HN-TH")
    assert listed(app, users, link(district, "lapsed", unit="HN-TH-NT"))[0] == NT["lapsed"] == 2
    assert listed(app, users, link(district, "decisions", unit="HN-TH-PT"))[0] == PT["decisions"]
    assert listed(app, users, link(district, "cases", sector="moi_truong"))[0] == 4  # C4, C6, C7, C16
    march = listed(app, users, link(district, "cases", month="2026-03"))
    april = listed(app, users, link(district, "dismissed", month="2026-04"))
    assert (march[0], april[0]) == (10, 2)  # dismissals 03/04 (C7) and 15/04 (C8)
    ward = page(app, users, "board", f"{PERIOD}&unit=HN-TH-NT")
    assert listed(app, users, link(ward, "overdue", unit="HN-TH-NT", own="1"))[0] == NT["overdue"] == 1


def test_filters_are_kept_in_the_url(app, users, dataset):
    body = page(app, users, "board", f"{PERIOD}&unit=HN-TH-NT&sector=giao_thong_duong_bo")
    assert tile(body, "cases") == "4"
    assert '<option selected value="HN-TH-NT">' in body and '<option selected value="giao_thong_duong_bo">' in body
    assert 'value="01/03/2026"' in body and 'value="30/04/2026"' in body
    href = link(body, "cases", unit="HN-TH-NT", sector="giao_thong_duong_bo")
    assert "from=01/03/2026" in href and "to=30/04/2026" in href
    # A preset keeps the unit and the sector chosen.
    assert 'href="/reports/?preset=month&amp;unit=HN-TH-NT&amp;sector=giao_thong_duong_bo"' in body
    environment = page(app, users, "board", f"{PERIOD}&sector=moi_truong")
    assert tile(environment, "cases") == "4" and tile(environment, "annulled") == "1"


@pytest.mark.parametrize(
    "today, name, period",
    [
        (date(2026, 3, 10), "month", (date(2026, 3, 1), date(2026, 3, 10))),
        (date(2026, 3, 10), "quarter", (date(2026, 1, 1), date(2026, 3, 10))),
        (date(2026, 8, 31), "quarter", (date(2026, 7, 1), date(2026, 8, 31))),
        (date(2026, 3, 10), "year", (date(2026, 1, 1), date(2026, 3, 10))),
        (date(2026, 3, 10), "annual", (date(2025, 12, 15), date(2026, 3, 10))),
        (date(2026, 12, 14), "annual", (date(2025, 12, 15), date(2026, 12, 14))),
        (date(2026, 12, 15), "annual", (date(2026, 12, 15), date(2026, 12, 15))),
        (date(2026, 3, 10), "last_annual", (date(2024, 12, 15), date(2025, 12, 14))),
        (date(2026, 12, 20), "last_annual", (date(2025, 12, 15), date(2026, 12, 14))),
    ],
)
def test_presets(today, name, period):
    assert preset_period(name, today) == period


def test_a_preset_on_the_page(app, users):
    today = local_today(utcnow())
    start = report_period(today)[0]
    body = page(app, users, "board", "preset=annual")
    assert f'value="{start:%d/%m/%Y}"' in body and f'value="{today:%d/%m/%Y}"' in body
    assert re.search(r'class="nav-link active" aria-current="page"\s+href="/reports/\?preset=annual"', body)
    last = page(app, users, "board", "preset=last_annual")
    assert f'value="{date(start.year - 1, 12, 15):%d/%m/%Y}"' in last
    default = page(app, users, "board", "")  # the annual report period so far
    assert f'value="{start:%d/%m/%Y}"' in default
    assert re.search(r'active" aria-current="page"\s+href="/reports/\?preset=annual"', default)
    custom = page(app, users, "board", PERIOD)
    presets = custom[custom.index('class="nav nav-pills') : custom.index('id="report-filters"')]
    assert 'href="/reports/?preset=annual"' in presets and 'aria-current="page"' not in presets


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=30/02/2026&to=30/04/2026", "Ngày không hợp lệ"),
        ("from=30/04/2026&to=01/03/2026", "Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to)."),
        ("to=01/01/2999", "Ngày không được ở tương lai."),
        (f"{PERIOD}&unit=XX", "Không có đơn vị mã XX."),
        (f"{PERIOD}&sector=thue", "Không có lĩnh vực mã thue."),
        ("preset=decade", "Không có kỳ báo cáo “decade”"),
    ],
)
def test_bad_filters_are_told_on_the_form(app, users, query, message):
    body = page(app, users, "board", query)
    assert message in html.unescape(body)
    # The figures of what could be kept (the default period, every unit, every sector), and the page says so.
    assert 'id="tile-cases"' in body and "Đang hiển thị số liệu từ" in text(block(body, "report-notice"))


def test_legal_sees_their_unit_only(app, users, dataset):
    body = page(app, users, "legal")
    assert tile(body, "cases") == str(PT["cases"]) and "Phường Phú Thượng và các đơn vị trực thuộc" in body
    assert 'value="HN-TH-NT"' not in body and 'value="HN-TH"' not in body
    for unit in ("HN-TH-NT", "HN-TH"):
        refused = page(app, users, "legal", f"{PERIOD}&unit={unit}")
        assert "Bạn chỉ xem được số liệu của đơn vị mình và các đơn vị trực thuộc." in refused
        assert tile(refused, "cases") == str(PT["cases"])
    count, _ = listed(app, users, link(body, "lapsed"), role="legal")
    assert count == PT["lapsed"]


def test_the_administrator_reads_figures_without_links(app, users, dataset):
    body = page(app, users, "admin")
    assert tile(body, "cases") == "14" and "figure=" not in body


def test_an_empty_period_says_so(app, users):
    body = page(app, users, "board", "from=01/06/2025&to=30/06/2025")
    assert 'id="report-empty"' in body and "<img" not in body and tile(body, "cases") == "0"
    assert "—" in text(block(body, "card-decided-on-time"))


def _svg(document: str) -> tuple[ET.Element, str]:
    """Parse an SVG; return its root and its words (title, and the text matplotlib keeps in comments)."""
    root = ET.fromstring(document, parser=ET.XMLParser(target=ET.TreeBuilder(insert_comments=True)))
    words = [element.text or "" for element in root.iter() if element.tag in (ET.Comment, f"{SVG}title")]
    return root, " ".join(words)


def test_charts_are_svg_with_vietnamese_labels(app, dataset):
    from penalties.reports import charts
    from penalties.reports.queries import stats as query
    from penalties.units.queries import get_unit_by_code

    with app.test_request_context():
        figures = query(date(2026, 3, 1), date(2026, 4, 30))
        district = query(date(2026, 3, 1), date(2026, 4, 30), get_unit_by_code("HN-TH").id)
        drawn = {
            "month": charts.month_trend(figures["by_month"]),
            "sector": charts.by_sector(figures["by_sector"]),
            "unit": charts.by_unit(district["by_unit"]),
            "rates": charts.on_time_rates(district["by_unit"]),
        }
        charts.month_trend.cache_clear()
        assert charts.month_trend(figures["by_month"]) == drawn["month"]  # drawn again: the same bytes
        empty = charts.by_sector([])
    expected = {
        "month": ("Biên bản", "Quyết định xử phạt", "Tiền phạt đã thu", "03/2026", "triệu đồng"),
        "sector": ("Giao thông đường bộ", "Bảo vệ môi trường", "Xây dựng"),
        "unit": ("Phường Phú Thượng", "Phường Nhật Tân", "Biên bản"),
        "rates": ("Ra quyết định đúng hạn", "Thu tiền phạt", "Chỉ tiêu 100%"),
    }
    for name, document in drawn.items():
        assert not document.startswith("<?xml")
        root, words = _svg(document)
        assert root.tag == f"{SVG}svg" and float(root.get("width").removesuffix("pt")) == pytest.approx(453.5, 0.01)
        for label in expected[name]:
            assert label in words, (name, label)
    assert "Không có số liệu" in _svg(empty)[1]


def test_an_unknown_figure_lists_every_case(app, users):
    client = app.test_client()
    sign_in(client, users["board"])
    body = client.get("/cases/?figure=everything").get_data(as_text=True)
    assert "Không có số liệu thống kê “everything”" in html.unescape(body) and 'id="figure-banner"' not in body


def _form_fields(body: str, form_id: str) -> dict:
    """Return what submitting the form would send: its inputs' values and its selects' chosen options."""
    start = body.index(f'id="{form_id}"')
    form = body[start : body.index("</form>", start)]
    fields = {
        name: html.unescape(value) for name, value in re.findall(r'<input[^>]*name="(\w+)" value="([^"]*)"', form)
    }
    for name, options in re.findall(r'<select[^>]*name="(\w+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options) or re.search(
            r'<option value="([^"]*)"', options
        )
        fields[name] = html.unescape(chosen.group(1))
    return fields


def test_filtering_a_figures_cases_keeps_the_figure(app, users, dataset):
    client = app.test_client()
    sign_in(client, users["board"])
    narrowed = client.get(f"/cases/?figure=cases&month=2026-03&own=1&unit=HN-TH-PT&{PERIOD}").get_data(as_text=True)
    fields = _form_fields(narrowed, "case-filters")
    assert {key: fields[key] for key in ("figure", "month", "own", "unit")} == {
        "figure": "cases",
        "month": "2026-03",
        "own": "1",
        "unit": "HN-TH-PT",
    }
    body = client.get(f"/cases/?figure=lapsed&unit=HN-TH-NT&{PERIOD}").get_data(as_text=True)
    assert listed(app, users, f"/cases/?figure=lapsed&unit=HN-TH-NT&{PERIOD}") == (2, 2)  # C8, C9
    # The list's form sent again with a status chosen: still the lapsed cases, now those decided (C9).
    fields = {**_form_fields(body, "case-filters"), "status": "decided"}
    again = client.get("/cases/", query_string=fields)
    assert listed(app, users, again.request.full_path) == (1, 1)
    assert "Quá hạn ra quyết định (Điều 65)" in text(block(again.get_data(as_text=True), "figure-banner"))
    # The notice removes the figure only: the decided cases of Nhật Tân recorded in the period (C9, C13).
    remove = html.unescape(re.search(r'id="figure-remove" href="([^"]+)"', again.get_data(as_text=True)).group(1))
    assert "figure=" not in remove and "status=decided" in remove and "unit=HN-TH-NT" in remove
    plain = client.get(remove).get_data(as_text=True)
    assert 'id="figure-banner"' not in plain and 'name="figure"' not in plain
    assert len(re.findall(r'<td><a href="/cases/\d+">', plain)) == 2
