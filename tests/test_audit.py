"""Every write is audited in the same transaction: who, when, what, before and after."""

import sqlalchemy as sa

from penalties.auth.models import User
from penalties.core.audit import AuditEntry
from penalties.extensions import db
from penalties.units.models import Unit
from penalties.units.operations import UnitInput, create_unit, update_unit
from tests.helpers import sign_in


def _entries(object_type: str):
    query = sa.select(AuditEntry).where(AuditEntry.object_type == object_type).order_by(AuditEntry.id)
    return list(db.session.scalars(query))


def test_create_and_update_are_recorded_with_actor_and_values(ctx, users):
    admin = db.session.get(User, users["admin"])
    unit = create_unit(
        UnitInput(code="HN-TH-BUOI", name="Phường Bưởi", level="commune", parent_code="HN-TH"), actor=admin
    )
    db.session.commit()
    update_unit(
        unit, UnitInput(code=unit.code, name="Phường Bưởi (mới)", level="commune", parent_code="HN-TH"), actor=admin
    )
    db.session.commit()
    entries = [e for e in _entries("units") if e.object_id == str(unit.id)]
    assert [e.action for e in entries] == ["create", "update"]
    assert all(e.actor_id == admin.id for e in entries)
    assert entries[0].before is None and entries[0].after["name"] == "Phường Bưởi"
    assert entries[1].before == {"name": "Phường Bưởi"} and entries[1].after == {"name": "Phường Bưởi (mới)"}
    assert entries[1].at is not None and entries[1].at.tzinfo is not None


def test_rolled_back_write_leaves_no_audit_entry(ctx, units):
    create_unit(UnitInput(code="HN-X", name="Tạm", level="commune", parent_code="HN"), actor=None)
    db.session.flush()
    assert any(e.after and e.after.get("code") == "HN-X" for e in _entries("units"))
    db.session.rollback()
    assert db.session.scalar(sa.select(Unit).where(Unit.code == "HN-X")) is None
    assert not any(e.after and e.after.get("code") == "HN-X" for e in _entries("units"))


def test_password_changes_are_recorded_but_masked(ctx, users):
    from penalties.auth.operations import set_password

    user = db.session.get(User, users["officer"])
    set_password(user, "Mot-mat-khau-moi", actor=db.session.get(User, users["admin"]))
    db.session.commit()
    entry = [e for e in _entries("users") if e.object_id == str(user.id)][-1]
    assert entry.action == "update" and entry.after == {"password_hash": "***"}


def test_audit_page_lists_changes_of_one_object(app, client, users):
    with app.app_context():
        unit = db.session.scalar(sa.select(Unit).where(Unit.code == "HN-TH-PT"))
        update_unit(
            unit,
            UnitInput(code=unit.code, name="Phường Phú Thượng mới", level="commune", parent_code="HN-TH"),
            actor=db.session.get(User, users["admin"]),
        )
        db.session.commit()
        unit_id = unit.id
    sign_in(client, users["admin"])
    page = client.get(f"/audit/units/{unit_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Phường Phú Thượng mới" in html and "Người dùng admin" in html


def test_non_admin_may_not_read_the_audit_of_users(client, users):
    sign_in(client, users["board"])
    assert client.get(f"/audit/users/{users['admin']}").status_code == 403
