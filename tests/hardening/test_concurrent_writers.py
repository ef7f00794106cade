"""Several people writing at once, on the embedded SQLite as on PostgreSQL (issue: hardening, point 7): twelve
decisions issued at once from one ward, a payment submitted six times at once, two decisions posted for one case
at once — every request answers its lawful status (201, 409), never a 500; the numbering stays gap-free."""

import threading

import pytest

from tests.cases.test_api_cases import case_body
from tests.helpers import Api, token_for


def _at_once(app, token: str, calls: list[tuple[str, dict]]) -> list:
    """Send the calls from as many threads, released together; return each response's (status, JSON)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index: int, path: str, body: dict) -> None:
        api = Api(app.test_client(), token)
        barrier.wait()
        response = api.post(path, body)
        results[index] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=run, args=(i, path, body)) for i, (path, body) in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


@pytest.fixture
def legal(app, client, users, acts):
    with app.app_context():
        token = token_for(users["legal"])
    return token, Api(client, token)


def _recorded(api, count: int) -> list[int]:
    ids = []
    for _ in range(count):
        response = api.post("/cases", case_body(["GT-7-2h"], "2026-03-02"))
        assert response.status_code == 201, response.get_json()
        ids.append(response.get_json()["id"])
    return ids


def test_twelve_decisions_issued_at_once_from_one_ward(app, legal):
    token, api = legal
    ids = _recorded(api, 12)
    body = {"signer": "chair", "issued_on": "2026-03-04"}
    results = _at_once(app, token, [(f"/cases/{case_id}/decision", body) for case_id in ids])
    assert [status for status, _ in results] == [201] * 12, results
    numbers = sorted(int(answer["number"].split("/")[0]) for _, answer in results)
    assert numbers == list(range(1, 13))


def test_a_payment_submitted_six_times_at_once_is_stored_once(app, legal):
    token, api = legal
    case_id = _recorded(api, 1)[0]
    decision = api.post(f"/cases/{case_id}/decision", {"signer": "chair", "issued_on": "2026-03-04"}).get_json()
    api.post(f"/decisions/{decision['id']}/delivery", {"delivered_on": "2026-03-05", "method": "in_person"})
    payment = {"amount": 100_000, "paid_on": "2026-03-06", "method": "cash", "receipt_no": "BL-0006"}
    results = _at_once(app, token, [(f"/decisions/{decision['id']}/payments", payment)] * 6)
    statuses = sorted(status for status, _ in results)
    assert statuses == [201, 409, 409, 409, 409, 409], results
    assert {answer["error"]["code"] for status, answer in results if status == 409} == {"duplicate_receipt"}
    assert len(api.get(f"/decisions/{decision['id']}/payments").get_json()["items"]) == 1


@pytest.mark.parametrize("attempt", range(5))
def test_two_decisions_posted_for_one_case_at_once(app, legal, attempt):
    token, api = legal
    case_id = _recorded(api, 1)[0]
    body = {"signer": "chair", "issued_on": "2026-03-04"}
    results = _at_once(app, token, [(f"/cases/{case_id}/decision", body)] * 2)
    assert sorted(status for status, _ in results) == [201, 409], results
    refused = next(answer for status, answer in results if status == 409)
    assert refused["error"]["code"] == "decision_exists"
