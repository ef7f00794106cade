"""The decisions that correct (MQĐ39), amend (MQĐ38) or annul (MQĐ40) a sanction decision: their PDF wording,
numbers and template versions, what is owed afterwards, and the time bar (SPEC §1, §2, §6; D118 Art. 13–16)."""

import hashlib
from datetime import date

import pytest

from penalties.auth.models import User
from penalties.decisions.corrections import CorrectionInput, issue_correction
from penalties.decisions.documents import verification_code
from penalties.decisions.models import Decision
from penalties.decisions.queries import figures_on
from penalties.extensions import db
from penalties.law.errors import RuleViolation
from tests.decisions.test_decision_pdf import TREASURY, decide, text_of, treasury
from tests.helpers import Api, token_for

GROUNDS = (
    "Căn cứ khoản 3 Điều 18 Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012, được sửa đổi, bổ sung năm 2020 "
    "và năm 2025;"
)
D118 = "Nghị định số 118/2021/NĐ-CP ngày 23 tháng 12 năm 2021 của Chính phủ quy định chi tiết một số điều và biện pháp"
AMENDED_BY = "được sửa đổi, bổ sung bởi Nghị định số 68/2025/NĐ-CP"
ORIGINAL = "Quyết định xử phạt vi phạm hành chính số 01/QĐ-XPHC ngày 04/3/2026"
OF = "của Chủ tịch Ủy ban nhân dân phường Phú Thượng về việc xử phạt vi phạm hành chính đối với ông (bà) Đặng Thị Hường"


@pytest.fixture
def officer(app, client, users, acts):
    with app.app_context():
        db.session.get(User, users["officer"]).full_name = "Trần Văn Bình"
        db.session.get(User, users["chair"]).full_name = "Phạm Quốc Hùng"
        db.session.commit()
        return Api(client, token_for(users["officer"]))


@pytest.fixture
def original(app, officer):
    """A decision of 2026-03-04 on a house built without a permit, one mitigating circumstance: range (30 M, 35 M),
    the proposal 32,500,000 imposed."""
    treasury(app, **TREASURY)
    issued = decide(app, officer, ["XD-16-7a"], case={"mit": ["gn_1"]})
    assert issued["number"] == "1/QĐ-XPHC" and "32.500.000 đồng" in issued["text"]
    return issued["decision_id"]


def correct(app, decision_id: int, kind: str, issued_on: date, reason: str, today: date | None = None, **amounts):
    """Issue a correcting, amending or annulling decision; return what was stored, with the PDF's text."""
    with app.app_context():
        decision = issue_correction(
            db.session.get(Decision, decision_id),
            CorrectionInput(kind=kind, issued_on=issued_on, reason=reason, signer="chair", amounts=amounts or None),
            actor=None,
            today=today or issued_on,
        )
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
            "filename": document.filename,
        }
    result["text"] = text_of(result["pdf"])
    return result


def refused(app, decision_id: int, data: CorrectionInput, today: date) -> RuleViolation:
    with app.app_context():
        with pytest.raises(RuleViolation) as error:
            issue_correction(db.session.get(Decision, decision_id), data, actor=None, today=today)
        db.session.rollback()
    return error.value


def figures(app, decision_id: int, on: date):
    with app.app_context():
        return figures_on(db.session.get(Decision, decision_id), on)


def assert_common(issued: dict, version: str) -> None:
    """What every form of the three prints and stores: masthead, grounds, Điều 2–3, signature, QR, the data."""
    text, data = issued["text"], issued["rendered_data"]
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THƯỢNG",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THƯỢNG",
        GROUNDS,
        D118,
        AMENDED_BY,
        f"Căn cứ {ORIGINAL} của Chủ tịch Ủy ban nhân dân phường Phú Thượng;",
        "Xét đề nghị của",
        "QUYẾT ĐỊNH:",
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        "Giao cho ông (bà) Đặng Thị Hường là cá nhân có liên quan đến quyết định",
        "Ông (bà) Đặng Thị Hường có quyền khiếu nại hoặc khởi kiện hành chính đối với Quyết định này",
        "Gửi cho ông (bà) Trần Văn Bình",
        "để tổ chức thực hiện./.",
        "Nơi nhận: - Như Điều 3; - Lưu: Hồ sơ.",
        "Phạm Quốc Hùng",
        "Quét để kiểm tra quyết định",
        "NGƯỜI NHẬN QUYẾT ĐỊNH",
    ):
        assert expected in text, expected
    # Not the sanction decision's form.
    assert "Xử phạt vi phạm hành chính đối với" not in text and "Bị áp dụng hình thức xử phạt" not in text
    assert issued["template_version"] == data["template_version"] == version
    assert issued["sha256"] == hashlib.sha256(issued["pdf"]).hexdigest()
    assert verification_code(data) == issued["verification_code"]
    assert data["verification_url"].endswith(f"/verify/{issued['verification_code']}")
    assert "verification_qr" not in data
    assert data["original"]["number_text"] == "01/QĐ-XPHC" and data["original"]["issued_on"]["text"] == "04/3/2026"


def test_correction_follows_mqd39(app, original):
    reason = (
        "Điểm a khoản 6 Điều 1 đã viết là: “Ba mươi hai triệu đồng”; "
        "nay sửa lại là: “Ba mươi hai triệu năm trăm nghìn đồng”"
    )
    issued = correct(app, original, "correction", date(2026, 3, 6), reason)
    text = issued["text"]
    for expected in (
        "Số: 01/QĐ-ĐC",
        "Phú Thượng, ngày 06 tháng 3 năm 2026",
        "QUYẾT ĐỊNH Đính chính quyết định trong xử phạt vi phạm hành chính CHỦ TỊCH ỦY BAN NHÂN DÂN",
        "Căn cứ Điều 14, Điều 15 Nghị định số 118/2021/NĐ-CP",
        f"1. Đính chính Quyết định số: 01/QĐ-XPHC ngày 04/3/2026 {OF}.",
        "2. Lý do đính chính Quyết định số: 01/QĐ-XPHC: Quyết định có sai sót về kỹ thuật soạn thảo (khoản 1 Điều 14",
        f"3. Nội dung đính chính Quyết định số: 01/QĐ-XPHC: {reason}.",
        "có liên quan đến quyết định được đính chính tại Điều 1",
        "2. Gửi cho Kho bạc Nhà nước khu vực I để thu tiền phạt.",
        "3. Gửi cho ông (bà) Trần Văn Bình",
    ):
        assert expected in text, expected
    assert_common(issued, "mqd39-2021.1")
    assert issued["filename"] == "quyet-dinh-1-QD-DC.pdf"
    # A correction changes no figure.
    assert figures(app, original, date(2026, 3, 6)).total == 32_500_000


def test_amendment_follows_mqd38_and_sets_the_fine_owed(app, original):
    reason = "Áp dụng mức phạt chưa phù hợp với tình tiết giảm nhẹ"
    issued = correct(app, original, "amendment", date(2026, 3, 10), reason, **{"XD-16-7a": 31_000_000})
    text = issued["text"]
    for expected in (
        "Số: 01/QĐ-SĐBS",
        "QUYẾT ĐỊNH Sửa đổi, bổ sung, hủy bỏ một phần quyết định trong xử phạt vi phạm hành chính CHỦ TỊCH",
        "Căn cứ Điều 14, Điều 15 Nghị định số 118/2021/NĐ-CP",
        f"1. Sửa đổi, bổ sung, hủy bỏ một phần Quyết định số: 01/QĐ-XPHC ngày 04/3/2026 {OF}.",
        f"2. Lý do sửa đổi, bổ sung, hủy bỏ một phần Quyết định số: 01/QĐ-XPHC: {reason}.",
        "3. Nội dung sửa đổi, bổ sung, hủy bỏ một phần Quyết định số: 01/QĐ-XPHC: "
        "a) Sửa đổi, bổ sung điểm a khoản 6 Điều 1 như sau: “a) Hình thức xử phạt chính: Phạt tiền.",
        "Cụ thể: Phạt tiền 31.000.000 đồng (Bằng chữ: Ba mươi mốt triệu đồng.)”",
        "có liên quan đến quyết định được sửa đổi, bổ sung, hủy bỏ một phần tại Điều 1",
        "2. Gửi cho Kho bạc Nhà nước khu vực I để thu tiền phạt.",
    ):
        assert expected in text, expected
    assert_common(issued, "mqd38-2021.1")
    data = issued["rendered_data"]
    assert data["sanction"]["total"] == 31_000_000 and data["sanction"]["total_words"] == "Ba mươi mốt triệu đồng"
    assert [(line["act_code"], line["amount"]) for line in data["lines"]] == [("XD-16-7a", 31_000_000)]
    # What is owed follows the decision in force: the original before the amendment, the amendment after.
    assert figures(app, original, date(2026, 3, 9)).total == 32_500_000
    after = figures(app, original, date(2026, 3, 10))
    assert after.total == 31_000_000 and after.outstanding == 31_000_000


def test_amendment_of_several_acts_prints_each_fine_and_the_total(app, officer):
    issued = decide(app, officer, ["XD-16-7a", "GT-12-7"], case={"mit": ["gn_1"]})
    amended = correct(
        app,
        issued["decision_id"],
        "amendment",
        date(2026, 3, 10),
        "Sai mức phạt",
        **{"XD-16-7a": 31_000_000, "GT-12-7": 2_100_000},
    )
    text = amended["text"]
    for expected in (
        "Cụ thể: - Hành vi thứ nhất (điểm a khoản 7 Điều 16 Nghị định 16/2022/NĐ-CP): phạt tiền 31.000.000 đồng "
        "(Bằng chữ: Ba mươi mốt triệu đồng.);",
        "- Hành vi thứ hai (khoản 7 Điều 12 Nghị định 168/2024/NĐ-CP): phạt tiền 2.100.000 đồng "
        "(Bằng chữ: Hai triệu một trăm nghìn đồng.);",
        "Tổng số tiền phạt là: 33.100.000 đồng (Bằng chữ: Ba mươi ba triệu một trăm nghìn đồng.)”",
    ):
        assert expected in text, expected
    assert figures(app, issued["decision_id"], date(2026, 3, 10)).total == 33_100_000


def test_annulment_follows_mqd40_and_nothing_more_is_owed(app, original):
    reason = "Không đúng đối tượng vi phạm (điểm a khoản 1 Điều 13 Nghị định số 118/2021/NĐ-CP)."
    issued = correct(app, original, "annulment", date(2026, 4, 1), reason)
    text = issued["text"]
    for expected in (
        "Số: 01/QĐ-HB",
        "Phú Thượng, ngày 01 tháng 4 năm 2026",
        "QUYẾT ĐỊNH Hủy bỏ quyết định trong xử phạt vi phạm hành chính CHỦ TỊCH ỦY BAN NHÂN DÂN",
        "Căn cứ Điều 13, Điều 15 Nghị định số 118/2021/NĐ-CP",
        f"1. Hủy bỏ Quyết định số: 01/QĐ-XPHC ngày 04/3/2026 {OF}.",
        f"2. Lý do hủy bỏ Quyết định số: 01/QĐ-XPHC: {reason}",
        "3. Kể từ ngày Quyết định này có hiệu lực, ông (bà) Đặng Thị Hường không phải chấp hành Quyết định số "
        "01/QĐ-XPHC ngày 04/3/2026; không phải nộp số tiền phạt và tiền chậm nộp phạt còn lại theo Quyết định đó.",
        "có liên quan đến quyết định bị hủy bỏ tại Điều 1",
        "2. Gửi cho Kho bạc Nhà nước khu vực I để biết và phối hợp thực hiện.",
        "3. Gửi cho ông (bà) Trần Văn Bình",
    ):
        assert expected in text, expected
    assert "để thu tiền phạt" not in text and "Bằng chữ" not in text
    assert_common(issued, "mqd40-2021.1")
    before = figures(app, original, date(2026, 3, 31))
    assert before.status != "annulled" and before.outstanding == 32_500_000
    after = figures(app, original, date(2026, 4, 1))
    assert after.status == "annulled" and after.outstanding == 0 and after.total == 0
    # Nothing follows an annulment.
    error = refused(app, original, CorrectionInput("correction", date(2026, 4, 2), "x", "chair"), date(2026, 4, 2))
    assert error.code == "decision_annulled"


def test_correction_after_one_year_is_time_barred_but_annulment_is_not(app, original):
    late = date(2027, 3, 5)  # the decision of 2026-03-04 may be corrected up to and including 2027-03-04
    for kind in ("correction", "amendment"):
        data = CorrectionInput(kind, late, "Sai sót", "chair", {"XD-16-7a": 31_000_000})
        assert refused(app, original, data, late).code == "correction_time_barred"
    issued = correct(app, original, "annulment", late, "Vi phạm quy định về thẩm quyền ban hành quyết định")
    assert issued["number"] == "1/QĐ-HB" and "Phú Thượng, ngày 05 tháng 3 năm 2027" in issued["text"]
    assert figures(app, original, late).status == "annulled"


def test_amendment_outside_the_lawful_range_is_refused(app, original):
    for amount in (36_000_000, 30_000_000):  # one mitigating: strictly between 30 M and 35 M
        data = CorrectionInput("amendment", date(2026, 3, 10), "Sai mức phạt", "chair", {"XD-16-7a": amount})
        error = refused(app, original, data, date(2026, 3, 10))
        assert error.code == "fine_out_of_range" and error.field == "amounts.XD-16-7a"
    assert figures(app, original, date(2026, 3, 10)).total == 32_500_000
