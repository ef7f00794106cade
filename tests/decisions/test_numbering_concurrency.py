"""Gap-free numbering under concurrent issuance from several processes (SPEC §6), on PostgreSQL and on the
embedded SQLite (issue: hardening, point 7)."""

import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from tests.cases.test_api_cases import case_body
from tests.decisions.issuer import issue_many
from tests.helpers import Api, token_for

PROCESSES, PER_PROCESS = 4, 3


def test_concurrent_issuance_gives_numbers_one_to_n(app, client, users, acts, database_url):
    with app.app_context():
        officer = Api(client, token_for(users["officer"]))
    ids = []
    for _ in range(PROCESSES * PER_PROCESS):
        response = officer.post("/cases", case_body(["GT-7-2h"], "2026-03-02"))
        assert response.status_code == 201
        ids.append(response.get_json()["id"])
    shares = [ids[i::PROCESSES] for i in range(PROCESSES)]
    start_at = time.time() + 3
    with ProcessPoolExecutor(PROCESSES, mp_context=get_context("spawn")) as pool:
        results = list(
            pool.map(
                issue_many,
                [database_url] * PROCESSES,
                [os.environ["PENALTIES_INSTANCE"]] * PROCESSES,
                shares,
                [start_at] * PROCESSES,
            )
        )
    numbers = sorted(int(n.split("/")[0]) for batch in results for n in batch)
    assert numbers == list(range(1, PROCESSES * PER_PROCESS + 1))
