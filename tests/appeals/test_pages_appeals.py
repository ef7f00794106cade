"""Appeals from the decision page: file, order suspension, resolve; the pending list."""

import re

from tests.helpers import csrf_from, sign_in
from tests.payments.money import delivered, pay

GROUNDS = "Không đồng ý mức phạt"


def _page(client, did, on=None):
    response = client.get(f"/decisions/{did}" + (f"?on={on}" if on else ""))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _file(client, did, token, **extra):
    data = {
        "csrf_token": token,
        "a-kind": "complaint",
        "a-level": "1",
        "a-filed_on": "20/03/2026",
        "a-grounds": GROUNDS,
    }
    return client.post(f"/decisions/{did}/appeals", data={**data, **extra})


def _appeal_id(app, did) -> int:
    from penalties.appeals.operations import appeals_of
    from penalties.decisions.models import Decision
    from penalties.extensions import db

    with app.app_context():
        return appeals_of(db.session.get(Decision, did))[-1].id


def test_complaint_filed_and_resolved_as_amended_shows_the_new_total(app, client, api, users):
    did = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    assert pay(api, did, 10_000_000, "2026-03-10", "BL-K1").status_code == 201
    sign_in(client, users["legal"])
    page = _page(client, did)
    assert "Ghi nhận đơn khiếu nại, khởi kiện" in page
    filed = _file(client, did, csrf_from(page))
    assert filed.status_code == 302 and filed.location.endswith("#appeals")
    appeal_id = _appeal_id(app, did)
    page = _page(client, did)
    assert "Khiếu nại lần đầu" in page and GROUNDS in page and "Đang giải quyết" in page
    # Resolved long ago by now: the due date is past, in red.
    row = page.split(f'id="appeal-{appeal_id}"')[1].split("</tr>")[0]
    assert "text-bg-danger" in row and "quá hạn" in row
    assert "Ghi nhận kết quả giải quyết" in page and "Tạm đình chỉ thi hành quyết định" in page
    resolved = client.post(
        f"/appeals/{appeal_id}/resolution",
        data={
            "csrf_token": csrf_from(page),
            f"r{appeal_id}-outcome": "amended",
            f"r{appeal_id}-resolved_on": "10/04/2026",
            f"r{appeal_id}-new_fine_total": "31.000.000",
            f"r{appeal_id}-note": "Giảm mức phạt",
        },
    )
    assert resolved.status_code == 302
    after = _page(client, did, "11/04/2026")
    assert re.search(r"Mức phạt đang có hiệu lực</dt>\s*<dd[^>]*>31.000.000 đ", after)
    assert "ban đầu 35.000.000 đ" in after and "Sửa đổi quyết định" in after
    amending = re.search(r'<a href="/decisions/(\d+)">(\d+/QĐ-SĐBS)</a>', after)
    assert amending and "mức phạt mới 31.000.000 đ" in after
    assert "Ghi nhận kết quả giải quyết" not in after  # recorded once
    assert client.get(f"/decisions/{amending.group(1)}").status_code == 200


def test_a_time_barred_complaint_is_refused_beside_the_date(app, client, api, users):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    sign_in(client, users["legal"])
    # 90 days end Sat 30/05, so Mon 01/06 is the last day (Civil Code Art. 148(5)): 02/06 is late.
    late = _file(client, did, csrf_from(_page(client, did)), **{"a-filed_on": "02/06/2026"})
    html = late.get_data(as_text=True)
    assert late.status_code == 422
    assert re.search(r'id="a-filed_on"[^>]*>\s*<div class="invalid-feedback">Đã hết thời hiệu khiếu nại', html)
    assert "Điều 9" in html and GROUNDS in html


def test_suspension_then_annulment_shows_the_refund(app, client, api, users):
    did = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    assert pay(api, did, 2_000_000, "2026-03-05", "BL-K2").status_code == 201
    sign_in(client, users["legal"])
    assert _file(client, did, csrf_from(_page(client, did)), **{"a-filed_on": "06/03/2026"}).status_code == 302
    appeal_id = _appeal_id(app, did)
    token = csrf_from(_page(client, did))
    suspended = client.post(
        f"/appeals/{appeal_id}/suspension", data={"csrf_token": token, f"s{appeal_id}-suspended_on": "07/03/2026"}
    )
    assert suspended.status_code == 302
    during = _page(client, did, "20/03/2026")
    assert "đang tạm đình chỉ" in during and "từ 07/03/2026" in during
    annulled = client.post(
        f"/appeals/{appeal_id}/resolution",
        data={"csrf_token": token, f"r{appeal_id}-outcome": "annulled", f"r{appeal_id}-resolved_on": "20/03/2026"},
    )
    assert annulled.status_code == 302
    after = _page(client, did, "30/04/2026")
    assert "Đã bị hủy bỏ" in after and "Phải hoàn trả cho người nộp" in after and "2.000.000 đ" in after
    assert "Ghi nhận khoản nộp" not in after and "Ghi nhận đơn khiếu nại" not in after


def test_pending_appeals_list_by_resolution_due(app, client, api, users):
    first = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    second = delivered(api, ["GT-7-7c"], "2026-02-26", "2026-02-27", "2026-03-01")
    for did, filed in ((first, "2026-04-20"), (second, "2026-03-10")):
        body = {"kind": "complaint", "level": 1, "filed_on": filed, "grounds": GROUNDS}
        assert api["legal"].post(f"/decisions/{did}/appeals", body).status_code == 201
    sign_in(client, users["board"])
    html = client.get("/appeals/").get_data(as_text=True)
    assert html.index(f'href="/decisions/{second}#appeal-') < html.index(f'href="/decisions/{first}#appeal-')
    assert "Ghi nhận kết quả" not in _page(client, first)  # the board reads, never writes
    sign_in(client, users["officer"])
    token = csrf_from(_page(client, first))
    refused = client.post(f"/appeals/{_appeal_id(app, first)}/resolution", data={"csrf_token": token})
    assert refused.status_code == 403


def test_amending_a_decision_on_several_acts_asks_each_new_amount(app, client, api, users):
    did = delivered(api, ["GT-7-7c", "GT-7-2h"], "2026-02-26", "2026-02-27", "2026-03-01")
    sign_in(client, users["legal"])
    assert _file(client, did, csrf_from(_page(client, did)), **{"a-filed_on": "06/03/2026"}).status_code == 302
    appeal_id = _appeal_id(app, did)
    page = _page(client, did)
    assert f'name="r{appeal_id}-amounts-1-act"' in page and f'id="r{appeal_id}-new_fine_total"' not in page
    amounts = {
        f"r{appeal_id}-amounts-{i}-{name}": value
        for i, row in enumerate(re.findall(rf'name="r{appeal_id}-amounts-\d+-act" type="hidden" value="([^"]+)"', page))
        for name, value in (("act", row), ("amount", "4.000.000" if i == 0 else ""))
    }
    data = {
        "csrf_token": csrf_from(page),
        f"r{appeal_id}-outcome": "amended",
        f"r{appeal_id}-resolved_on": "20/03/2026",
    }
    resolved = client.post(f"/appeals/{appeal_id}/resolution", data={**data, **amounts})
    assert resolved.status_code == 302, resolved.get_data(as_text=True)
    assert "/QĐ-SĐBS" in _page(client, did, "21/03/2026")
