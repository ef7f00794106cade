"""A statistics period is bounded (issue: hardening, point 3; API.md 422 `period_out_of_range`): none before
2000-01-01, none longer than 5 years — on the API, the dashboard, its exports and a figure's case list."""

from datetime import date

import pytest

from penalties.reports.filters import FilterError, check_period, years_before
from tests.helpers import Api, sign_in, token_for

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("date_from", "date_to", "refused"),
    [
        (date(2000, 1, 1), date(2004, 12, 31), False),
        (date(1999, 12, 31), date(2004, 12, 31), True),
        (date(2021, 12, 7), date(2026, 12, 7), False),  # exactly five years
        (date(2021, 12, 6), date(2026, 12, 7), True),
        (date(2019, 2, 28), date(2024, 2, 29), False),  # 29 February five years earlier is the 28th
        (date(2019, 2, 27), date(2024, 2, 29), True),
        (date(1900, 1, 1), date(2026, 1, 1), True),
    ],
)
def test_period_limits(date_from, date_to, refused):
    if refused:
        with pytest.raises(FilterError) as err:
            check_period(date_from, date_to, TODAY)
        assert err.value.code == "period_out_of_range" and err.value.field == "from"
    else:
        assert check_period(date_from, date_to, TODAY) == (date_from, date_to)


def test_years_before_keeps_the_day():
    assert years_before(date(2026, 3, 1), 5) == date(2021, 3, 1)
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)


@pytest.fixture
def board(app, client, users):
    with app.app_context():
        return Api(client, token_for(users["board"]))


def test_the_api_refuses_a_century(board):
    response = board.get("/stats?from=1900-01-01")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "period_out_of_range" and "from" in error["fields"] and "5" in error["message"]
    assert board.get("/stats?from=0001-01-01").status_code == 422
    assert board.get("/stats?from=2024-01-01&to=2025-12-31").status_code == 200


def test_the_dashboard_and_its_exports_refuse_a_century(client, users):
    sign_in(client, users["board"])
    page = client.get("/reports/?from=01/01/1900")
    assert page.status_code == 200 and "Kỳ thống kê phải bắt đầu từ ngày 01/01/2000" in page.get_data(as_text=True)
    assert client.get("/reports/?from=01/01/0001").status_code in (200, 422)
    for export in ("export.xlsx", "export.csv", "report.pdf"):
        assert client.get(f"/reports/{export}?from=01/01/1900").status_code == 422, export
    listed = client.get("/cases/?figure=decisions&from=01/01/1900")
    assert listed.status_code == 200 and "01/01/2000" in listed.get_data(as_text=True)
    assert client.get("/reports/cases.xlsx?figure=decisions&from=01/01/1900").status_code == 400
