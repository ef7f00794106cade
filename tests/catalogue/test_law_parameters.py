"""The page of the law's numbers: every parameter and version of law.parameters, read as people read them."""

import html
import re
from datetime import date
from fractions import Fraction

from penalties.catalogue.law_parameters import reading, rows
from penalties.law.parameters import PARAMETERS, ByParty, CircumstanceRule, Period, Unit
from tests.helpers import sign_in


def test_values_read_as_sentences():
    assert reading("decision_due_working_days", 7) == "7 ngày làm việc"
    assert reading("complaint_filing_days", 90) == "90 ngày"
    assert reading("record_due_working_days_complex", 5) == "5 ngày làm việc"
    assert reading("deemed_never_sanctioned_months_after_warning", 6) == "6 tháng"
    assert reading("installment_max_months", 6) == "6 tháng"
    assert reading("execution_limitation_years", 1) == "1 năm"
    assert reading("minor_no_sanction_below_age", 14) == "dưới 14 tuổi"
    assert reading("late_fee_rate_per_day", Fraction(1, 2000)) == "0,05%"
    assert reading("installment_first_share_min", Fraction(2, 5)) == "40%"
    assert reading("complaint_acceptance_period", Period(7, Unit.WORKING_DAYS)) == "7 ngày làm việc"
    fine = reading("installment_min_fine", ByParty(15_000_000, 150_000_000))
    assert fine == "cá nhân 15.000.000 đ; tổ chức 150.000.000 đ"
    chair = reading("authority_chu_tich_ubnd_xa", (Fraction(1, 10), 5_000_000))
    assert chair == "10% mức phạt tối đa của lĩnh vực, không quá 5.000.000 đ"
    assert reading("authority_chu_tich_ubnd_huyen", "abolished").startswith("bãi bỏ")
    assert reading("circumstance_rule", CircumstanceRule.STRICT).startswith("một tình tiết")


def test_every_version_is_listed_and_the_one_in_force_marked():
    listed = rows(date(2025, 8, 1))
    assert len(listed) == sum(len(p.versions) for p in PARAMETERS.values())
    in_force = {row.name: row for row in listed if row.in_force}
    assert set(in_force) == set(PARAMETERS)  # every parameter has a version in force after 2022
    assert in_force["authority_chu_tich_ubnd_huyen"].value.startswith("bãi bỏ")  # from 2025-07-01
    assert [r.in_force for r in listed if r.name == "authority_chu_tich_ubnd_xa"] == [False, True]


def test_the_page_shows_the_numbers_and_the_unconfirmed_ones(app, client, users):
    sign_in(client, users["officer"])
    acts = client.get("/catalogue/acts").get_data(as_text=True)
    assert 'href="/catalogue/law"' in acts
    response = client.get("/catalogue/law")
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    row = re.search(r'<tr id="decision_due_working_days-2022-01-01"[^>]*>(.*?)</tr>', page, re.S).group(1)
    assert "Thời hạn ra quyết định xử phạt" in row and "7 ngày làm việc" in row and "Điều 66" in row
    unconfirmed = sum(1 for p in PARAMETERS.values() for v in p.versions if not v.confirmed)
    assert page.count('<span class="badge text-bg-warning">chưa xác nhận</span>') == unconfirmed + 1  # + the legend


def test_the_new_signers_are_listed_and_can_be_given_to_a_user(app, client, users):
    """SPEC v2 §4: the police titles of Decree 189/2025 Art. 8 and the provincial chief inspector (Decree
    311/2026 from 26/09/2026) are positions a user may hold, and the law page lists their authority."""
    from tests.helpers import Api, sign_in, token_for

    with app.app_context():
        admin = Api(client, token_for(users["admin"]))
    for position in ("truong_don_cand", "truong_phong_cong_an_tinh", "giam_doc_cong_an_tinh", "chanh_thanh_tra_tinh"):
        body = {"username": position.replace("_", "."), "password": "Mat-khau-2026!", "role": "legal", "unit": "HN"}
        created = admin.post("/users", {**body, "position": position})
        assert created.status_code == 201, created.get_json()
    sign_in(client, users["officer"])
    page = client.get("/catalogue/law").get_data(as_text=True)
    assert "Giám đốc Công an cấp tỉnh" in page and "Nghị định 311/2026/NĐ-CP" in page
    assert "26/09/2026" in page
