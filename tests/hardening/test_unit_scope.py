"""Route × role × another unit's object (issue: hardening, point 1): every route that takes the id of a case, a
decision, a document, a payment or an appeal — pages and API — and every audit page answers 404 to a user of
another ward, exactly as the object's own page does; and the object's own ward still reaches it (so the ids are
right and the test would fail without the scope)."""

import pytest

from penalties.audit.kinds import KINDS
from penalties.auth.permissions import ROLE_PERMISSIONS
from tests.hardening.world import build_other_ward
from tests.helpers import built_once, sign_in, token_for
from tests.test_routes_access import ACCESS, ACCESS_BY_METHOD

OBJECT_ARGS = {"case_id", "decision_id", "document_id", "payment_id", "appeal_id"}
DOCUMENT_OF = {
    "cases.evidence": "evidence",
    "cases.evidence_thumb": "evidence",
    "payments.hardship_evidence": "hardship",
    "payments.relief_pdf": "relief",
    "api_money.relief_pdf": "relief",
}


@pytest.fixture
def world(app, client, users, acts):
    return built_once("other-ward", app, lambda: build_other_ward(app, client))


def _object_routes(app):
    for rule in app.url_map.iter_rules():
        if set(rule.arguments) & OBJECT_ARGS:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def _url(rule, world) -> str:
    values = dict(world.ids)
    if rule.endpoint in DOCUMENT_OF:
        values["document_id"] = world.documents[DOCUMENT_OF[rule.endpoint]]
        if "case_id" in rule.arguments:
            values["case_id"] = world.ids["evidence_case_id"]
    return rule.build({name: values[name] for name in rule.arguments}, append_unknown=False)[1]


def _request(app, user_id, rule, method, url):
    client = app.test_client()
    headers = {}
    if url.startswith("/api/"):
        with app.app_context():
            headers["Authorization"] = f"Bearer {token_for(user_id)}"
        return client.open(url, method=method, headers=headers, json={})
    sign_in(client, user_id)
    data = None
    if method == "POST":
        from tests.test_routes_access import _csrf

        data = {"csrf_token": _csrf(app, client)}
    return client.open(url, method=method, data=data)


def test_every_object_route_is_covered(app):
    endpoints = {rule.endpoint for rule, _ in _object_routes(app)}
    assert len(endpoints) >= 35
    assert {"cases.detail", "api_cases.detail", "decisions.pdf", "api_money.reverse"} <= endpoints


@pytest.mark.parametrize("role", ["officer", "legal"])
def test_another_wards_objects_are_not_found_on_every_route(app, users, world, role):
    failures = []
    for rule, method in _object_routes(app):
        url = _url(rule, world)
        access = ACCESS_BY_METHOD.get((rule.endpoint, method), ACCESS[rule.endpoint])
        expected = 404 if access in ROLE_PERMISSIONS[role] else 403
        status = _request(app, users[role], rule, method, url).status_code
        if status != expected:
            failures.append(f"{method} {url}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)


def test_the_objects_own_ward_reaches_them(app, world):
    failures = []
    for rule, method in _object_routes(app):
        if method != "GET":
            continue
        url = _url(rule, world)
        status = _request(app, world.legal_id, rule, method, url).status_code
        if status != 200:
            failures.append(f"GET {url}: {status}")
    assert not failures, "\n".join(failures)


def _audit(app, user_id, kind, object_id):
    client = app.test_client()
    sign_in(client, user_id)
    return client.get(f"/audit/{kind}/{object_id}")


def test_every_audit_kind_is_scoped_by_the_objects_unit(app, users, world):
    assert set(world.audit) == {name for name, kind in KINDS.items() if kind.owners is not None}
    failures = []
    for kind, object_id in world.audit.items():
        expected = {"officer": 404, "legal": 404, "board": 200, "admin": 403}
        for role, status in expected.items():
            got = _audit(app, users[role], kind, object_id).status_code
            if got != status:
                failures.append(f"{role} /audit/{kind}/{object_id}: {got}, expected {status}")
        own = _audit(app, world.legal_id, kind, object_id)
        if own.status_code != 200 or "Chưa có thay đổi nào" in own.get_data(as_text=True):
            failures.append(f"own ward /audit/{kind}/{object_id}: {own.status_code} or empty")
    assert not failures, "\n".join(failures)


def test_no_personal_data_reaches_another_ward_through_the_audit(app, users, world):
    body = _audit(app, users["legal"], "violators", world.audit["violators"]).get_data(as_text=True)
    assert "Lê Thị Hoa" not in body and world.id_number not in body
    own = _audit(app, world.legal_id, "violators", world.audit["violators"]).get_data(as_text=True)
    assert "Lê Thị Hoa" in own and world.id_number in own


@pytest.mark.parametrize("kind", ["audit_entries", "number_sequences", "report_facts", "case_circumstances", "nope"])
def test_only_known_kinds_have_a_trail(app, users, kind):
    assert _audit(app, users["board"], kind, "1").status_code == 404


def test_the_trail_shows_field_labels_not_column_names(app, users, world):
    body = _audit(app, users["board"], "cases", world.audit["cases"]).get_data(as_text=True)
    assert "Hạn ra quyết định" in body and ">decision_due_on<" not in body
    assert "Vụ việc (biên bản)" in body


def test_every_audited_column_has_a_label(app):
    from penalties.audit.labels import FIELD_LABELS
    from penalties.core.audit import SKIPPED_COLUMNS
    from penalties.extensions import db

    missing = [
        f"{name}.{column.name}"
        for name in KINDS
        for column in db.metadata.tables[name].columns
        if column.name not in SKIPPED_COLUMNS and column.name not in FIELD_LABELS.get(name, {})
    ]
    assert missing == []
