"""The OpenAPI document tells the truth (issue: hardening, point 8): schemathesis generates requests from
/api/v1/openapi.json for every operation — valid ones and broken ones — sends them to the application (in
process, WSGI) with a token, and fails on any 5xx or any answer the document does not describe (status, content
type, body with its nulls, headers). The valid ones name real records (a ward's cases, decisions, payments,
reliefs and appeals), so the bodies checked are real ones. Bounded and repeatable: a fixed seed (derandomize),
a few examples per operation and mode; under a minute."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.hardening.world import build_other_ward
from tests.helpers import built_once, token_for

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
EXAMPLES = 3


@pytest.fixture
def world(app, client, users, acts):
    return built_once("other-ward", app, lambda: build_other_ward(app, client))


def _fuzz(app, token: str, ids: dict) -> list[str]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        known = {p.name: ids[p.name] for p in operation.path_parameters if p.name in ids}
        # Valid and broken requests on real records, and valid ones on ids that may be anything.
        passes = [(GenerationMode.POSITIVE, known), (GenerationMode.NEGATIVE, known)]
        if known:
            passes.append((GenerationMode.POSITIVE, None))
        for mode, path in passes:
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=path or None)

            @settings(
                max_examples=EXAMPLES,
                derandomize=True,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=strategy)
            def check(case):
                response = case.call(headers={"Authorization": f"Bearer {token}"})
                case.validate_response(response, checks=CHECKS)

            try:
                check()
            except Unsatisfiable:
                continue  # nothing can be broken in it (an operation without parameters or body)
            except (Exception, BaseExceptionGroup) as err:  # every failure of every operation, reported together
                where = "real ids" if path else "any ids"
                failures.append(f"{operation.label} [{mode.value}, {where}]: {_summary(err)}")
    return failures


def _summary(err: BaseException) -> str:
    """Return each distinct failure of a schemathesis failure group on a line of its own."""
    lines = set()
    for failure in getattr(err, "exceptions", None) or [err]:
        for inner in getattr(failure, "exceptions", None) or [failure]:
            lines.add(f"{type(inner).__name__}: {' '.join(str(inner).split())[:400]}")
    return "\n    ".join(sorted(lines))


@pytest.mark.parametrize("role", ["own ward legal", "officer elsewhere", "admin"])
def test_the_api_keeps_to_its_openapi_document(app, users, world, role):
    ids = {**world.ids, "document_id": world.documents["relief"]}
    user_id = {"own ward legal": world.legal_id, "officer elsewhere": users["officer"], "admin": users["admin"]}[role]
    with app.app_context():
        token = token_for(user_id)
    failures = _fuzz(app, token, ids)
    assert not failures, "\n\n".join(failures)
