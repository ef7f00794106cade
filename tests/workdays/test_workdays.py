"""Swap days declared by the administrator change the working-day count (SPEC §2)."""

from datetime import date

import sqlalchemy as sa

from penalties.catalogue.models import HolidayOverride
from penalties.extensions import db
from penalties.workdays.queries import work_calendar
from tests.helpers import post_form, sign_in


def test_declared_day_off_moves_a_working_day_deadline(app, client, users):
    with app.app_context():
        # 2026-03-02 (Mon) + 7 working days = 2026-03-11 (SPEC §2); one day off in between → 03-12.
        assert work_calendar().add_working_days(date(2026, 3, 2), 7) == date(2026, 3, 11)
    sign_in(client, users["admin"])
    response = post_form(client, "/admin/workdays/", {"day": "05/03/2026", "working": "off", "name": "Nghỉ bù thử"})
    assert response.status_code == 302
    with app.app_context():
        assert work_calendar().add_working_days(date(2026, 3, 2), 7) == date(2026, 3, 12)


def test_declared_working_saturday_counts(app, client, users):
    sign_in(client, users["admin"])
    post_form(client, "/admin/workdays/", {"day": "07/03/2026", "working": "work", "name": "Làm bù"})
    with app.app_context():
        assert work_calendar().add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 7)


def test_bad_declarations_are_refused_and_nothing_saved(app, client, users):
    sign_in(client, users["admin"])
    cases = [
        ({"day": "", "working": "off", "name": "x"}, "bắt buộc"),
        ({"day": "32/01/2026", "working": "off", "name": "x"}, "Ngày không hợp lệ"),
        ({"day": "04/03/2026", "working": "work", "name": "x"}, "thứ Bảy hoặc Chủ nhật"),
        ({"day": "04/03/2026", "working": "off", "name": ""}, "bắt buộc"),
    ]
    for data, message in cases:
        response = post_form(client, "/admin/workdays/?year=2026", data)
        assert response.status_code == 422 and message in response.get_data(as_text=True), data
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(HolidayOverride)) == 0


def test_page_lists_tet_2026(client, users):
    sign_in(client, users["admin"])
    html = client.get("/admin/workdays/?year=2026").get_data(as_text=True)
    assert "17/02/2026" in html and "Tết" in html


def test_the_official_days_of_2026_are_seeded_with_their_sources(app, client, users):
    """SPEC v2 §2: Fri 02/01/2026 off and Sat 10/01/2026 worked (VPCP 12729/VPCP-KGVX); Mon 31/08 off for
    Sat 22/08 worked (notice 9441 of the Ministry of Home Affairs); the table wins over the package."""
    from penalties.seeds.reference import seed_reference

    with app.app_context():
        assert work_calendar().is_working_day(date(2026, 1, 2))  # the package alone: a working Friday
        assert seed_reference()["official_days"] == 4
        assert seed_reference()["official_days"] == 0  # idempotent
        calendar = work_calendar()
        assert not calendar.is_working_day(date(2026, 1, 2)) and calendar.is_working_day(date(2026, 1, 10))
        assert not calendar.is_working_day(date(2026, 8, 31)) and calendar.is_working_day(date(2026, 8, 22))
        # A 10-day period from 23/12/2025 ends on the day off 02/01, then a weekend: Mon 05/01 (Art. 148(5)).
        from penalties.law.deadlines import complaint_acceptance_due

        assert complaint_acceptance_due(date(2025, 12, 23), calendar).due == date(2026, 1, 5)
    sign_in(client, users["admin"])
    html = client.get("/admin/workdays/?year=2026").get_data(as_text=True)
    assert "12729/VPCP-KGVX" in html and "9441" in html
    assert html.count("Điều 112 Bộ luật Lao động 2019") >= 8  # the Labour Code's own days say so too
    assert "10/01/2026" in html and "Làm bù" in html
    assert "80-NQ/TW" in html  # 24/11: the policy, its law not yet confirmed
