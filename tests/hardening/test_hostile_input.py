"""Hostile input answers a clear 4xx, never a 500 (issue: hardening, point 2): ids beyond the database's integer,
NUL bytes and lone surrogates, deeply nested JSON, dates outside the calendar."""

import pytest

from penalties.core.inputs import IdConverter
from tests.cases.test_api_cases import case_body
from tests.helpers import Api, post_form, sign_in, token_for

HUGE_IDS = (10_000_000_000_000_000_001, 2_147_483_648)
# The roles whose permissions together open every route that takes an id.
ROLES_TRIED = ("legal", "board", "admin")


def _id_routes(app):
    for rule in app.url_map.iter_rules():
        if "<int:" in rule.rule:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def _url(rule, value: int) -> str:
    values = {name: value if isinstance(rule._converters[name], IdConverter) else "cases" for name in rule.arguments}
    return rule.build(values, append_unknown=False)[1]


def test_every_int_route_uses_the_id_converter(app):
    rules = [rule for rule, _ in _id_routes(app)]
    assert len(rules) > 40
    for rule in rules:
        ints = [name for name in rule.arguments if f"<int:{name}>" in rule.rule]
        assert all(isinstance(rule._converters[name], IdConverter) for name in ints), rule.rule


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_an_id_beyond_the_database_integer_is_not_found_on_every_route(app, users, huge):
    failures = []
    for role in ROLES_TRIED:
        client = app.test_client()
        sign_in(client, users[role])
        with app.app_context():
            token = token_for(users[role])
        for rule, method in _id_routes(app):
            url = _url(rule, huge)
            api = url.startswith("/api/")
            headers = {"Authorization": f"Bearer {token}"} if api else {}
            response = client.open(url, method=method, headers=headers, json={} if api else None)
            if response.status_code != 404:
                failures.append(f"{role} {method} {url}: {response.status_code}")
    assert failures == []


@pytest.fixture
def officer(app, client, users, acts):
    with app.app_context():
        return Api(client, token_for(users["officer"]))


@pytest.mark.parametrize("bad", ["Nguyễn\x00Văn An", "Nguyễn \ud800", "A\x1bB"])
def test_text_the_database_cannot_store_is_refused_naming_the_field(officer, bad):
    body = case_body(["GT-7-2h"], "2026-03-02")
    body["violator"]["name"] = bad
    response = officer.post("/cases", body)
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == "validation_error" and "violator.name" in error["fields"]
    assert officer.get("/cases").get_json()["items"] == []


def test_a_lone_surrogate_escaped_in_the_json_text_is_refused(officer):
    raw = (
        b'{"unit": "HN-TH-PT", "violator": {"kind": "individual", "name": "\\ud800", "id_number": "001099012345",'
        b' "address": "x"}, "violations": [], "detected_at": "2026-03-02T08:00:00+07:00",'
        b' "location": {"unit": "HN-TH-PT", "address": "x"}, "description": "x"}'
    )
    response = officer.post("/cases", raw=raw)
    assert response.status_code == 422 and "violator.name" in response.get_json()["error"]["fields"]


def test_nul_in_a_query_string_is_refused_on_the_api_and_the_pages(app, client, officer, users):
    response = officer.get("/cases?q=an%00")
    assert response.status_code == 422 and list(response.get_json()["error"]["fields"]) == ["q"]
    sign_in(client, users["officer"])
    page = client.get("/cases/?q=an%00")
    assert page.status_code == 422 and "(q)" in page.get_data(as_text=True)


def test_nul_in_a_form_field_is_shown_beside_the_field(app, client, users, acts):
    sign_in(client, users["legal"])
    with app.app_context():
        legal = Api(client, token_for(users["legal"]))
    case = legal.post("/cases", case_body(["GT-7-2h"], "2026-03-02")).get_json()
    decision = legal.post(f"/cases/{case['id']}/decision", {"signer": "chair", "issued_on": "2026-03-04"})
    assert decision.status_code == 201, decision.get_json()
    decision_id = decision.get_json()["id"]
    legal.post(f"/decisions/{decision_id}/delivery", {"delivered_on": "2026-03-05", "method": "in_person"})
    response = post_form(
        client,
        f"/decisions/{decision_id}/payments",
        {"p-amount": "100000", "p-paid_on": "06/03/2026", "p-method": "cash", "p-receipt_no": "BL\x00-1"},
        page=f"/decisions/{decision_id}",
    )
    assert response.status_code == 422
    assert "ký tự không hợp lệ" in response.get_data(as_text=True)
    assert legal.get(f"/decisions/{decision_id}/payments").get_json()["items"] == []
    api = legal.post(
        f"/decisions/{decision_id}/payments",
        {"amount": 100000, "paid_on": "2026-03-06", "method": "cash", "receipt_no": "BL\x00-1"},
    )
    assert api.status_code == 422 and "receipt_no" in api.get_json()["error"]["fields"]


def test_json_nested_five_thousand_deep_is_malformed_not_a_crash(officer):
    response = officer.post("/cases", raw=b"[" * 5000 + b"]" * 5000)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "malformed_json"
    # Brackets inside strings are text, not nesting.
    body = case_body(["GT-7-2h"], "2026-03-02", description="[" * 5000)
    assert officer.post("/cases", body).status_code in (201, 422)


def test_a_json_body_over_one_megabyte_is_refused(officer):
    body = case_body(["GT-7-2h"], "2026-03-02", description="x" * (1024 * 1024 + 1))
    response = officer.post("/cases", body)
    assert response.status_code == 413 and response.get_json()["error"]["code"] == "payload_too_large"


def test_dates_outside_the_calendar_are_refused(app, client, users, acts):
    with app.app_context():
        legal = Api(client, token_for(users["legal"]))
    case = legal.post("/cases", case_body(["GT-7-2h"], "2026-03-02")).get_json()
    decision = legal.post(f"/cases/{case['id']}/decision", {"signer": "chair", "issued_on": "2026-03-04"}).get_json()
    response = legal.get(f"/decisions/{decision['id']}?on=0001-01-01")
    assert response.status_code == 422 and "on" in response.get_json()["error"]["fields"]
    assert legal.get(f"/decisions/{decision['id']}?on=1900-01-01").status_code == 200
    sign_in(client, users["legal"])
    page = client.get(f"/decisions/{decision['id']}?on=01/01/0001")
    assert page.status_code == 200 and "01/01/1900" in page.get_data(as_text=True)
    overdue = client.get("/payments/overdue?on=0001-01-01")
    assert overdue.status_code == 200
    early = case_body(["GT-7-2h"], "2026-03-02")
    early["detected_at"] = "0001-01-01T00:00:00+07:00"
    refused = legal.post("/cases", early)
    assert refused.status_code == 422 and "detected_at" in refused.get_json()["error"]["fields"]
    assert legal.get("/cases?from=0001-01-01").status_code == 422
    assert client.get("/cases/?from=01/01/0001").status_code == 200
