"""Helpers of the money and appeals tests: a decision issued and delivered through the API."""

from tests.decisions.test_api_decisions import issue, recorded


def delivered(api, acts, recorded_on, issued_on, delivered_on, **kw):
    """Return the id of a decision issued and delivered through the API."""
    case = recorded(api, acts, recorded_on, **kw)
    response = issue(api, case["id"], issued_on)
    assert response.status_code == 201, response.get_json()
    decision = response.get_json()
    answer = api["legal"].post(
        f"/decisions/{decision['id']}/delivery", {"delivered_on": delivered_on, "method": "in_person"}
    )
    assert answer.status_code == 200, answer.get_json()
    return decision["id"]


def pay(api, decision_id, amount, paid_on, receipt, method="bank_transfer"):
    return api["legal"].post(
        f"/decisions/{decision_id}/payments",
        {"amount": amount, "paid_on": paid_on, "method": method, "receipt_no": receipt},
    )


def figures(api, decision_id, on):
    response = api["legal"].get(f"/decisions/{decision_id}?on={on}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def code(response):
    return response.get_json()["error"]["code"]


HARDSHIP = "Hoàn cảnh kinh tế đặc biệt khó khăn, có xác nhận của UBND phường Phú Thượng ngày 05/3/2026"
