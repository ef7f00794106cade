"""The API answers what its document says (issue: hardening, point 8): errors in the {"error": {...}} shape are
documented for every operation, fields that may be null say so, unknown methods answer 405 in JSON, an empty
body is 400, and a case list filtered by a unit, sector, act or status we do not know is 422 (as /stats is)."""

import pytest

from tests.helpers import Api, token_for


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").get_json()


@pytest.fixture
def legal(app, client, users, acts):
    with app.app_context():
        return Api(client, token_for(users["legal"]))


def test_every_operation_documents_the_error_envelope(document):
    error = document["components"]["schemas"]["ErrorOut"]
    assert error["required"] == ["error"]
    detail = document["components"]["schemas"]["ErrorDetail"]
    assert set(detail["properties"]) == {"code", "message", "article", "fields"}
    assert document["components"]["responses"]["DEFAULT_ERROR"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }
    methods = {"get", "post", "put", "patch", "delete"}
    operations = [op for path in document["paths"].values() for name, op in path.items() if name in methods]
    assert len(operations) >= 32
    assert all(op["responses"]["default"] == {"$ref": "#/components/responses/DEFAULT_ERROR"} for op in operations)


@pytest.mark.parametrize(
    ("schema", "field"),
    [
        ("ActOut", "valid_to"),
        ("UserOut", "position"),
        ("UserOut", "title"),
        ("CaseOut", "dismissal_reason"),
        ("CaseOut", "dismissed_on"),
        ("DecisionOut", "payment_due"),
    ],
)
def test_fields_that_may_be_null_say_so(document, schema, field):
    assert document["components"]["schemas"][schema]["properties"][field]["nullable"] is True


def test_an_id_parameter_is_bounded_as_the_database_is(document):
    parameter = document["paths"]["/api/v1/cases/{case_id}"]["parameters"][0]
    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 2147483647}


@pytest.mark.parametrize("method", ["TRACE", "PUT", "PATCH", "DELETE", "PROPFIND"])
def test_unknown_methods_answer_405_in_json(legal, method):
    response = legal.client.open("/api/v1/cases", method=method, headers=legal.headers())
    assert response.status_code == 405 and response.is_json
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_an_empty_body_is_400_and_another_media_type_415(legal):
    empty = legal.client.post("/api/v1/cases", data=b"", headers=legal.headers(), content_type="application/json")
    assert empty.status_code == 400 and empty.get_json()["error"]["code"] == "malformed_json"
    bare = legal.client.post("/api/v1/cases", headers=legal.headers())
    assert bare.status_code == 400
    form = legal.client.post("/api/v1/cases", data={"unit": "HN-TH-PT"}, headers=legal.headers())
    assert form.status_code == 415 and form.get_json()["error"]["code"] == "unsupported_media_type"
    assert legal.post("/cases/1/decision", {}).status_code == 404  # an empty object is a body


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ("unit=NOPE", "unit_unknown", "unit"),
        ("sector=NOPE", "sector_unknown", "sector"),
        ("act=NOPE", "act_unknown", "act"),
        ("status=NOPE", "status_unknown", "status"),
    ],
)
def test_a_case_list_filter_we_do_not_know_is_422(legal, query, code, field):
    response = legal.get(f"/cases?{query}")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == code and field in error["fields"]
    assert legal.get("/cases?unit=HN-TH-PT&sector=giao_thong_duong_bo&status=recorded").status_code == 200
