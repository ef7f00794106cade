"""Act pages: the searchable list, create, edit, new versions, deactivate; permissions."""

import re
from datetime import date

import sqlalchemy as sa

from penalties.auth.models import User
from penalties.catalogue.models import Act
from penalties.catalogue.operations import ActInput, create_act
from penalties.core.audit import AuditEntry
from penalties.extensions import db
from tests.helpers import post_form, sign_in

HELMET = ActInput(
    "GT-7-2h",
    "giao_thong_duong_bo",
    "Điểm h khoản 2 Điều 7 Nghị định 168/2024/NĐ-CP",
    "Người điều khiển xe mô tô, xe gắn máy không đội mũ bảo hiểm khi tham gia giao thông trên đường bộ",
    400_000,
    600_000,
    valid_from=date(2025, 1, 1),
)
LITTER = ActInput(
    "MT-25-2c",
    "moi_truong",
    "Điểm c khoản 2 Điều 25 Nghị định 45/2022/NĐ-CP",
    "Vứt, thải rác thải sinh hoạt không đúng nơi quy định tại nơi công cộng",
    500_000,
    1_000_000,
    warning_allowed=True,
    remedial_measures=["Buộc khôi phục lại tình trạng môi trường ban đầu"],
    valid_from=date(2022, 8, 25),
)
FORM = {
    "code": "XD-16-7a",
    "sector": "xay_dung",
    "legal_basis": "Điểm a khoản 7 Điều 16 Nghị định 16/2022/NĐ-CP",
    "description": "Tổ chức thi công xây dựng nhà ở riêng lẻ không có giấy phép xây dựng",
    "fine_min": "30.000.000",
    "fine_max": "40000000",
    "org_fine_min": "",
    "org_fine_max": "",
    "warning_allowed": "",
    "additional_sanctions": "Đình chỉ hoạt động xây dựng\n\n  Tước giấy phép hành nghề  \n",
    "remedial_measures": "Buộc phá dỡ công trình vi phạm",
    "valid_from": "2022-01-28",
    "valid_to": "",
}


def _add(app, *acts: ActInput) -> list[int]:
    with app.app_context():
        ids = [create_act(a, actor=None).id for a in acts]
        db.session.commit()
        return ids


def _acts(app, code: str) -> list[Act]:
    with app.app_context():
        rows = list(db.session.scalars(sa.select(Act).where(Act.code == code).order_by(Act.valid_from)))
        for row in rows:
            db.session.expunge(row)
        return rows


def _audit(app, act_id: int) -> list[AuditEntry]:
    with app.app_context():
        query = sa.select(AuditEntry).where(AuditEntry.object_type == "acts", AuditEntry.object_id == str(act_id))
        rows = list(db.session.scalars(query.order_by(AuditEntry.id)))
        for row in rows:
            db.session.expunge(row)
        return rows


def test_list_shows_ranges_dates_and_flags(app, client, reference, users):
    _add(app, HELMET, LITTER)
    sign_in(client, users["officer"])
    html = client.get("/catalogue/acts").get_data(as_text=True)
    assert "GT-7-2h" in html and "MT-25-2c" in html
    assert "400.000 đ" in html and "1.200.000 đ" in html  # organisation default: 2 × 600.000
    assert "01/01/2025" in html and "25/08/2022" in html
    assert "Thêm hành vi" not in html  # an officer reads, does not manage


def test_search_ignores_diacritics(app, client, reference, users):
    _add(app, HELMET, LITTER)
    sign_in(client, users["officer"])
    html = client.get("/catalogue/acts?q=khong+doi+mu").get_data(as_text=True)
    assert "GT-7-2h" in html and "MT-25-2c" not in html
    html = client.get("/catalogue/acts?q=Điều 25").get_data(as_text=True)
    assert "MT-25-2c" in html and "GT-7-2h" not in html


def test_filters_by_sector_and_validity_date(app, client, reference, users):
    _add(app, HELMET, LITTER)
    sign_in(client, users["officer"])
    html = client.get("/catalogue/acts?sector=moi_truong").get_data(as_text=True)
    assert "MT-25-2c" in html and "GT-7-2h" not in html
    html = client.get("/catalogue/acts?on=2024-06-01").get_data(as_text=True)
    assert "MT-25-2c" in html and "GT-7-2h" not in html
    html = client.get("/catalogue/acts?on=01/06/2025").get_data(as_text=True)
    assert "MT-25-2c" in html and "GT-7-2h" in html
    response = client.get("/catalogue/acts?on=hom-qua")
    assert response.status_code == 200 and "không hợp lệ" in response.get_data(as_text=True)


def test_empty_state_says_what_to_do(app, client, reference, users):
    sign_in(client, users["admin"])
    html = client.get("/catalogue/acts").get_data(as_text=True)
    assert "Nhập từ tệp CSV" in html and "chưa có hành vi nào" in html
    html = client.get("/catalogue/acts?q=khong+co+gi").get_data(as_text=True)
    assert "Không có hành vi nào khớp" in html


def test_list_pages_with_a_cursor(app, client, reference, users):
    acts = [
        ActInput(f"T-{i:02d}", "van_hoa", f"Khoản {i} Điều 1", f"Hành vi thử {i}", 100_000, 200_000) for i in range(7)
    ]
    _add(app, *acts)
    app.config["PAGE_SIZE"] = 3
    try:
        sign_in(client, users["officer"])
        first = client.get("/catalogue/acts").get_data(as_text=True)
        assert "T-00" in first and "T-02" in first and "T-03" not in first
        cursor = first.split("cursor=")[1].split('"')[0]
        second = client.get(f"/catalogue/acts?cursor={cursor}").get_data(as_text=True)
        assert "T-03" in second and "T-05" in second and "T-00" not in second
    finally:
        app.config["PAGE_SIZE"] = 50


def test_create_an_act_through_the_page(app, client, reference, users):
    sign_in(client, users["admin"])
    response = post_form(client, "/catalogue/acts/new", FORM)
    assert response.status_code == 302
    [act] = _acts(app, "XD-16-7a")
    assert (act.fine_min, act.fine_max, act.org_fine_min, act.org_fine_max) == (
        30_000_000,
        40_000_000,
        60_000_000,
        80_000_000,
    )
    assert act.additional_sanctions == ["Đình chỉ hoạt động xây dựng", "Tước giấy phép hành nghề"]
    assert act.remedial_measures == ["Buộc phá dỡ công trình vi phạm"]
    assert act.valid_from == date(2022, 1, 28) and act.valid_to is None and not act.warning_allowed
    [entry] = _audit(app, act.id)
    assert entry.action == "create" and entry.actor_id == users["admin"]
    html = client.get(f"/catalogue/acts/{act.id}").get_data(as_text=True)
    assert 'value="28/01/2022"' in html and 'value="30.000.000"' in html  # as people write them


def test_fine_min_above_max_is_refused_on_the_field(app, client, reference, users):
    sign_in(client, users["admin"])
    response = post_form(client, "/catalogue/acts/new", {**FORM, "fine_min": "50.000.000"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    # the message sits under the fine_min input, which is marked invalid
    field = re.search(r'<input[^>]*name="fine_min"[^>]*>', html)
    assert "is-invalid" in field.group(0)
    after = html[field.end() :]
    assert after.index("Mức phạt tối thiểu lớn hơn mức tối đa.") < after.index('name="fine_max"')
    assert _acts(app, "XD-16-7a") == []


def test_edit_an_act_and_its_lists(app, client, reference, users):
    [act_id] = _add(app, LITTER)
    sign_in(client, users["admin"])
    page = client.get(f"/catalogue/acts/{act_id}").get_data(as_text=True)
    assert "Buộc khôi phục lại tình trạng môi trường ban đầu</textarea>" in page
    data = {
        **FORM,
        "code": "ignored",
        "sector": "moi_truong",
        "legal_basis": LITTER.legal_basis,
        "description": LITTER.description,
        "fine_min": "600000",
        "fine_max": "1.000.000",
        "org_fine_min": "1.200.000",
        "org_fine_max": "2.000.000",
        "warning_allowed": "y",
        "additional_sanctions": "",
        "remedial_measures": "Buộc thu gom rác\nBuộc khôi phục lại tình trạng ban đầu",
        "valid_from": "25/08/2022",
    }
    assert post_form(client, f"/catalogue/acts/{act_id}", data).status_code == 302
    [act] = _acts(app, "MT-25-2c")
    assert act.fine_min == 600_000 and act.org_fine_min == 1_200_000 and act.warning_allowed
    assert act.remedial_measures == ["Buộc thu gom rác", "Buộc khôi phục lại tình trạng ban đầu"]
    assert act.additional_sanctions == [] and act.valid_from == date(2022, 8, 25)
    update = _audit(app, act_id)[-1]
    assert update.action == "update" and update.actor_id == users["admin"]
    assert update.before["fine_min"] == 500_000 and update.after["fine_min"] == 600_000


def test_same_code_with_a_later_date_adds_a_version(app, client, reference, users):
    _add(app, HELMET)
    sign_in(client, users["admin"])
    prefilled = client.get("/catalogue/acts/new?code=GT-7-2h").get_data(as_text=True)
    assert 'value="GT-7-2h"' in prefilled
    data = {
        **FORM,
        "code": "GT-7-2h",
        "sector": "giao_thong_duong_bo",
        "legal_basis": HELMET.legal_basis,
        "description": HELMET.description,
        "fine_min": "500.000",
        "fine_max": "700.000",
        "valid_from": "2027-01-01",
        "additional_sanctions": "",
        "remedial_measures": "",
    }
    assert post_form(client, "/catalogue/acts/new", data).status_code == 302
    old, new = _acts(app, "GT-7-2h")
    assert old.valid_to == date(2026, 12, 31) and new.valid_from == date(2027, 1, 1) and new.valid_to is None
    # an earlier date than an existing version's is refused: the versions would overlap
    response = post_form(client, "/catalogue/acts/new", {**data, "valid_from": "2025-06-01"})
    assert response.status_code == 422 and "đã có một phiên bản" in response.get_data(as_text=True)
    assert len(_acts(app, "GT-7-2h")) == 2


def test_deactivate_and_reactivate_an_act(app, client, reference, users):
    [act_id] = _add(app, HELMET)
    sign_in(client, users["admin"])
    page = f"/catalogue/acts/{act_id}"
    html = client.get(page).get_data(as_text=True)
    assert "data-confirm=" in html and f"/audit/acts/{act_id}" in html
    assert post_form(client, f"/catalogue/acts/{act_id}/active", {}, page=page).status_code == 302
    assert not _acts(app, "GT-7-2h")[0].active
    assert post_form(client, f"/catalogue/acts/{act_id}/active", {}, page=page).status_code == 302
    assert _acts(app, "GT-7-2h")[0].active
    entries = _audit(app, act_id)
    assert [e.after for e in entries[1:]] == [{"active": False}, {"active": True}]
    assert client.get(f"/catalogue/acts/{act_id}/active").status_code == 405


def test_inactive_sector_is_refused_for_a_new_act(app, client, reference, users):
    with app.app_context():
        from penalties.catalogue.models import Sector
        from penalties.catalogue.operations import set_sector_active

        sector = db.session.scalar(sa.select(Sector).where(Sector.code == "xay_dung"))
        set_sector_active(sector, False, actor=db.session.get(User, users["admin"]))
        db.session.commit()
    sign_in(client, users["admin"])
    assert "xay_dung" not in client.get("/catalogue/acts/new").get_data(as_text=True)
    response = post_form(client, "/catalogue/acts/new", FORM)
    assert response.status_code == 422 and _acts(app, "XD-16-7a") == []


def test_officer_is_refused_the_management_pages(app, client, reference, users):
    [act_id] = _add(app, HELMET)
    sign_in(client, users["officer"])
    assert client.get("/catalogue/acts").status_code == 200
    for url in ("/catalogue/acts/new", f"/catalogue/acts/{act_id}", "/catalogue/acts/import"):
        assert client.get(url).status_code == 403, url
    assert post_form(client, "/catalogue/acts/new", FORM, page="/catalogue/acts").status_code == 403
    assert _acts(app, "XD-16-7a") == []


def test_anonymous_is_sent_to_sign_in(app, client, reference):
    for url in ("/catalogue/acts", "/catalogue/acts/new", "/catalogue/sectors", "/catalogue/acts/import"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location, url
