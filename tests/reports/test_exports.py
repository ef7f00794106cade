"""Exports of the statistics (issue 6): the hand-built dataset's figures are the same in the API, the XLSX, the CSV
and the PDF reports; text is never a formula; the case list; who may download what."""

import base64
import csv
import html
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from datetime import date

from pypdf import PdfReader

from penalties.auth.models import User
from penalties.core.db import utcnow
from penalties.core.formatting import local_today
from penalties.extensions import db
from penalties.reports.annual import annual_figures, annual_period, report_year
from penalties.reports.documents import period_report_data, report_header
from penalties.reports.exports import BOM, FIGURES, SHEETS
from penalties.reports.filters import resolve
from penalties.units.models import Unit
from penalties.units.queries import subtree_ids
from tests.cases.test_api_cases import person
from tests.decisions.test_api_decisions import issue, recorded
from tests.helpers import sign_in
from tests.reports.dataset import FROM, TO

M = 1_000_000
PERIOD = "from=01/03/2026&to=30/04/2026"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CELL = re.compile(r"([A-Z]+)(\d+)")


def read_xlsx(data: bytes) -> dict[str, list[list]]:
    """Return each sheet's rows as lists of values (text, numbers, None), reading the XML; no formula allowed."""
    book = zipfile.ZipFile(io.BytesIO(data))
    shared = [
        "".join(t.text or "" for t in item.iter(f"{MAIN}t"))
        for item in ET.fromstring(book.read("xl/sharedStrings.xml"))
    ]
    targets = {r.get("Id"): r.get("Target") for r in ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))}
    sheets = {}
    for sheet in ET.fromstring(book.read("xl/workbook.xml")).find(f"{MAIN}sheets"):
        cells = {}
        for cell in ET.fromstring(book.read("xl/" + targets[sheet.get(f"{RELS}id")])).iter(f"{MAIN}c"):
            assert cell.find(f"{MAIN}f") is None, "a formula in the workbook"
            assert cell.get("t") in (None, "n", "s"), cell.get("t")  # numbers and shared strings only
            letters, row = CELL.fullmatch(cell.get("r")).groups()
            value = cell.find(f"{MAIN}v")
            if value is None:
                cells[int(row) - 1, _column(letters)] = None
            elif cell.get("t") == "s":
                cells[int(row) - 1, _column(letters)] = shared[int(value.text)]
            else:
                number = float(value.text)
                cells[int(row) - 1, _column(letters)] = int(number) if number.is_integer() else number
        width = 1 + max((c for _, c in cells), default=0)
        height = 1 + max((r for r, _ in cells), default=0)
        sheets[sheet.get("name")] = [[cells.get((r, c)) for c in range(width)] for r in range(height)]
    return sheets


def _column(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def text_of(pdf: bytes) -> str:
    """Return the PDF's text, NFC-normalised, with whitespace collapsed."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(unicodedata.normalize("NFC", " ".join(page.extract_text() for page in pages)).split())


def web(app, users, role: str):
    client = app.test_client()
    sign_in(client, users[role])
    return client


def download(client, path: str, status: int = 200, mimetype: str | None = None):
    response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    if mimetype:
        assert response.mimetype == mimetype
    return response.get_data()


def api_stats(api, query: str) -> dict:
    response = api["board"].get(f"/stats?{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def as_number(value):
    """A CSV cell as the API's number: '' → None, '0.3906' → 0.3906, '64000000' → 64000000."""
    if value == "":
        return None
    return float(value) if "." in value else int(value)


def row_figures(values: list) -> dict:
    return {key: value for (key, _, _), value in zip(FIGURES, values, strict=True)}


def api_figures(row: dict) -> dict:
    return {key: row[key] for key, _, _ in FIGURES}


def test_xlsx_figures_equal_the_api(app, users, api, dataset):
    expected = api_stats(api, f"from={FROM}&to={TO}&unit=HN-TH")
    xlsx = download(web(app, users, "board"), f"/reports/export.xlsx?{PERIOD}&unit=HN-TH")
    sheets = read_xlsx(xlsx)
    assert list(sheets) == list(SHEETS)

    summary = sheets["Tổng hợp"]
    about = {row[0]: row[1] for row in summary[2:7]}
    assert about["Đơn vị"] == "Quận Tây Hồ" and about["Lĩnh vực"] == "Tất cả lĩnh vực"
    assert (about["Từ ngày"], about["Đến ngày"]) == (46082, 46142)  # Excel's serial days of 01/03 and 30/04/2026
    figures = {row[0]: row[1] for row in summary[9 : 9 + len(FIGURES)]}
    assert list(figures) == [label for _, label, _ in FIGURES]
    assert row_figures(list(figures.values())) == api_figures(expected)
    assert figures["Tổng số tiền phạt theo quyết định (đồng)"] == 64 * M and figures["Tỷ lệ thu tiền phạt"] == 0.3906

    units = sheets["Theo đơn vị"]
    assert units[0][:3] == ["Mã đơn vị", "Đơn vị", FIGURES[0][1]]
    assert [row[0] for row in units[1:]] == ["HN-TH-NT", "HN-TH-PT", "Tổng cộng"]
    for row, api_row in zip(units[1:3], expected["by_unit"], strict=True):
        assert (row[1], row_figures(row[2:])) == (api_row["name"], api_figures(api_row))
    assert row_figures(units[3][2:]) == api_figures(expected)

    sectors = sheets["Theo lĩnh vực"]
    assert [row[0] for row in sectors[1:4]] == ["giao_thong_duong_bo", "moi_truong", "xay_dung"]
    for row, api_row in zip(sectors[1:4], expected["by_sector"], strict=True):
        assert row_figures(row[2:]) == api_figures(api_row)
    months = sheets["Theo tháng"]
    assert [row[:2] for row in months[1:]] == [
        ["2026-03", "Tháng 03/2026"],
        ["2026-04", "Tháng 04/2026"],
        ["Tổng cộng", "Quận Tây Hồ"],
    ]
    for row, api_row in zip(months[1:3], expected["by_month"], strict=True):
        assert row_figures(row[2:]) == api_figures(api_row)
    acts = sheets["Hành vi phổ biến"]
    assert [(row[1], row[4]) for row in acts[1:]] == [(a["code"], a["cases"]) for a in expected["top_acts"]]
    assert acts[1][2].startswith("Người điều khiển xe mô tô") and acts[1][3] == "Giao thông đường bộ"
    styles = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/styles.xml").decode()
    assert 'formatCode="#,##0"' in styles and 'formatCode="0.0%"' in styles  # money and rates stay numbers


def test_csv_figures_equal_the_api(app, users, api, dataset):
    expected = api_stats(api, f"from={FROM}&to={TO}&unit=HN-TH&sector=giao_thong_duong_bo")
    data = download(
        web(app, users, "board"),
        f"/reports/export.csv?{PERIOD}&unit=HN-TH&sector=giao_thong_duong_bo",
        mimetype="text/csv",
    )
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads Vietnamese right
    header, *rows = read_csv(data)
    assert header[:5] == ["Nhóm", "Mã", "Tên", "Từ ngày", "Đến ngày"] and len(header) == 5 + len(FIGURES)
    by_group = [(row[0], row[1]) for row in rows]
    assert by_group == [
        ("Tổng cộng", "HN-TH"),
        ("Đơn vị", "HN-TH-NT"),
        ("Đơn vị", "HN-TH-PT"),
        ("Lĩnh vực", "giao_thong_duong_bo"),
        ("Tháng", "2026-03"),
        ("Tháng", "2026-04"),
    ]
    assert rows[0][2:5] == ["Quận Tây Hồ", "01/03/2026", "30/04/2026"]
    api_rows = [expected, *expected["by_unit"], *expected["by_sector"], *expected["by_month"]]
    for row, api_row in zip(rows, api_rows, strict=True):
        assert row_figures([as_number(v) for v in row[5:]]) == api_figures(api_row)
    assert as_number(rows[0][5 + 5]) == 29 * M  # fines_imposed of the sector (test_stats: GT)


def test_period_pdf_states_the_figures(app, users, api, dataset):
    pdf = download(web(app, users, "board"), f"/reports/report.pdf?{PERIOD}&unit=HN-TH", mimetype="application/pdf")
    text = text_of(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND THÀNH PHỐ HÀ NỘI",
        "ỦY BAN NHÂN DÂN QUẬN TÂY HỒ",
        "/BC-UBND",
        "BÁO CÁO",
        "Tình hình xử lý vi phạm hành chính từ ngày 01/03/2026 đến ngày 30/04/2026",
        "I. SỐ LIỆU CHUNG",
        "Số vụ việc vi phạm (biên bản lập trong kỳ) 14",
        "Số quyết định xử phạt ban hành 9",
        "Tổng số tiền phạt theo quyết định (đồng) 64.000.000",
        "Số tiền phạt đã thu (đồng) 25.000.000",
        "Tỷ lệ thu tiền phạt 39,1%",
        "Tỷ lệ giải quyết đúng hạn 76,9%",
        "Số vụ việc quá thời hạn ra quyết định 3",
        "III. SỐ LIỆU THEO ĐƠN VỊ",
        "Phường Phú Thượng 10 7 54.000.000 25.000.000 46,3% 90,0% 1",
        "Phường Nhật Tân 4 2 10.000.000 0 0,0% 33,3% 1",
        "Tổng cộng 14 9 64.000.000 25.000.000 39,1% 76,9% 2",
        "IV. SỐ LIỆU THEO LĨNH VỰC",
        "Bảo vệ môi trường 4 1 0 0 – 75,0% 0",
        "V. HÀNH VI VI PHẠM PHỔ BIẾN",
        "GT-7-7c",
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
    ):
        assert expected in text, expected
    assert "Ủy ban nhân dân thành phố Hà Nội (để báo cáo)" in text

    day = date(2026, 5, 1)
    with app.test_request_context():
        board = db.session.get(User, users["board"])
        filters = resolve(board, date(2026, 3, 1), date(2026, 4, 30), "HN-TH-PT", None, day)
        header = report_header(filters.date_from, filters.date_to, filters.unit, None, day)
        data = period_report_data(header, filters.stats(), filters.unit, day)
    assert len(data["charts"]) == 4  # the dashboard's, embedded: nothing is fetched
    assert all(chart["src"].startswith("data:image/svg+xml;base64,") for chart in data["charts"])
    assert data["signature"]["name"] == "Người dùng chair"  # the ward's chairman signs for the committee
    assert data["place_date"] == "Phú Thượng, ngày 01 tháng 5 năm 2026"


def test_annual_figures_beyond_the_statistics(app, api, dataset):
    case = recorded(api, ["GT-7-7c"], "2026-04-13", violator=person(name="Công ty TNHH Ánh Dương", kind="organization"))
    extra = ["Tước quyền sử dụng giấy phép lái xe từ 01 tháng đến 03 tháng", "Tịch thu phương tiện vi phạm"]
    assert issue(api, case["id"], "2026-04-14", additional_sanctions=extra).status_code == 201
    crime = recorded(api, ["GT-7-7c"], "2026-04-14")  # signs of a crime: the file goes to the police (Art. 62)
    moved = api["legal"].post(f"/cases/{crime['id']}/dismiss", {"reason": "transferred", "dismissed_on": "2026-04-15"})
    assert moved.status_code == 200, moved.get_json()
    # D12 postponed, then its fine reduced by 1,000,000 and the rest exempted: executed (Law Art. 77).
    d12 = dataset.decisions["D12"]
    for kind, extra in (("reduce", {"amount": 1_000_000}), ("exempt", {})):
        body = {"requested_on": "2026-04-20", "hardship": "UBND phường xác nhận", "kind": kind, **extra}
        assert api["legal"].post(f"/decisions/{d12}/reduction", body).status_code == 201
    with app.app_context():
        district = db.session.scalar(db.select(Unit).where(Unit.code == "HN-TH"))
        figures = annual_figures(date(2026, 3, 1), date(2026, 4, 30), subtree_ids(district.id), None)
    assert figures == {
        "acts": 17,  # 16 cases (C6 has two acts) and 17 acts
        "cases_by_kind": {"individual": 15, "organization": 1},
        "subjects": {"individual": 9, "organization": 1},  # every case has its own violator; sanctioned ones
        "fined": 8,  # D1 D2 D5 D11 D12 D9 D13 and the new one; D3 a warning, D4 annulled
        "fully_paid": 3,  # D1 (5 of 5 M), D5 (4 of 4 M as amended), D12 (nothing left once exempted)
        "postponed": 1,  # D12
        "reduced": 1,  # D12
        "installments": 1,  # D11
        "remedial": 1,  # D11 (demolition); D4's is annulled
        "additional": 1,
        "licence_withdrawn": 1,
        "operation_suspended": 0,
        "confiscated": 1,
        "late_fees_collected": 0,
        "complained": 2,  # D4, D5
        "sued": 0,
        "outcomes": {"upheld": 1, "amended": 1, "annulled": 1},  # D0 (filed in January), D5, D4
        "transferred": 1,  # the new case; C7, C8, C16 dismissed for other reasons
    }
    assert (report_year(date(2026, 12, 14)), report_year(date(2026, 12, 15))) == (2026, 2027)
    assert annual_period(2026) == (date(2025, 12, 15), date(2026, 12, 14))


def test_annual_pdf_follows_decree_118_article_35(app, users, api, dataset):
    today = local_today(utcnow())
    year = today.year + 1 if (today.month, today.day) >= (12, 15) else today.year
    last = min(date(year, 12, 14), today)
    expected = api_stats(api, f"from={year - 1}-12-15&to={last.isoformat()}&unit=HN-TH")
    pdf = download(web(app, users, "board"), f"/reports/annual.pdf?year={year}&unit=HN-TH", mimetype="application/pdf")
    text = text_of(pdf)
    for part in (
        "ỦY BAN NHÂN DÂN QUẬN TÂY HỒ",
        f"BÁO CÁO Công tác thi hành pháp luật về xử lý vi phạm hành chính năm {year}",
        f"từ ngày 15/12/{year - 1} đến ngày {last:%d/%m/%Y}",
        "Điều 35 Nghị định số 118/2021/NĐ-CP",
        "I. ĐÁNH GIÁ CHUNG TÌNH HÌNH VI PHẠM VÀ XỬ LÝ VI PHẠM HÀNH CHÍNH",
        f"đã phát hiện, lập biên bản {expected['cases']} vụ việc",
        f"đã ban hành {expected['decisions']} quyết định xử phạt",
        "II. KẾT QUẢ XỬ PHẠT VI PHẠM HÀNH CHÍNH",
        "1. Số vụ vi phạm bị phát hiện, xử phạt; đối tượng bị xử phạt",
        "2. Hình thức xử phạt, biện pháp khắc phục hậu quả, biện pháp ngăn chặn đã áp dụng",
        "3. Các loại vi phạm phổ biến",
        "III. KẾT QUẢ THI HÀNH QUYẾT ĐỊNH XỬ PHẠT VI PHẠM HÀNH CHÍNH",
        f"Tổng số quyết định xử phạt {expected['decisions']}",
        "Số quyết định được hoãn thi hành 1",
        "Số quyết định được nộp tiền phạt nhiều lần 1",
        f"Số quyết định cưỡng chế thi hành {expected['enforced']}",
        "Số quyết định được giảm, miễn tiền phạt 0",  # held now (Law Art. 77): none in this dataset
        "IV. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ",
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
    ):
        assert part in text, part
    assert f"{expected['fines_collected']:,}".replace(",", ".") in text


def test_annual_pdf_of_a_year_to_come_is_refused(app, users, api):
    future = local_today(utcnow()).year + 2
    download(web(app, users, "board"), f"/reports/annual.pdf?year={future}", status=422)
    download(web(app, users, "board"), "/reports/annual.pdf?year=abc", status=400)


INJECTIONS = ('=HYPERLINK("http://x")', "+SUM(1)", "-2+3", "@cmd")


def test_text_is_never_a_formula(app, users, api):
    for name in INJECTIONS:
        recorded(api, ["GT-7-7c"], "2026-03-02", violator=person(name=name))
    board = web(app, users, "board")
    xlsx = download(board, "/reports/cases.xlsx")
    rows = read_xlsx(xlsx)["Biên bản"]  # read_xlsx refuses any formula cell
    assert sorted(row[2] for row in rows[4:]) == sorted(INJECTIONS)  # written as text, unchanged
    book = zipfile.ZipFile(io.BytesIO(xlsx))
    assert 'quotePrefix="1"' in book.read("xl/styles.xml").decode()  # and kept text when edited in Excel
    assert b"<f>" not in book.read("xl/worksheets/sheet1.xml")
    header, *lines = read_csv(download(board, "/reports/cases.csv"))
    assert header[2] == "Người vi phạm"
    assert sorted(line[2] for line in lines) == sorted("'" + name for name in INJECTIONS)  # neutralised


def test_case_list_exports_every_page_with_the_page_filters(app, users, api, dataset, monkeypatch):
    board = web(app, users, "board")
    header, *lines = read_csv(download(board, "/reports/cases.csv"))
    assert len(lines) == 17  # C0 … C16
    header, *lines = read_csv(download(board, f"/reports/cases.csv?{PERIOD}&unit=HN-TH-NT&sort=recorded"))
    assert [line[6] for line in lines] == ["Phường Nhật Tân"] * 4  # C8, C9, C13, C10; C14 in May
    assert [line[1][:10] for line in lines] == ["02/03/2026", "01/04/2026", "20/04/2026", "21/04/2026"]
    # The case list offers the same download, with its own filters (every page, not only the one shown).
    page = download(board, f"/cases/?{PERIOD}&unit=HN-TH-NT&sort=recorded").decode()
    found = re.findall(r'href="(/reports/cases\.(xlsx|csv)\?[^"]+)"', html.unescape(page))
    links = {kind: href for href, kind in found}
    assert set(links) == {"xlsx", "csv"}
    assert read_csv(download(board, links["csv"]))[1:] == lines
    lapsed = read_csv(download(board, f"/reports/cases.csv?figure=lapsed&{PERIOD}"))[1:]
    assert len(lapsed) == 3  # C6, C8, C9: the figure's cases (test_stats: lapsed 3)
    rows = read_xlsx(download(board, f"/reports/cases.xlsx?figure=decisions&{PERIOD}&unit=HN-TH-PT"))["Biên bản"]
    assert len(rows[4:]) == 7 and all(row[10].endswith("/QĐ-XPHC") for row in rows[4:])
    assert rows[1][0].startswith("Điều kiện lọc: Đơn vị: HN-TH-PT")

    monkeypatch.setitem(app.config, "REPORTS_MAX_CASES", 5)  # a long list is cut, and says so
    header, *lines = read_csv(download(board, "/reports/cases.csv"))
    assert len(lines) == 6 and lines[-1][0].startswith("Danh sách chỉ gồm 5 biên bản đầu tiên")
    rows = read_xlsx(download(board, "/reports/cases.xlsx"))["Biên bản"]
    assert len([row for row in rows[4:] if row[0] and row[0].endswith("/BB-VPHC")]) == 5
    assert rows[-1][0].startswith("Danh sách chỉ gồm 5 biên bản đầu tiên")


def test_roles_that_read_the_figures(app, users, api, dataset):
    for role, unit in (("board", "Thành phố Hà Nội"), ("admin", "Thành phố Hà Nội"), ("legal", "Phường Phú Thượng")):
        xlsx = download(web(app, users, role), f"/reports/export.xlsx?{PERIOD}")
        about = {row[0]: row[1] for row in read_xlsx(xlsx)["Tổng hợp"][2:7]}
        assert about["Đơn vị"] == unit, role  # board and administrator: every unit; legal staff: their ward


def test_an_officer_reads_their_unit_only(app, users, api, dataset):
    officer = web(app, users, "officer")
    sheets = read_xlsx(download(officer, f"/reports/export.xlsx?{PERIOD}"))
    figures = dict(row[:2] for row in sheets["Tổng hợp"][9 : 9 + len(FIGURES)])
    assert figures["Số vụ việc vi phạm (biên bản lập trong kỳ)"] == 10  # test_stats: PT
    assert "Phường Phú Thượng" in text_of(download(officer, f"/reports/report.pdf?{PERIOD}"))
    for path in ("export.xlsx", "export.csv", "report.pdf", "annual.pdf"):
        download(officer, f"/reports/{path}?{PERIOD}&unit=HN-TH-NT", status=403)
        download(officer, f"/reports/{path}?{PERIOD}&unit=HN-TH", status=403)
    header, *lines = read_csv(download(officer, "/reports/cases.csv"))
    assert {line[6] for line in lines} == {"Phường Phú Thượng"}
    download(web(app, users, "admin"), "/reports/cases.csv", status=403)  # no case list for the administrator
    assert app.test_client().get("/reports/export.xlsx").status_code == 302  # to the sign-in page


def test_wrong_filters_are_refused_not_replaced(app, users, api):
    board = web(app, users, "board")
    page = download(board, "/reports/export.xlsx?from=30/04/2026&to=01/03/2026", status=422).decode()
    assert "Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to)." in page  # the page says why
    download(board, "/reports/export.csv?sector=khong_co", status=422)
    download(board, "/reports/report.pdf?unit=KHONG-CO", status=422)
    download(board, "/reports/export.xlsx?from=31/02/2026", status=422)
    download(board, "/reports/cases.csv?figure=khong_co", status=400)


def test_period_pdf_prints_each_chart_title_once(app, users, api, dataset):
    """Each chart draws its title: the report adds no heading of its own over it (the titles printed twice)."""
    pdf = download(web(app, users, "board"), f"/reports/report.pdf?{PERIOD}&unit=HN-TH", mimetype="application/pdf")
    text = text_of(pdf)
    day = date(2026, 5, 1)
    with app.test_request_context():
        filters = resolve(db.session.get(User, users["board"]), date(2026, 3, 1), date(2026, 4, 30), "HN-TH", None, day)
        header = report_header(filters.date_from, filters.date_to, filters.unit, None, day)
        charts = period_report_data(header, filters.stats(), filters.unit, day)["charts"]
    titles = [chart["title"] for chart in charts]
    assert titles == [
        "Biên bản, quyết định và tiền phạt theo tháng",
        "Biên bản theo lĩnh vực",
        "Biên bản và quyết định xử phạt theo đơn vị",
        "Tỷ lệ ra quyết định đúng hạn và tỷ lệ thu tiền phạt theo đơn vị",
    ]
    for chart in charts:
        svg = base64.b64decode(chart["src"].split(",", 1)[1]).decode()
        assert re.findall(r"<!-- (.*?) -->", svg).count(chart["title"]) == 1, chart["title"]  # drawn once, in it
        assert chart["title"] not in text  # and not written again as text around it
    assert re.search(r"II\. BIỂU ĐỒ [\d ]*III\. SỐ LIỆU THEO ĐƠN VỊ", text)  # nothing but the page numbers
