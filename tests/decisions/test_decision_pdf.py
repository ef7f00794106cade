"""The decision PDF (form MQĐ02): its wording, amounts in words, KT. signature, fonts, page, hash, QR codes."""

import hashlib
import io
import json
import re
import unicodedata
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from penalties.auth.models import User
from penalties.cases.models import Case
from penalties.decisions.documents import TEMPLATE_VERSION, decision_data, verification_code
from penalties.decisions.models import Decision
from penalties.decisions.operations import DecisionInput, issue_decision
from penalties.extensions import db
from penalties.units.models import Unit
from tests.cases.test_api_cases import case_body, person
from tests.helpers import Api, make_user, token_for

TODAY = date(2026, 3, 4)
RECORDED = "2026-03-02"
LATE_FEE = re.compile(r"cứ mỗi ngày chậm nộp phạt thì phải nộp thêm 0,05 ?% tính trên tổng số tiền phạt chưa nộp")
TREASURY = {"treasury_account": "7111000123456", "treasury_name": "Kho bạc Nhà nước khu vực I"}


@pytest.fixture
def officer(app, client, users, acts):
    with app.app_context():
        db.session.get(User, users["officer"]).full_name = "Trần Văn Bình"
        db.session.get(User, users["chair"]).full_name = "Phạm Quốc Hùng"
        db.session.commit()
        return Api(client, token_for(users["officer"]))


@pytest.fixture
def deputy(app, users):
    """A deputy chairman who signs under a delegation decision (Law Art. 54)."""
    with app.app_context():
        make_user(
            "phochutich",
            "legal",
            position="chu_tich_ubnd_xa",
            title="Phó Chủ tịch",
            full_name="Lê Thị Thu Hà",
            delegation_number="05/QĐ-GQXP",
            delegation_on=date(2026, 1, 5),
        )
    return "phochutich"


def treasury(app, **values):
    with app.app_context():
        unit = db.session.scalar(sa.select(Unit).where(Unit.code == "HN-TH-PT"))
        for key, value in values.items():
            setattr(unit, key, value)
        db.session.commit()


def decide(app, officer, acts, signer="chair", violator=None, case=None, **data) -> dict:
    """Record a case on 2026-03-02 through the API and issue its decision on 2026-03-04; return what was stored."""
    body = case_body(acts, RECORDED, violator=violator or person("Đặng Thị Hường"), **(case or {}))
    response = officer.post("/cases", body)
    assert response.status_code == 201, response.get_json()
    with app.app_context():
        case = db.session.get(Case, response.get_json()["id"])
        decision = issue_decision(case, DecisionInput(signer=signer, **data), actor=None, today=TODAY)
        db.session.commit()
        document = decision.document
        result = {
            "decision_id": decision.id,
            "number": decision.number,
            "verification_code": decision.verification_code,
            "pdf": document.content,
            "sha256": document.sha256,
            "template_version": document.template_version,
            "rendered_data": document.rendered_data,
            "kind": document.kind,
            "filename": document.filename,
        }
    result["text"] = text_of(result["pdf"])
    return result


def text_of(pdf: bytes) -> str:
    """Return the PDF's text, NFC-normalised, with whitespace collapsed."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = unicodedata.normalize("NFC", " ".join(page.extract_text() for page in pages))
    return " ".join(text.split())


def text_of_page(page) -> str:
    return " ".join(unicodedata.normalize("NFC", page.extract_text()).split())


def test_decision_follows_mqd02(app, officer):
    treasury(app, **TREASURY, treasury_bank_bin="970415")
    issued = decide(app, officer, ["XD-16-7a"])
    text = issued["text"]
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THƯỢNG",
        "Số: 01/QĐ-XPHC",
        "Phú Thượng, ngày 04 tháng 3 năm 2026",  # a leading 0 for months 1 and 2 only (Decree 30/2020)
        "QUYẾT ĐỊNH Xử phạt vi phạm hành chính CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THƯỢNG",
        "Căn cứ Điều 57, Điều 68, Điều 70, Điều 78, Điều 85 Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm "
        "2012, được sửa đổi, bổ sung năm 2020 và năm 2025;",
        "Nghị định số 118/2021/NĐ-CP ngày 23 tháng 12 năm 2021 của Chính phủ",
        "được sửa đổi, bổ sung bởi Nghị định số 68/2025/NĐ-CP",
        "Căn cứ Nghị định số 16/2022/NĐ-CP ngày 28 tháng 01 năm 2022 của Chính phủ quy định xử phạt vi phạm "
        "hành chính về xây dựng;",
        "Căn cứ Biên bản vi phạm hành chính số 01/BB-VPHC lập ngày 02/3/2026.",
        "QUYẾT ĐỊNH:",
        "Đặng Thị Hường",
        "Điểm a khoản 7 Điều 16 Nghị định 16/2022/NĐ-CP",
        "Hình thức xử phạt chính: Phạt tiền.",
        "35.000.000 đồng (Bằng chữ: Ba mươi lăm triệu đồng.)",
        "Buộc phá dỡ công trình, phần công trình xây dựng vi phạm",
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        "nộp tiền phạt vào tài khoản số: 7111000123456 của Kho bạc Nhà nước khu vực I trong thời hạn 10 ngày",
        "Cổng Dịch vụ công quốc gia",
        "có quyền khiếu nại hoặc khởi kiện hành chính đối với Quyết định này theo quy định của pháp luật",
        "Gửi cho Kho bạc Nhà nước khu vực I để thu tiền phạt.",
        "Nơi nhận: - Như Điều 3; - Lưu: Hồ sơ.",
        "CHỦ TỊCH",
        "Phạm Quốc Hùng",
        "Quét để kiểm tra quyết định",
        "Quét để nộp phạt (VietQR)",
        "NGƯỜI NHẬN QUYẾT ĐỊNH",
    ):
        assert expected in text, expected
    assert LATE_FEE.search(text)
    assert "KT." not in text and "giao quyền" not in text
    assert issued["sha256"] == hashlib.sha256(issued["pdf"]).hexdigest()
    assert issued["kind"] == "decision_pdf" and issued["filename"] == "quyet-dinh-1-QD-XPHC.pdf"
    assert issued["template_version"] == TEMPLATE_VERSION == "mqd02-2021.1"
    assert issued["rendered_data"]["template_version"] == TEMPLATE_VERSION


def test_deputy_signs_kt_and_cites_the_delegation(app, officer, deputy):
    issued = decide(app, officer, ["XD-16-7a"], signer=deputy)
    text = issued["text"]
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text and "Lê Thị Thu Hà" in text
    assert "Căn cứ Quyết định số 05/QĐ-GQXP ngày 05/01/2026 về việc giao quyền xử phạt vi phạm hành chính." in text
    assert "Chủ tịch Ủy ban nhân dân phường Phú Thượng (để báo cáo);" in text
    signature = issued["rendered_data"]["signature"]
    assert signature == {
        "delegated": True,
        "authority": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Lê Thị Thu Hà",
    }


def test_several_acts_show_each_fine_and_the_total(app, officer):
    org = person("Công ty TNHH Xây dựng Hồ Tây", kind="organization")
    circumstances = {"mit": ["gn_1"], "agg": ["tn_i"]}  # one of each: they cancel out, the average applies
    issued = decide(app, officer, ["XD-16-7a", "GT-12-7"], violator=org, case=circumstances)
    text = issued["text"]
    for expected in (
        "4. Các tình tiết tăng nặng (nếu có): - Tiếp tục thực hiện hành vi vi phạm hành chính mặc dù người có thẩm "
        "quyền đã yêu cầu chấm dứt hành vi đó (điểm i khoản 1 Điều 10 Luật Xử lý vi phạm hành chính).",
        "5. Các tình tiết giảm nhẹ (nếu có): - Người vi phạm hành chính đã có hành vi ngăn chặn",
        "(khoản 1 Điều 9 Luật Xử lý vi phạm hành chính).",
        "đối với tổ chức có tên sau đây",
        "Tên của tổ chức: Công ty TNHH Xây dựng Hồ Tây",
        "Người đại diện theo pháp luật: Trần Thị Bình",
        "Hành vi thứ nhất: phạt tiền 70.000.000 đồng (Bằng chữ: Bảy mươi triệu đồng.)",
        "Hành vi thứ hai: phạt tiền 5.000.000 đồng (Bằng chữ: Năm triệu đồng.)",
        "Tổng số tiền phạt là: 75.000.000 đồng (Bằng chữ: Bảy mươi lăm triệu đồng.)",
        "Khoản 7 Điều 12 Nghị định 168/2024/NĐ-CP",
        "Nghị định số 168/2024/NĐ-CP ngày 26 tháng 12 năm 2024 của Chính phủ",
        "Giao cho ông (bà) Trần Thị Bình là người đại diện của tổ chức bị xử phạt",
    ):
        assert expected in text, expected
    # No Treasury account configured: dotted blanks to fill by hand, and no VietQR.
    assert "VietQR" not in text and issued["rendered_data"]["payment"]["vietqr"] is None


def test_payment_qr_only_with_a_treasury_account_and_bin(app, officer):
    treasury(app, **TREASURY)  # no bank BIN: no VietQR
    with_account = decide(app, officer, ["GT-7-7c"])
    assert "Quét để nộp phạt" not in with_account["text"] and "7111000123456" in with_account["text"]
    treasury(app, treasury_bank_bin="970415")
    with_bin = decide(app, officer, ["GT-7-7c"])
    payload = with_bin["rendered_data"]["payment"]["vietqr"]
    assert "Quét để nộp phạt (VietQR)" in with_bin["text"]
    assert "970415" in payload and "7111000123456" in payload and "54075000000" in payload
    assert "Nop phat 2/QD-XPHC" in payload
    with app.app_context():
        decision = db.session.get(Decision, with_bin["decision_id"])
        data = decision_data(decision)
    assert data["payment_qr"].startswith("data:image/svg+xml;base64,")


def test_warning_has_no_payment(app, officer):
    body = case_body(["GT-12-2e"], RECORDED, violator=person("Vũ Văn Bảy"), mit=["gn_2"])
    case_id = officer.post("/cases", body).get_json()["id"]
    treasury(app, **TREASURY, treasury_bank_bin="970415")
    with app.app_context():
        decision = issue_decision(
            db.session.get(Case, case_id), DecisionInput(signer="chair", warning=True), actor=None, today=TODAY
        )
        text = text_of(decision.document.content)
        assert decision.document.rendered_data["payment"] is None
    assert "Hình thức xử phạt chính: Cảnh cáo." in text and "Cảnh cáo ông (bà) Vũ Văn Bảy" in text
    assert "0,05" not in text and "VietQR" not in text and "để thu tiền phạt" not in text
    assert "a) Ông (bà) Vũ Văn Bảy có quyền khiếu nại hoặc khởi kiện hành chính" in text


def test_rendered_data_is_plain_and_carries_the_verification_code(app, officer):
    issued = decide(app, officer, ["XD-16-7a"])
    data = issued["rendered_data"]
    assert json.loads(json.dumps(data)) == data
    assert "verification_qr" not in data and "payment_qr" not in data
    assert verification_code(data) == issued["verification_code"]
    assert len(issued["verification_code"]) == 64 and issued["verification_code"] != issued["sha256"]
    # No address configured and no request (issued here by the operation itself): the address of `make run`; a
    # request's own address is tested in tests/browser/test_issue_decision.py.
    assert data["verification_url"] == f"http://127.0.0.1:5000/verify/{issued['verification_code']}"
    assert data["number_text"] == "01/QĐ-XPHC" and data["issued_on"]["date"] == "2026-03-04"
    assert data["issued_on"]["text"] == "04/3/2026"
    assert data["lines"][0]["amount"] == 35_000_000 and data["lines"][0]["amount_words"] == "Ba mươi lăm triệu đồng"
    assert data["authority"] == "Chủ tịch Ủy ban nhân dân phường Phú Thượng"
    # The code covers the content: another decision, another code.
    other = decide(app, officer, ["XD-16-7a"])
    assert other["verification_code"] != issued["verification_code"]


def test_fonts_embedded_and_page_a4(app, officer):
    reader = PdfReader(io.BytesIO(decide(app, officer, ["XD-16-7a"])["pdf"]))
    fonts = {}
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - 595.28) < 1 and abs(float(box.height) - 841.89) < 1
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            name = re.sub(r"[^A-Za-z]", "", re.sub(r"^/?[A-Z]{6}\+", "", str(font["/BaseFont"])))
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts[name] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert {"LiberationSerif", "LiberationSerifBold", "LiberationSerifItalic"} <= set(fonts), fonts


def test_verification_qr_is_drawn_and_links_to_the_check(app, officer):
    issued = decide(app, officer, ["XD-16-7a"])
    url = issued["rendered_data"]["verification_url"]
    assert url in issued["text"]  # printed under the QR codes
    reader = PdfReader(io.BytesIO(issued["pdf"]))
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert url in links

    # WeasyPrint draws the SVG QR code as vector paths on the page that carries its caption: hundreds of
    # module edges ("x y l"), where the text, the rules and the dotted leaders (a pattern) draw a few.
    def segments(page) -> int:
        return len(re.findall(rb"[\d.]+ [\d.]+ l\n", page.get_contents().get_data()))

    page = next(p for p in reader.pages if "Quét để kiểm tra quyết định" in text_of_page(p))
    assert segments(page) > 300 and segments(reader.pages[0]) < 50
