"""Corrections from the decision page: a new linked decision, never an edit of the original."""

from tests.decisions.test_api_decisions import issue, recorded
from tests.helpers import csrf_from, sign_in


def test_amend_from_the_page_then_the_money_follows_the_amendment(app, client, api, users):
    from penalties.decisions.models import Decision
    from penalties.extensions import db

    case = recorded(api, ["XD-16-7a"], "2026-03-02", mit=["gn_1"])
    original = issue(
        api, case["id"], "2026-03-04", fines=[{"act": "XD-16-7a", "amount": 34_000_000, "reason": "Mức ban đầu"}]
    ).get_json()
    sign_in(client, users["legal"])
    page = client.get(f"/decisions/{original['id']}").get_data(as_text=True)
    assert "Đính chính, sửa đổi, hủy bỏ" in page
    response = client.post(
        f"/decisions/{original['id']}/corrections",
        data={
            "csrf_token": csrf_from(page),
            "c-kind": "amendment",
            "c-issued_on": "10/03/2026",
            "c-signer": "chair",
            "c-reason": "Giảm mức phạt theo kết quả giải trình",
            "c-amounts-0-act": "XD-16-7a",
            "c-amounts-0-amount": "31000000",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        amendment = db.session.get(Decision, original["id"] + 1)
        assert amendment.kind == "amendment" and amendment.number == "1/QĐ-SĐBS"
        assert amendment.amends_id == original["id"] and amendment.fine_total == 31_000_000
        assert db.session.get(Decision, original["id"]).fine_total == 34_000_000  # never edited
    figures = api["legal"].get(f"/decisions/{original['id']}?on=2026-03-11").get_json()
    assert figures["fine_total_in_force"] == 31_000_000 and figures["replaced_by"] == original["id"] + 1
    assert "1/QĐ-SĐBS" in client.get(f"/decisions/{original['id']}").get_data(as_text=True)
