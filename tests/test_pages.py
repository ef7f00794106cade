"""Pages: Vietnamese first, English on request, formats, error pages, no CDN."""

import re

from penalties.core.formatting import day, money
from tests.helpers import dispose, post_form, sign_in


def test_money_and_dates_in_vietnamese_format(app):
    from datetime import date

    with app.test_request_context("/"):
        assert money(5_000_000) == "5.000.000 đ"
        assert money(0) == "0 đ"
        assert day(date(2026, 3, 2)) == "02/03/2026"


def test_language_switch_in_the_header(client, users):
    sign_in(client, users["admin"])
    assert "Đăng xuất" in client.get("/").get_data(as_text=True)
    assert client.get("/lang/en?next=/").status_code == 302
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign out" in html
    assert client.get("/lang/xx").status_code == 404


def test_error_pages_are_vietnamese(client, users):
    sign_in(client, users["officer"])
    forbidden = client.get("/admin/users")
    assert forbidden.status_code == 403 and "Không có quyền truy cập" in forbidden.get_data(as_text=True)
    missing = client.get("/khong-co-trang-nay")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.get_data(as_text=True)


def test_unexpected_error_gets_the_500_page_and_nothing_is_saved(app, users):
    from penalties import create_app

    broken = create_app({"ENV_NAME": "testing", "SECRET_KEY": "t"})

    @broken.get("/boom")
    def boom():
        raise RuntimeError("boom")

    client = broken.test_client()
    response = client.get("/boom")
    dispose(broken)
    assert response.status_code == 500 and "Lỗi hệ thống" in response.get_data(as_text=True)


def test_pages_load_no_asset_from_another_site(client, users):
    sign_in(client, users["admin"])
    for url in ("/login", "/", "/admin/users", "/admin/units/", "/catalogue/acts"):
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r'(src|href)="(https?:)?//', html), url


def test_every_navigation_link_works_for_each_role(app, users):
    for role in ("officer", "legal", "board", "admin"):
        client = app.test_client()
        sign_in(client, users[role])
        html = client.get("/").get_data(as_text=True)
        links = set(re.findall(r'class="nav-link[^"]*" href="([^"]+)"', html))
        for href in {link for link in links if not link.startswith("/lang/")}:
            assert client.get(href).status_code == 200, (role, href)


def test_unit_form_refuses_bad_parent_and_saves_nothing(app, client, users):
    sign_in(client, users["admin"])
    response = post_form(
        client, "/admin/units/new", {"code": "HN-NEW", "name": "Phường Mới", "level": "commune", "parent_code": ""}
    )
    assert response.status_code == 422 and "phải có đơn vị cấp trên" in response.get_data(as_text=True)
    ok = post_form(
        client, "/admin/units/new", {"code": "HN-NEW", "name": "Phường Mới", "level": "commune", "parent_code": "HN-TH"}
    )
    assert ok.status_code == 302


def test_lists_paginate_by_keyset_and_the_audit_list_works(app, client, users):
    sign_in(client, users["admin"])
    app.config["PAGE_SIZE"] = 2
    try:
        first = client.get("/admin/users").get_data(as_text=True)
        assert "Trang sau" in first
        next_url = re.search(r'href="([^"]*cursor=[^"]+)"', first).group(1).replace("&amp;", "&")
        second = client.get(next_url).get_data(as_text=True)
        names_first = set(re.findall(r"<code>([a-z]+)</code>", first))
        names_second = set(re.findall(r"<code>([a-z]+)</code>", second))
        assert len(names_first) == 2 and names_second and not names_first & names_second
        audit = client.get("/audit/")
        assert audit.status_code == 200 and "Trang sau" in audit.get_data(as_text=True)
    finally:
        app.config["PAGE_SIZE"] = 50


def test_dates_are_typed_as_dd_mm_yyyy(app, client, users):
    from penalties.auth.models import User
    from penalties.extensions import db

    sign_in(client, users["admin"])
    data = {
        "username": "pho.ct",
        "full_name": "Vũ Văn Phó",
        "role": "legal",
        "unit": "HN-TH-PT",
        "position": "chu_tich_ubnd_xa",
        "title": "Phó Chủ tịch",
        "delegation_number": "12/QĐ-UBND",
        "delegation_on": "05/01/2026",
        "password": "Mat-khau-2026",
    }
    assert post_form(client, "/admin/users/new", data).status_code == 302
    with app.app_context():
        import sqlalchemy as sa

        user = db.session.scalar(sa.select(User).where(User.username == "pho.ct"))
        assert str(user.delegation_on) == "2026-01-05"
        edit = client.get(f"/admin/users/{user.id}/edit").get_data(as_text=True)
    assert 'value="05/01/2026"' in edit
    bad = post_form(client, "/admin/users/new", {**data, "username": "pho2", "delegation_on": "31/02/2026"})
    assert bad.status_code == 422 and "Ngày không hợp lệ" in bad.get_data(as_text=True)
