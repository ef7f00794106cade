"""Sector pages: list, create, edit, deactivate and reactivate, each audited."""

import sqlalchemy as sa

from penalties.catalogue.models import Sector
from penalties.core.audit import AuditEntry
from penalties.extensions import db
from tests.helpers import post_form, sign_in

NEW_SECTOR = {
    "code": "dien_luc",
    "name": "Điện lực",
    "limitation_years": "1",
    "max_fine_individual": "50.000.000",
    "max_fine_organisation": "",
}


def _sector(app, code: str) -> Sector | None:
    with app.app_context():
        sector = db.session.scalar(sa.select(Sector).where(Sector.code == code))
        if sector is not None:
            db.session.expunge(sector)
        return sector


def _audit_actions(app, object_type: str, object_id: int) -> list[tuple[str, int | None]]:
    with app.app_context():
        query = (
            sa.select(AuditEntry)
            .where(AuditEntry.object_type == object_type, AuditEntry.object_id == str(object_id))
            .order_by(AuditEntry.id)
        )
        return [(e.action, e.actor_id) for e in db.session.scalars(query)]


def test_sector_list_shows_the_law_values_formatted(app, client, reference, users):
    sign_in(client, users["admin"])
    html = client.get("/catalogue/sectors").get_data(as_text=True)
    assert "giao_thong_duong_bo" in html and "Giao thông đường bộ" in html
    assert "75.000.000 đ" in html  # money filter
    assert "/audit/sectors/" in html


def test_create_edit_and_deactivate_a_sector(app, client, reference, users):
    sign_in(client, users["admin"])
    response = post_form(client, "/catalogue/sectors/new", NEW_SECTOR)
    assert response.status_code == 302
    sector = _sector(app, "dien_luc")
    assert sector.name == "Điện lực" and sector.max_fine_individual == 50_000_000
    assert sector.max_fine_organisation is None and sector.active

    edit = f"/catalogue/sectors/{sector.id}/edit"
    assert 'value="dien_luc" disabled' in client.get(edit).get_data(as_text=True)
    data = {**NEW_SECTOR, "code": "doi_ma", "limitation_years": "2", "max_fine_organisation": "100000000"}
    assert post_form(client, edit, data).status_code == 302
    sector = _sector(app, "dien_luc")
    assert sector.limitation_years == 2 and sector.max_fine_organisation == 100_000_000
    assert _sector(app, "doi_ma") is None  # the code is read-only

    toggle = f"/catalogue/sectors/{sector.id}/active"
    assert post_form(client, toggle, {}, page="/catalogue/sectors").status_code == 302
    assert not _sector(app, "dien_luc").active
    assert post_form(client, toggle, {}, page="/catalogue/sectors").status_code == 302
    assert _sector(app, "dien_luc").active
    actions = _audit_actions(app, "sectors", sector.id)
    assert [a for a, _ in actions] == ["create", "update", "update", "update"]
    assert {actor for _, actor in actions} == {users["admin"]}


def test_sector_rule_violation_is_shown_on_the_field(app, client, reference, users):
    sign_in(client, users["admin"])
    response = post_form(client, "/catalogue/sectors/new", {**NEW_SECTOR, "code": "giao_thong_duong_bo"})
    assert response.status_code == 422
    assert "đã tồn tại" in response.get_data(as_text=True)


def test_negative_maximum_is_refused_in_vietnamese(app, client, reference, users):
    sign_in(client, users["admin"])
    response = post_form(client, "/catalogue/sectors/new", {**NEW_SECTOR, "max_fine_individual": "-5"})
    assert response.status_code == 422
    assert "Số tiền phải là số đồng nguyên, không âm." in response.get_data(as_text=True)
    assert _sector(app, "dien_luc") is None


def test_toggle_is_post_only_and_needs_csrf(app, client, reference, users):
    sign_in(client, users["admin"])
    sector = _sector(app, "van_hoa")
    assert client.get(f"/catalogue/sectors/{sector.id}/active").status_code == 405
    assert client.post(f"/catalogue/sectors/{sector.id}/active").status_code == 400
    assert _sector(app, "van_hoa").active


def test_sector_pages_are_for_administrators(app, client, reference, users):
    sign_in(client, users["board"])
    assert client.get("/catalogue/sectors").status_code == 403
    assert client.get("/catalogue/sectors/new").status_code == 403
