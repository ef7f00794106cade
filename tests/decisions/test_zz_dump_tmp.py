from datetime import date
from tests.decisions.test_correction_pdf import *  # noqa
from tests.decisions.test_decision_pdf import decide

def test_dump(app, original, officer):
    for kind, day, reason, amounts in (
        ("correction", date(2026, 3, 6), "Điểm a khoản 6 Điều 1 đã viết là: “Ba mươi hai triệu đồng”; nay sửa lại là: “Ba mươi hai triệu năm trăm nghìn đồng”", {}),
        ("amendment", date(2026, 3, 10), "Áp dụng mức phạt chưa phù hợp với tình tiết giảm nhẹ", {"XD-16-7a": 31_000_000}),
        ("annulment", date(2026, 4, 1), "Không đúng đối tượng vi phạm (điểm a khoản 1 Điều 13 Nghị định số 118/2021/NĐ-CP).", {}),
    ):
        issued = correct(app, original, kind, day, reason, **amounts)
        open(f"/tmp/mqd38/{kind}.pdf", "wb").write(issued["pdf"])
    two = decide(app, officer, ["XD-16-7a", "GT-12-7"], case={"mit": ["gn_1"]})
    issued = correct(app, two["decision_id"], "amendment", date(2026, 3, 10), "Sai mức phạt", **{"XD-16-7a": 31_000_000, "GT-12-7": 2_100_000})
    open("/tmp/mqd38/amendment2.pdf", "wb").write(issued["pdf"])
