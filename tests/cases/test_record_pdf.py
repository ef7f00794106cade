"""The record PDF (form MBB01): its wording, the violator's block, the right to explain, fonts, page size, fetcher."""

import io
import itertools
import json
import re
import unicodedata

import pytest
from pypdf import PdfReader

from penalties.auth.models import User
from penalties.cases.documents import TEMPLATE_VERSION, record_data, render_record_pdf
from penalties.cases.models import Case
from penalties.core.render import STATIC_BASE, StaticOnlyFetcher
from penalties.extensions import db
from tests.helpers import Api, token_for

_ids = itertools.count(200000)
LAW = "Luật Xử lý vi phạm hành chính năm 2012, sửa đổi, bổ sung năm 2020 và năm 2025"
EXPLAIN = "Quyền và thời hạn giải trình"


def person(name="Đặng Văn Đức", birth="1978-01-25", kind="individual"):
    body = {"kind": kind, "name": name, "id_number": f"00107803{next(_ids)}", "address": "8 Xuân La, Tây Hồ"}
    if kind == "individual":
        body["birth_date"] = birth
    else:
        body["representative"] = "Trần Thị Bình"
    return body


def case_body(acts, recorded="2026-03-02", violator=None, detected=None, **extra):
    return {
        "unit": "HN-TH-PT",
        "violator": violator or person(),
        "violations": [{"act": a, "ended_on": None} for a in acts],
        "detected_at": f"{detected or recorded}T08:30:00+07:00",
        "recorded_at": f"{recorded}T09:45:00+07:00",
        "location": {"unit": "HN-TH-PT", "address": "Số 18 ngõ 17 An Dương Vương"},
        "description": "Tổ chức thi công xây dựng nhà ở riêng lẻ 4 tầng không có giấy phép xây dựng.",
        "mitigating": [],
        "aggravating": [],
        "needs_explanation": False,
        "very_complex": False,
        **extra,
    }


@pytest.fixture
def officer(app, client, users, acts):
    with app.app_context():
        user = db.session.get(User, users["officer"])
        user.full_name, user.title = "Trần Văn Bình", "Công chức Văn phòng"
        db.session.commit()
        return Api(client, token_for(users["officer"]))


def record(app, officer, body) -> tuple[dict, bytes]:
    """Record a case through the API; return its record data and PDF."""
    response = officer.post("/cases", body)
    assert response.status_code == 201, response.get_json()
    with app.app_context():
        case = db.session.get(Case, response.get_json()["id"])
        return record_data(case), render_record_pdf(case)


def text_of(pdf: bytes) -> str:
    """Return the PDF's text, NFC-normalised, with whitespace collapsed."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = unicodedata.normalize("NFC", " ".join(page.extract_text() for page in pages))
    return " ".join(text.split())


def test_individual_record_follows_mbb01(app, officer):
    witnesses = "Nguyễn Văn Chứng, tổ trưởng tổ dân phố số 3\nLê Thị Mai, cán bộ địa chính"
    data, pdf = record(app, officer, case_body(["XD-16-7a"], witnesses=witnesses))
    text = text_of(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THƯỢNG",
        "BIÊN BẢN VI PHẠM HÀNH CHÍNH",
        "Về xây dựng",
        "Số: 01/BB-VPHC",  # numbers below 10 take a leading 0 (Decree 30/2020)
        "Hôm nay, hồi 09 giờ 45 phút, ngày 02/03/2026",
        f"Điều 58 {LAW}",
        "Người có thẩm quyền lập biên bản",
        "Trần Văn Bình",
        "Đặng Văn Đức",
        "25/01/1978",
        "Điểm a khoản 7 Điều 16 Nghị định 16/2022/NĐ-CP",
        "Nguyễn Văn Chứng",
        "Lê Thị Mai",
        "NGƯỜI LẬP BIÊN BẢN",
        "NGƯỜI CHỨNG KIẾN",
        "NGƯỜI NHẬN BIÊN BẢN",
    ):
        assert expected in text, expected
    assert f"10. {EXPLAIN}" in text and "02 ngày làm việc" in text and "05 ngày làm việc" in text
    assert "Chủ tịch Ủy ban nhân dân phường Phú Thượng để thực hiện quyền giải trình" in text
    assert "11. Yêu cầu ông (bà) Đặng Văn Đức" in text
    # A record is not a decision: it states no fine.
    assert not re.search(r"\d{1,3}(\.\d{3})+ ?(đồng|đ\b)", text) and "Bằng chữ" not in text
    assert data["template_version"] == TEMPLATE_VERSION == "mbb01-2021.1"
    assert [w["name"] for w in data["witnesses"]] == ["Nguyễn Văn Chứng", "Lê Thị Mai"]


def test_record_data_is_plain_data(app, officer):
    data, _ = record(app, officer, case_body(["XD-16-7a", "GT-7-2h"]))
    assert json.loads(json.dumps(data)) == data
    assert data["number"] == "1/BB-VPHC" and data["number_text"] == "01/BB-VPHC"
    assert data["place_date"] == "Phú Thượng, ngày 02 tháng 3 năm 2026"
    assert data["agency"]["name"] == "Ủy ban nhân dân phường Phú Thượng"
    # A record of 2026: the ward sits directly under the city (SPEC §0; no district from 01/07/2025).
    assert data["agency"]["parent_short"] == "UBND thành phố Hà Nội"
    assert data["recorded"] == {
        "at": "2026-03-02T09:45:00+07:00",
        "date": "2026-03-02",
        "date_text": "02/03/2026",
        "hour": "09",
        "minute": "45",
    }
    assert data["recorder"] == {
        "name": "Trần Văn Bình",
        "title": "Công chức Văn phòng",
        "agency": "Ủy ban nhân dân phường Phú Thượng",
    }
    assert [v["right_to_explain"] for v in data["violations"]] == [True, False]
    assert data["right_to_explain"]["hearing_days"] == 2 and data["right_to_explain"]["written_days"] == 5
    assert data["sectors"] == ["xây dựng", "giao thông đường bộ"]


def test_organisation_record_names_its_representative(app, officer):
    org = person("Công ty TNHH Xây dựng Hồ Tây", kind="organization")
    _, pdf = record(app, officer, case_body(["XD-16-7a"], violator=org))
    text = text_of(pdf)
    assert "đối với tổ chức có tên sau đây" in text
    assert "Tên của tổ chức: Công ty TNHH Xây dựng Hồ Tây" in text
    assert f"Mã số doanh nghiệp: {org['id_number']}" in text
    assert "Người đại diện theo pháp luật: Trần Thị Bình" in text
    assert "ông (bà) Trần Thị Bình là người đại diện của tổ chức vi phạm" in text
    assert EXPLAIN in text  # 60–80 M for an organisation, ≥ 30 M


def test_no_right_to_explain_for_a_small_fine(app, officer):
    data, pdf = record(app, officer, case_body(["GT-7-2h"], violator=person("Nguyễn Văn An", "1985-04-12")))
    text = text_of(pdf)
    assert data["right_to_explain"] is None
    assert EXPLAIN not in text and "giải trình" not in text
    assert "Điểm h khoản 2 Điều 7 Nghị định 168/2024/NĐ-CP" in text
    # Item 10 left out (footnote 12): the summons becomes item 10.
    assert "10. Yêu cầu ông (bà) Nguyễn Văn An là cá nhân vi phạm" in text
    assert "Về giao thông đường bộ" in text


def test_record_made_later_is_made_at_the_office(app, officer):
    data, pdf = record(app, officer, case_body(["GT-7-2h"], recorded="2026-03-03", detected="2026-03-02"))
    text = text_of(pdf)
    assert data["recorded_at_scene"] is False
    assert "tại trụ sở Ủy ban nhân dân phường Phú Thượng" in text
    assert "Lý do lập biên bản tại trụ sở cơ quan của người có thẩm quyền lập biên bản" in text
    assert "Hồi 08 giờ 30 phút, ngày 02/03/2026, tại Số 18 ngõ 17 An Dương Vương, phường Phú Thượng" in text


def test_minor_record_mentions_parents(app, officer):
    _, pdf = record(app, officer, case_body(["GT-7-2h"], violator=person("Lê Minh Khôi", "2009-01-01")))
    assert "cha mẹ/người giám hộ của người chưa thành niên vi phạm 01 bản" in text_of(pdf)


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Return each font's family-and-style name (subset tag and separators dropped) and whether it is embedded."""
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            name = re.sub(r"[^A-Za-z]", "", re.sub(r"^/?[A-Z]{6}\+", "", str(font["/BaseFont"])))
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            found[name] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_fonts_embedded_and_page_a4(app, officer):
    _, pdf = record(app, officer, case_body(["XD-16-7a"]))
    reader = PdfReader(io.BytesIO(pdf))
    fonts = _fonts(reader)
    assert fonts and all(fonts.values()), fonts  # every font embedded
    # Liberation Serif (Times New Roman metrics); DejaVu Serif only where Liberation is not installed.
    family = "LiberationSerif" if any(n.startswith("LiberationSerif") for n in fonts) else "DejaVuSerif"
    assert all(n.startswith(family) for n in fonts), fonts
    assert {"LiberationSerif", "LiberationSerifBold"} <= set(fonts) or family == "DejaVuSerif"
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - 595.28) < 1 and abs(float(box.height) - 841.89) < 1
    # The text starts 30 mm from the left edge (85 pt): the left margin of Decree 30/2020.
    xs = []

    def visit(text, cm, tm, *_):
        if text.strip():
            xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    reader.pages[0].extract_text(visitor_text=visit)
    assert min(xs) == pytest.approx(30 / 25.4 * 72, abs=1)


class RecordingFetcher(StaticOnlyFetcher):
    def __init__(self, root):
        super().__init__(root)
        self.refused, self.served = [], []

    def fetch(self, url, headers=None):
        try:
            response = super().fetch(url, headers)
        except ValueError:
            self.refused.append(url)
            raise
        self.served.append(url)
        return response


def test_fetcher_serves_only_our_static_files(app):
    from weasyprint import HTML

    fetcher = StaticOnlyFetcher(app.static_folder)
    for url in ("file:///etc/passwd", "http://example.com/x.png", STATIC_BASE + "../penalties/config.py"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    served = fetcher.fetch(STATIC_BASE + "documents/print.css")
    assert served.content_type == "text/css" and b"@page" in served.read()

    recording = RecordingFetcher(app.static_folder)
    html = (
        '<link rel="stylesheet" href="documents/print.css">'
        '<img src="file:///etc/passwd"><img src="http://example.com/x.png"><p>Biên bản</p>'
    )
    pdf = HTML(string=html, base_url=STATIC_BASE, url_fetcher=recording).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert recording.refused == ["file:///etc/passwd", "http://example.com/x.png"]
    assert recording.served == [STATIC_BASE + "documents/print.css"]
