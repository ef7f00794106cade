"""Statistics through the API (API.md "Statistics"; SPEC §7), every figure checked against the hand-built dataset."""

from datetime import date

import pytest

from penalties.law.calendar import WorkCalendar
from penalties.reports.facts import earliest_unexpired
from penalties.reports.queries import report_period
from tests.helpers import Api, token_for
from tests.reports.dataset import FROM, TO

M = 1_000_000
HEADLINE = {
    "cases": 14,  # C16 (00:30 on 01/03 in Hà Nội) in, C15 (00:30 on 01/05) out
    "decisions": 9,  # D0 (January) out; the amending and annulling decisions are not counted
    "dismissed": 3,  # C16, C7, C8
    "warnings": 1,
    "annulled": 1,
    "fines_imposed": 64 * M,  # D1 5 + D2 5 + D5 4 (amended) + D11 35 + D12 5 + D9 5 + D13 5; D4 annulled
    "fines_collected": 25 * M,  # D1 5 + D2 2 (the reversal nets out) + D5 4 + D11 14; D4 refunded, D9 paid in May
    "collection_rate": 0.3906,
    "decided_on_time": 10,
    "lapsed": 3,  # C6 never decided, C8 dismissed late, C9 decided late; C10 due on `to` is not yet lapsed
    "decided_on_time_rate": 0.7692,
    "overdue": 2,  # D2, D9; not D11 (installment not yet due), D12 (postponed), D13 (not delivered)
    "enforced": 1,
    "appeals_filed": 2,  # D4, D5; D0's was filed in January
    "appeals_resolved": 3,  # D4, D5 on time; D0 late
    "appeals_resolved_on_time_rate": 0.6667,
}
PT = {
    "code": "HN-TH-PT",
    "cases": 10,
    "decisions": 7,
    "dismissed": 2,
    "warnings": 1,
    "annulled": 1,
    "fines_imposed": 54 * M,
    "fines_collected": 25 * M,
    "collection_rate": 0.463,
    "decided_on_time_rate": 0.9,
    "lapsed": 1,
    "overdue": 1,
    "enforced": 1,
    "appeals_filed": 2,
    "appeals_resolved": 3,
    "appeals_resolved_on_time_rate": 0.6667,
}
NT = {
    "code": "HN-TH-NT",
    "cases": 4,
    "decisions": 2,
    "dismissed": 1,
    "warnings": 0,
    "annulled": 0,
    "fines_imposed": 10 * M,
    "fines_collected": 0,
    "collection_rate": 0.0,
    "decided_on_time_rate": 0.3333,
    "lapsed": 2,
    "overdue": 1,
    "enforced": 0,
    "appeals_filed": 0,
    "appeals_resolved": 0,
    "appeals_resolved_on_time_rate": None,
}
GT = {
    "code": "giao_thong_duong_bo",
    "cases": 10,
    "decisions": 7,
    "dismissed": 1,
    "warnings": 1,
    "annulled": 0,
    "fines_imposed": 29 * M,
    "fines_collected": 11 * M,
    "collection_rate": 0.3793,
    "decided_on_time_rate": 0.6667,
    "lapsed": 3,
    "overdue": 2,
    "enforced": 1,
    "appeals_filed": 1,
    "appeals_resolved": 2,
    "appeals_resolved_on_time_rate": 0.5,
}
MT = {
    "code": "moi_truong",
    "cases": 4,  # C6 is in both sectors
    "decisions": 1,
    "dismissed": 2,
    "warnings": 0,
    "annulled": 1,
    "fines_imposed": 0,
    "fines_collected": 0,
    "collection_rate": None,
    "decided_on_time": 3,
    "decided_on_time_rate": 0.75,
    "lapsed": 1,
    "overdue": 0,
    "enforced": 0,
    "appeals_filed": 1,
    "appeals_resolved": 1,
    "appeals_resolved_on_time_rate": 1.0,
}
XD = {
    "code": "xay_dung",
    "cases": 1,
    "decisions": 1,
    "fines_imposed": 35 * M,
    "fines_collected": 14 * M,
    "collection_rate": 0.4,
    "decided_on_time_rate": 1.0,
    "lapsed": 0,
    "overdue": 0,
    "appeals_resolved_on_time_rate": None,
}
API_KEYS = {
    "cases",
    "decisions",
    "dismissed",
    "warnings",
    "fines_imposed",
    "fines_collected",
    "collection_rate",
    "decided_on_time_rate",
    "lapsed",
    "overdue",
    "enforced",
    "appeals_filed",
    "appeals_resolved",
    "appeals_resolved_on_time_rate",
    "annulled",
    "by_unit",
    "by_sector",
    "by_month",
}


def stats(client, query=f"from={FROM}&to={TO}", status=200):
    response = client.get(f"/stats?{query}")
    assert response.status_code == status, response.get_json()
    return response.get_json()


def subset(row: dict, expected: dict) -> dict:
    return {key: row.get(key) for key in expected}


def without_code(expected: dict) -> dict:
    return {key: value for key, value in expected.items() if key != "code"}


def code(body) -> str:
    return body["error"]["code"]


def test_every_headline_figure_and_the_months(api, dataset):
    body = stats(api["board"])
    assert set(body) >= API_KEYS
    assert subset(body, HEADLINE) == HEADLINE
    assert (body["from"], body["to"], body["unit"], body["sector"]) == (FROM, TO, None, None)
    march, april = body["by_month"]
    assert (march["month"], april["month"]) == ("2026-03", "2026-04")
    money = ("cases", "decisions", "fines_imposed", "fines_collected")
    assert [tuple(month[key] for key in money) for month in (march, april)] == [
        (10, 7, 54 * M, 25 * M),
        (4, 2, 10 * M, 0),
    ]
    # Each fact in the month of its own date: dismissals 02/03 | 03/04, 15/04; D0's late resolution in April.
    assert (march["dismissed"], april["dismissed"], april["enforced"]) == (1, 2, 1)
    assert (march["appeals_resolved_on_time_rate"], april["appeals_resolved_on_time_rate"]) == (1.0, 0.0)
    assert body["top_acts"][:2] == [
        {"code": "GT-7-7c", "sector": "giao_thong_duong_bo", "cases": 9},
        {"code": "MT-25-2c", "sector": "moi_truong", "cases": 3},
    ]
    assert [a["code"] for a in body["top_acts"][2:]] == ["GT-12-2e", "MT-25-2d", "XD-16-7a"]


def test_by_unit_rows_and_a_unit_filter(api, dataset):
    board = stats(api["board"])
    assert [row["code"] for row in board["by_unit"]] == ["HN-TH"]  # the province's one child; no own records
    assert board["by_unit"][0]["cases"] == 14 and board["by_unit"][0]["own"] is False
    district = stats(api["board"], f"from={FROM}&to={TO}&unit=HN-TH")
    assert subset(district, HEADLINE) == HEADLINE and district["unit"] == "HN-TH"
    nt, pt = district["by_unit"]  # by code
    assert subset(pt, PT) == PT and subset(nt, NT) == NT
    assert pt["name"] == "Phường Phú Thượng"
    ward = stats(api["board"], f"from={FROM}&to={TO}&unit=HN-TH-NT")
    assert subset(ward, without_code(NT)) == without_code(NT)
    assert [(row["code"], row["own"]) for row in ward["by_unit"]] == [("HN-TH-NT", True)]
    assert [row["code"] for row in ward["by_sector"]] == ["giao_thong_duong_bo"]


def test_by_sector_rows_and_a_sector_filter(api, dataset):
    rows = stats(api["board"])["by_sector"]
    assert [row["code"] for row in rows] == ["giao_thong_duong_bo", "moi_truong", "xay_dung"]
    assert [subset(row, expected) for row, expected in zip(rows, (GT, MT, XD), strict=True)] == [GT, MT, XD]
    environment = stats(api["board"], f"from={FROM}&to={TO}&sector=moi_truong")
    assert subset(environment, without_code(MT)) == without_code(MT) and environment["sector"] == "moi_truong"
    assert [row["code"] for row in environment["by_sector"]] == ["moi_truong"]
    assert [(a["code"], a["cases"]) for a in environment["top_acts"]] == [("MT-25-2c", 3), ("MT-25-2d", 1)]
    assert [row["cases"] for row in environment["by_month"]] == [3, 1]  # C4, C6, C16 | C7


def test_officers_see_their_unit_and_below_only(app, client, users, api, dataset):
    officer = stats(api["officer"])  # no unit: the officer's own
    assert officer["unit"] == "HN-TH-PT" and subset(officer, without_code(PT)) == without_code(PT)
    assert [(row["code"], row["own"]) for row in officer["by_unit"]] == [("HN-TH-PT", True)]
    for unit in ("HN-TH-NT", "HN-TH"):
        refused = stats(api["legal"], f"from={FROM}&to={TO}&unit={unit}", status=403)
        assert code(refused) == "unit_not_allowed" and "unit" in refused["error"]["fields"]
    with app.app_context():
        admin = Api(client, token_for(users["admin"]))
    assert stats(admin)["cases"] == 14  # the administrator has no unit and reads every one


def test_an_empty_period_has_null_rates(api):
    body = stats(api["board"], "from=2025-06-01&to=2025-06-30")
    assert all(body[key] == 0 for key in HEADLINE if not key.endswith("rate"))
    assert body["collection_rate"] is None and body["decided_on_time_rate"] is None
    assert body["appeals_resolved_on_time_rate"] is None
    assert [row["month"] for row in body["by_month"]] == ["2025-06"] and body["by_month"][0]["cases"] == 0
    assert body["by_sector"] == [] and body["top_acts"] == []
    assert [(row["code"], row["cases"], row["collection_rate"]) for row in body["by_unit"]] == [("HN-TH", 0, None)]


def test_refusals_are_clear_4xx(client, api):
    board = api["board"]
    order = stats(board, "from=2026-04-30&to=2026-03-01", status=422)
    assert code(order) == "date_order" and "from" in order["error"]["fields"]
    unit = stats(board, "unit=XX", status=422)
    assert code(unit) == "unit_unknown" and "XX" in unit["error"]["fields"]["unit"]
    sector = stats(board, "sector=thue", status=422)
    assert code(sector) == "sector_unknown" and "sector" in sector["error"]["fields"]
    malformed = stats(board, "from=2026-02-30", status=400)
    assert code(malformed) == "invalid_type" and any(name.endswith("from") for name in malformed["error"]["fields"])
    assert code(stats(board, "to=30/04/2026", status=400)) == "invalid_type"
    future = stats(board, "to=2999-01-01", status=422)
    assert code(future) == "date_in_future" and "to" in future["error"]["fields"]
    assert stats(Api(client, None), status=401)["error"]["code"] == "unauthorized"
    english = Api(client, board.token, lang="en").get("/stats?unit=XX").get_json()
    assert english["error"]["message"]


def test_default_period_is_the_report_year_so_far(api):
    body = stats(api["board"], "")
    start, end = date.fromisoformat(body["from"]), date.fromisoformat(body["to"])
    assert (start, end) == report_period(end) and (start.month, start.day) == (12, 15)
    assert stats(api["board"], "to=2026-03-31")["from"] == "2025-12-15"


@pytest.mark.parametrize(
    "today, start",
    [
        (date(2026, 11, 25), date(2025, 12, 15)),
        (date(2026, 12, 14), date(2025, 12, 15)),
        (date(2026, 12, 15), date(2026, 12, 15)),
        (date(2027, 1, 1), date(2026, 12, 15)),
    ],
)
def test_report_period_runs_from_15_december(today, start):
    assert report_period(today) == (start, today)


@pytest.mark.parametrize(
    "on, earliest",
    [
        (date(2026, 4, 30), date(2025, 4, 30)),  # issued 30/04/2025: executable until 30/04/2026 inclusive
        (date(2025, 2, 28), date(2024, 2, 28)),  # 29/02/2024 + 1 year = 28/02/2025 (Civil Code Art. 148)
        (date(2025, 3, 1), date(2024, 3, 1)),
        (date(2024, 2, 29), date(2023, 3, 1)),  # 28/02/2023 expired on 28/02/2024
        (date(2026, 8, 3), date(2025, 8, 1)),  # 01/08/2025 + 1 year = Sat 01/08/2026 → Mon 03/08 (Art. 148(5))
    ],
)
def test_earliest_unexpired_issue_date(on, earliest):
    assert earliest_unexpired(on, WorkCalendar()) == earliest


def test_sql_figures_agree_with_figures_on(app, api, dataset):
    """The SQL reading of fine in force, collected and overdue agrees with the per-decision derivation."""
    import sqlalchemy as sa

    from penalties.decisions.models import Decision
    from penalties.decisions.queries import figures_on
    from penalties.extensions import db
    from penalties.reports.queries import stats as query

    on = date.fromisoformat(TO)
    with app.app_context():
        decisions = db.session.scalars(
            sa.select(Decision).where(Decision.kind == "sanction", Decision.issued_on.between(date(2026, 3, 1), on))
        ).all()
        figures = [figures_on(d, on) for d in decisions]
        sql = query(date(2026, 3, 1), on)
    assert sql["fines_imposed"] == sum(f.total for f in figures)
    assert sql["fines_collected"] == sum(min(f.principal_paid, f.total) for f in figures)
    assert sql["overdue"] == sum(f.status in ("overdue", "enforced") and f.outstanding > 0 for f in figures)
    assert sql["annulled"] == sum(f.status == "annulled" for f in figures)


def test_blank_parameters_mean_the_defaults(api):
    body = stats(api["board"], "from=&to=&unit=&sector=")
    assert body["unit"] is None and body["sector"] is None and body["from"].endswith("-12-15")
