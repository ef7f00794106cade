"""The reduction decision (MQĐ04; Law Art. 77): its grounds cite the postponement it follows, the amount remitted
in figures and in words, what is left to pay; the exemption of the rest (QĐ-MTP) cites the reduction."""

import os

from penalties.core.documents import StoredDocument
from penalties.extensions import db
from penalties.payments.models import Reduction
from tests.decisions.test_decision_pdf import TREASURY, text_of, treasury
from tests.payments.money import HARDSHIP, delivered
from tests.payments.test_payment_pdfs import HEADER, LAW


def _pdf(app, reduction_id: int) -> bytes:
    with app.app_context():
        reduction = db.session.get(Reduction, reduction_id)
        content = db.session.get(StoredDocument, reduction.document_id).content
    if os.environ.get("PENALTIES_KEEP_PDF"):  # to look at it: PENALTIES_KEEP_PDF=/tmp pytest …
        with open(os.path.join(os.environ["PENALTIES_KEEP_PDF"], f"mqd04-{reduction_id}.pdf"), "wb") as out:
            out.write(content)
    return content


def test_reduction_and_exemption_follow_mqd04(app, api):
    treasury(app, **TREASURY)
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    postponed = {"requested_on": "2026-03-05", "hardship": HARDSHIP, "until": "2026-06-05"}
    assert api["legal"].post(f"/decisions/{did}/postponement", postponed).get_json()["number"] == "1/QĐ-HQĐPT"
    certified = "Ủy ban nhân dân phường Phú Thượng, ngày 31/3/2026"
    body = {"requested_on": "2026-04-01", "decided_on": "2026-04-03", "hardship": certified, "kind": "reduce"}
    reduced = api["legal"].post(f"/decisions/{did}/reduction", {**body, "amount": 2_000_000}).get_json()
    text = text_of(_pdf(app, reduced["id"]))
    for expected in (
        *HEADER,
        "QUYẾT ĐỊNH",
        "Giảm tiền phạt vi phạm hành chính",
        f"Căn cứ Điều 77 {LAW}",
        "Căn cứ Quyết định số: 01/QĐ-HQĐPT ngày 05/3/2026 hoãn thi hành quyết định phạt tiền;",
        "Xét Đơn đề nghị giảm tiền phạt vi phạm hành chính ngày 01/4/2026",
        "được Ủy ban nhân dân phường Phú Thượng xác nhận ngày 31/3/2026.",
        "được giảm là: 2.000.000 đồng",
        "Bằng chữ: Hai triệu đồng",
        "Số tiền phạt còn phải nộp là: 3.000.000 đồng",
        "có quyền khiếu nại hoặc khởi kiện hành chính",
    ):
        assert expected in text, expected
    assert reduced["number"].split("/")[1] == "QĐ-GTP"
    exempt = {"requested_on": "2026-04-20", "decided_on": "2026-04-22", "hardship": HARDSHIP, "kind": "exempt"}
    exempted = api["legal"].post(f"/decisions/{did}/reduction", exempt).get_json()
    text = text_of(_pdf(app, exempted["id"]))
    for expected in (
        "Miễn phần còn lại tiền phạt vi phạm hành chính",
        "Căn cứ Quyết định số: 01/QĐ-GTP ngày 03/4/2026 giảm tiền phạt;",  # the reduction it follows
        "được miễn phần còn lại là: 3.000.000 đồng",
        "Bằng chữ: Ba triệu đồng",
    ):
        assert expected in text, expected
    assert "còn phải nộp" not in text
