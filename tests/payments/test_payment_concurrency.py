"""Concurrent payments on one decision from several processes (issue 5 acceptance), on PostgreSQL and on the
embedded SQLite (issue: hardening, point 7): nothing wrong or duplicated."""

import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from tests.payments.money import delivered, figures
from tests.payments.payer import pay_once


def _race(database_url, did, payments):
    start_at = time.time() + 3
    with ProcessPoolExecutor(len(payments), mp_context=get_context("spawn")) as pool:
        futures = [
            pool.submit(pay_once, database_url, os.environ["PENALTIES_INSTANCE"], did, amount, receipt, start_at)
            for amount, receipt in payments
        ]
        return sorted(f.result() for f in futures)


def test_double_submit_of_one_receipt_stores_one_payment(api, database_url):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    assert _race(database_url, did, [(1_000_000, "BL-X")] * 3) == ["duplicate_receipt", "duplicate_receipt", "ok"]
    assert len(api["legal"].get(f"/decisions/{did}/payments").get_json()["items"]) == 1


def test_two_receipts_for_the_whole_fine_cannot_both_pass(api, database_url):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    assert _race(database_url, did, [(5_000_000, "BL-Y1"), (5_000_000, "BL-Y2")]) == ["amount_invalid", "ok"]
    assert figures(api, did, "2026-03-06")["principal_paid"] == 5_000_000


def test_concurrent_payments_keep_the_statistics_exact(app, api, database_url):
    """Four decisions of one ward issued the same day, paid at the same moment by four processes: each
    transaction adds to the same rows of the statistics' day sums; the summary still equals a rebuild."""
    dids = [delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01") for _ in range(4)]
    start_at = time.time() + 3
    with ProcessPoolExecutor(len(dids), mp_context=get_context("spawn")) as pool:
        futures = [
            pool.submit(pay_once, database_url, os.environ["PENALTIES_INSTANCE"], did, 5_000_000, f"BL-S{n}", start_at)
            for n, did in enumerate(dids)
        ]
        assert [f.result() for f in futures] == ["ok"] * 4
    checked = app.test_cli_runner().invoke(args=["reports", "check"])
    assert checked.exit_code == 0, checked.output
    assert all(figures(api, did, "2026-03-06")["principal_paid"] == 5_000_000 for did in dids)
