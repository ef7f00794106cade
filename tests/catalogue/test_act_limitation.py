"""The limitation belongs to the act (SPEC v2 §2, §5; Law Art. 6(1)): its own 1 or 2 years, else its sector's;
commerce is a 1-year sector whose acts of trading in goods and of banned or counterfeit goods have 2 years."""

import io

import pytest

from tests.cases.test_api_cases import case_body
from tests.helpers import Api, post_form, sign_in, token_for

COUNTERFEIT = {
    "code": "TM-9-1a",
    "sector": "thuong_mai",
    "legal_basis": "Điểm a khoản 1 Điều 9 Nghị định 98/2020/NĐ-CP",
    "description": "Buôn bán hàng giả không có giá trị sử dụng, công dụng",
    "fine_min": 1_000_000,
    "fine_max": 3_000_000,
    "valid_from": "2025-01-01",
}
PROMOTION = {**COUNTERFEIT, "code": "TM-34-1", "description": "Khuyến mại không đúng thời gian đã thông báo"}


@pytest.fixture
def admin(app, client, users, reference):
    with app.app_context():
        return Api(client, token_for(users["admin"]))


@pytest.fixture
def officer(app, client, users):
    with app.app_context():
        return Api(client, token_for(users["officer"]))


def test_commerce_is_a_one_year_sector_and_an_act_may_carry_two(admin, officer):
    sectors = admin.get("/sectors").get_json()["items"]
    assert {s["code"]: s["limitation_years"] for s in sectors}["thuong_mai"] == 1
    assert admin.post("/acts", {**COUNTERFEIT, "limitation_years": 2}).status_code == 201
    assert admin.post("/acts", PROMOTION).status_code == 201
    listed = {a["code"]: a["limitation_years"] for a in officer.get("/acts?sector=thuong_mai").get_json()["items"]}
    assert listed == {"TM-9-1a": 2, "TM-34-1": 1}
    counterfeit = officer.post("/cases", case_body(["TM-9-1a"], "2026-03-02", detected="2026-03-02"))
    assert counterfeit.status_code == 201, counterfeit.get_json()
    assert counterfeit.get_json()["deadlines"]["limitation_expires"] == "2028-03-02"
    promotion = officer.post("/cases", case_body(["TM-34-1"], "2026-03-02"))
    assert promotion.get_json()["deadlines"]["limitation_expires"] == "2027-03-02"


def test_a_limitation_other_than_one_or_two_years_is_refused(admin):
    refused = admin.post("/acts", {**COUNTERFEIT, "limitation_years": 3})
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "limitation_invalid"
    assert "Điều 6" in refused.get_json()["error"]["article"]


def test_the_csv_import_and_the_act_page_take_the_limitation(app, client, users, reference):
    from penalties.catalogue.importing import COLUMNS

    sign_in(client, users["admin"])
    header = ",".join(COLUMNS)
    row = "TM-9-1b,thuong_mai,Điểm b khoản 1 Điều 9 Nghị định 98/2020/NĐ-CP,Buôn bán hàng giả,1000000,3000000,,,,,,2025-01-01,,2"
    bad = row.replace(",2025-01-01,,2", ",2025-01-01,,5").replace("TM-9-1b", "TM-9-1c")
    data = {"file": (io.BytesIO(f"{header}\n{row}\n{bad}\n".encode()), "acts.csv")}
    refused = post_form(client, "/catalogue/acts/import", data, content_type="multipart/form-data")
    assert refused.status_code == 422 and "thời hiệu" in refused.get_data(as_text=True)
    data = {"file": (io.BytesIO(f"{header}\n{row}\n".encode()), "acts.csv")}
    assert post_form(client, "/catalogue/acts/import", data, content_type="multipart/form-data").status_code in (
        200,
        302,
    )
    page = client.get("/catalogue/acts?sector=thuong_mai").get_data(as_text=True)
    assert "TM-9-1b" in page and "2 năm *" in page
