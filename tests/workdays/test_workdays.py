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
