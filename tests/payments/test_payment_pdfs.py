"""The PDFs of the decisions that follow a sanction decision: postponement (MQĐ03), installments (MQĐ05) and
enforcement (MQĐ12c); their wording, amounts in words, dates, signer, and storage once (SPEC §6, §6b)."""

import hashlib
from datetime import date

import pytest

from penalties.auth.models import User
from penalties.core.documents import StoredDocument
from penalties.decisions.models import Decision
from penalties.extensions import db
from penalties.payments.documents import (
    MEASURE_LABELS,
    enforcement_data,
    installment_data,
    issue_relief_document,
    postponement_data,
)
from penalties.payments.models import Enforcement, Installment, InstallmentPlan, Postponement
from tests.cases.test_api_cases import person
from tests.decisions.test_api_decisions import issue, recorded
from tests.decisions.test_decision_pdf import TREASURY, text_of, treasury
from tests.helpers import make_user

HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THƯỢNG")
LAW = "Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012, được sửa đổi, bổ sung năm 2020 và năm 2025"
CERTIFIED = "Ủy ban nhân dân phường Phú Thượng xác nhận ngày 06/3/2026"


@pytest.fixture
def decision_id(app, api, users):
    """A fine of 35,000,000 on Đặng Thị Hường (XD-16-7a), recorded 2026-03-02, issued 2026-03-04 by the chairman,
    delivered 2026-03-05."""
    with app.app_context():
        db.session.get(User, users["officer"]).full_name = "Trần Văn Bình"
        db.session.get(User, users["chair"]).full_name = "Phạm Quốc Hùng"
        db.session.commit()
    treasury(app, **TREASURY)
    return _delivered(api, "chair")


def _delivered(api, signer: str) -> int:
    case = recorded(api, ["XD-16-7a"], "2026-03-02", violator=person("Đặng Thị Hường"))
    response = issue(api, case["id"], "2026-03-04", signer=signer)
    assert response.status_code == 201, response.get_json()
    decision = response.get_json()
    assert decision["fine_total"] == 35_000_000
    delivered = api["legal"].post(
        f"/decisions/{decision['id']}/delivery", {"delivered_on": "2026-03-05", "method": "in_person"}
    )
    assert delivered.status_code == 200, delivered.get_json()
    return decision["id"]


def issued(app, build, data_of, actor_id: int) -> dict:
    """Add the record `build()` returns, issue its PDF and commit; return what was stored, with the PDF's text."""
    with app.app_context():
        record = build()
        db.session.add(record)
        db.session.flush()
        document = issue_relief_document(record, actor=db.session.get(User, actor_id))
        db.session.commit()
        assert record.document_id == document.id
        again = issue_relief_document(record, actor=None)  # rendered once: the stored document is kept
        stored = db.session.get(StoredDocument, document.id)
        result = {
            "pdf": stored.content,
            "sha256": stored.sha256,
            "kind": stored.kind,
            "filename": stored.filename,
            "template_version": stored.template_version,
            "rendered_data": stored.rendered_data,
            "created_by_id": stored.created_by_id,
            "data": data_of(record),
            "again": again.id == document.id,
        }
    result["text"] = text_of(result["pdf"])
    return result


def assert_stored(result: dict, kind: str, version: str, number: str, actor_id: int) -> None:
    assert result["pdf"].startswith(b"%PDF") and result["again"]
    assert hashlib.sha256(result["pdf"]).hexdigest() == result["sha256"]
    assert result["kind"] == kind and result["template_version"] == version
    assert result["rendered_data"] == result["data"] and result["rendered_data"]["number"] == number
    assert result["created_by_id"] == actor_id
    for expected in HEADER:
        assert expected in result["text"]


def test_postponement_follows_mqd03(app, decision_id, users):
    def build():
        return Postponement(
            decision_id=decision_id,
            number="1/QĐ-HQĐPT",
            requested_on=date(2026, 3, 6),
            decided_on=date(2026, 3, 9),
            until_on=date(2026, 6, 9),
            hardship=CERTIFIED,
            created_by_id=users["legal"],
        )

    result = issued(app, build, postponement_data, users["legal"])
    assert_stored(result, "postponement_pdf", "mqd03-2021.1", "1/QĐ-HQĐPT", users["legal"])
    assert result["filename"] == "quyet-dinh-1-QD-HQDPT.pdf"
    text = result["text"]
    for expected in (
        "Số: 01/QĐ-HQĐPT",
        "Phú Thượng, ngày 09 tháng 3 năm 2026",
        "QUYẾT ĐỊNH Hoãn thi hành quyết định phạt tiền CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THƯỢNG",
        f"Căn cứ Điều 76 {LAW};",
        "Căn cứ Quyết định số: 01/QĐ-XPHC ngày 04/3/2026 xử phạt vi phạm hành chính;",
        "Xét Đơn đề nghị hoãn chấp hành quyết định xử phạt vi phạm hành chính ngày 06/3/2026 của ông (bà) Đặng Thị "
        f"Hường được {CERTIFIED}.",
        "1. Hoãn thi hành quyết định phạt tiền theo Quyết định số: 01/QĐ-XPHC đối với ông (bà) có tên sau đây:",
        "Họ và tên: Đặng Thị Hường",
        "2. Thời gian hoãn thi hành quyết định phạt tiền từ ngày 09/3/2026 đến ngày 09/6/2026.",
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        "1. Giao cho ông (bà) Đặng Thị Hường là cá nhân được hoãn thi hành quyết định phạt tiền có tên tại Điều 1",
        "phải tiếp tục chấp hành quyết định phạt tiền, nếu không tự nguyện chấp hành thì sẽ bị cưỡng chế",
        "tài khoản số: 7111000123456 của Kho bạc Nhà nước khu vực I",
        "2. Gửi cho ông (bà) Trần Văn Bình",
        "3. Gửi cho Kho bạc Nhà nước khu vực I để biết và phối hợp thực hiện./.",
        "Nơi nhận: - Như Điều 3; - Lưu: Hồ sơ.",
        "CHỦ TỊCH",
        "Phạm Quốc Hùng",
        "Quyết định đã giao trực tiếp cho cá nhân được hoãn thi hành quyết định phạt tiền vào hồi",
    ):
        assert expected in text, expected
    assert "Quét để kiểm tra" not in text  # /verify knows sanction decisions only
    data = result["rendered_data"]
    assert data["until_on"]["date"] == "2026-06-09" and data["certified_by"]["says_certified"]


def test_installments_follow_mqd05(app, decision_id, users):
    def build():
        plan = InstallmentPlan(
            decision_id=decision_id,
            number="1/QĐ-NPNL",
            requested_on=date(2026, 3, 6),
            decided_on=date(2026, 3, 9),
            hardship="Ủy ban nhân dân phường Phú Thượng, ngày 06/3/2026",  # "<who certified, when>" (API.md)
            created_by_id=users["legal"],
        )
        plan.installments = [
            Installment(seq=1, due_on=date(2026, 3, 20), amount=14_000_000),
            Installment(seq=2, due_on=date(2026, 5, 15), amount=21_000_000),
        ]
        return plan

    result = issued(app, build, installment_data, users["legal"])
    assert_stored(result, "installment_pdf", "mqd05-2021.1", "1/QĐ-NPNL", users["legal"])
    text = result["text"]
    for expected in (
        "Số: 01/QĐ-NPNL",
        "QUYẾT ĐỊNH Nộp tiền phạt nhiều lần CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ THƯỢNG",
        f"Căn cứ Điều 79 {LAW};",
        "Xét Đơn đề nghị nộp tiền phạt nhiều lần ngày 06/3/2026 của ông (bà) Đặng Thị Hường được Ủy ban nhân dân "
        "phường Phú Thượng xác nhận ngày 06/3/2026.",
        "1. Cho phép nộp tiền phạt nhiều lần theo Quyết định số: 01/QĐ-XPHC đối với ông (bà) có tên sau đây:",
        "Đặng Thị Hường",
        # 2026-03-04 + 2 months = 2026-05-04 < 2026-05-15: three months
        "2. Thời hạn nộp tiền phạt nhiều lần là: 03 tháng, kể từ ngày Quyết định số: 01/QĐ-XPHC có hiệu lực.",
        "a) Số tiền nộp phạt lần thứ nhất là: 14.000.000 đồng (Bằng chữ: Mười bốn triệu đồng);",
        "b) Số tiền nộp phạt lần thứ hai là: 21.000.000 đồng (Bằng chữ: Hai mươi mốt triệu đồng).",
        "Lần thứ nhất 20/3/2026 14.000.000 Mười bốn triệu đồng",
        "Lần thứ hai 15/5/2026 21.000.000 Hai mươi mốt triệu đồng",
        "Tổng cộng 35.000.000 Ba mươi lăm triệu đồng",
        "cứ mỗi ngày chậm nộp phạt phải nộp thêm 0,05% tính trên số tiền phạt chưa nộp của lần đó",
        "là cá nhân được nộp tiền phạt nhiều lần có tên tại Điều 1 Quyết định này để chấp hành.",
        "Hết thời hạn nộp tiền phạt nhiều lần quy định tại khoản 2 Điều 1 Quyết định này, ông (bà) Đặng Thị Hường "
        "không tự nguyện chấp hành thì sẽ bị cưỡng chế",
        "3. Gửi cho Kho bạc Nhà nước khu vực I để biết và phối hợp thực hiện./.",
        "Phạm Quốc Hùng",
    ):
        assert expected in text, expected
    assert "mười bốn triệu đồng" in text.lower()
    assert [i["due_on"]["date"] for i in result["rendered_data"]["installments"]] == ["2026-03-20", "2026-05-15"]


@pytest.mark.parametrize("measure", ["salary_deduction", "third_party_collection"])
def test_enforcement_follows_mqd12c(app, decision_id, users, measure):
    # Payment due 2026-03-15 (delivered 2026-03-05 + 10 days); 2026-03-16 … 2026-04-19 late: 35 days × 17,500.
    def build():
        decision = db.session.get(Decision, decision_id)
        return Enforcement(
            decision_id=decision_id,
            unit_id=decision.unit_id,
            year=2026,
            seq=1,
            number="1/QĐ-CCXP",
            decided_on=date(2026, 4, 20),
            measure=measure,
            amount=35_000_000,
            late_fee=612_500,
            note="Đã lập biên bản về việc không chấp hành quyết định xử phạt ngày 17/3/2026.",
            created_by_id=users["legal"],
        )

    result = issued(app, build, enforcement_data, users["legal"])
    assert_stored(result, "enforcement_pdf", "mqd12c-2021.1", "1/QĐ-CCXP", users["legal"])
    text = result["text"]
    # The measure as the Law names it (Art. 86(1)); the form's own words for collecting from a third party.
    label = MEASURE_LABELS[measure]
    action = "thu tiền, tài sản" if measure == "third_party_collection" else label[:1].lower() + label[1:]
    for expected in (
        "Số: 01/QĐ-CCXP",
        "Phú Thượng, ngày 20 tháng 4 năm 2026",
        "QUYẾT ĐỊNH Cưỡng chế thi hành quyết định xử phạt vi phạm hành chính CHỦ TỊCH ỦY BAN NHÂN DÂN",
        f"Căn cứ Điều 28, Điều 70, Điều 86, Điều 87 {LAW};",
        "Nghị định số 296/2025/NĐ-CP ngày 16 tháng 11 năm 2025 của Chính phủ quy định về cưỡng chế thi hành quyết "
        "định xử phạt vi phạm hành chính;",
        "/BB-XMCC",
        "Để bảo đảm thi hành Quyết định số: 01/QĐ-XPHC ngày 04/3/2026 xử phạt vi phạm hành chính. QUYẾT ĐỊNH:",
        f"1. Cưỡng chế {action} để thi hành quyết định xử phạt vi phạm hành chính để bảo đảm thi hành Quyết định "
        "số: 01/QĐ-XPHC đối với ông (bà) có tên sau đây:",
        "Đặng Thị Hường",
        "2. Lý do cưỡng chế thu tiền, tài sản: Không tự nguyện chấp hành Quyết định số: 01/QĐ-XPHC ngày 04/3/2026",
        "Đã lập biên bản về việc không chấp hành quyết định xử phạt ngày 17/3/2026.",
        "3. Số tiền phải thu: 35.612.500 đồng (gồm tiền phạt còn phải nộp 35.000.000 đồng và tiền chậm nộp phạt "
        "tính đến ngày 20/4/2026 là 612.500 đồng)",
        "(Bằng chữ: Ba mươi lăm triệu sáu trăm mười hai nghìn năm trăm đồng.)",
        "qua tài khoản số: 7111000123456 của Kho bạc Nhà nước khu vực I",
        "Cá nhân/Tổ chức đang giữ tiền, tài sản:",
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 20/4/2026.",
        "1. Giao cho ông (bà) bị cưỡng chế thi hành quyết định xử phạt vi phạm hành chính có tên tại Điều 1",
        "phải chịu mọi chi phí về việc tổ chức thực hiện cưỡng chế",
        "để nộp tiền vào ngân sách nhà nước",
        "để tổ chức thực hiện.",
        "để biết và phối hợp thực hiện./.",
        "Nơi nhận: - Như Điều 3; - Lưu: Hồ sơ.",
        "Phạm Quốc Hùng",
    ):
        assert expected in text, expected
    assert ("tẩu tán tiền, tài sản" in text) == (measure == "third_party_collection")
    data = result["rendered_data"]
    assert data["measure_label"] == MEASURE_LABELS[measure] and data["total"] == 35_612_500


def test_forced_remedial_measures(app, decision_id, users):
    def build():
        decision = db.session.get(Decision, decision_id)
        return Enforcement(
            decision_id=decision_id,
            unit_id=decision.unit_id,
            year=2026,
            seq=2,
            number="2/QĐ-CCXP",
            decided_on=date(2026, 4, 20),
            measure="remedial_enforcement",
            amount=35_000_000,
            late_fee=612_500,
            created_by_id=users["legal"],
        )

    text = issued(app, build, enforcement_data, users["legal"])["text"]
    for expected in (
        "Căn cứ Điều 41 Nghị định số 296/2025/NĐ-CP",
        "1. Cưỡng chế buộc thực hiện biện pháp khắc phục hậu quả đối với ông (bà) có tên sau đây:",
        "a) Biện pháp: Buộc phá dỡ công trình, phần công trình xây dựng vi phạm.",
        "Thời gian thực hiện:",
        "Điều 3. Quyết định này được:",
    ):
        assert expected in text, expected
    assert "BB-XMCC" not in text and "Số tiền phải thu" not in text


def test_a_deputy_signs_as_he_signed_the_sanction_decision(app, api, users):
    """Law Art. 76, 79: the official who made the sanction decision decides; a deputy signs "KT." again."""
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
    decision_id = _delivered(api, "phochutich")

    def build():
        return Postponement(
            decision_id=decision_id,
            number="2/QĐ-HQĐPT",
            requested_on=date(2026, 3, 6),
            decided_on=date(2026, 3, 9),
            until_on=date(2026, 5, 9),
            hardship=CERTIFIED,
            created_by_id=users["legal"],
        )

    result = issued(app, build, postponement_data, users["legal"])
    text = result["text"]
    for expected in (
        "Căn cứ Quyết định số 05/QĐ-GQXP ngày 05/01/2026 về việc giao quyền xử phạt vi phạm hành chính;",
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Lê Thị Thu Hà",
        "Gửi cho ",
    ):
        assert expected in text, expected
    assert "Kho bạc" not in text  # no Treasury configured in this test
