"""The case pages: record with evidence, refuse bad input with the field named, find, read, dismiss, deadlines."""

import gc
import io
import re
import warnings
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from werkzeug.test import EnvironBuilder

from penalties.cases.models import Case, CaseEvidence, Violator
from penalties.core.documents import StoredDocument
from penalties.core.formatting import LEGAL_TZ
from penalties.extensions import db
from tests.helpers import csrf_from, sign_in

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64


def jpeg_photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 60, 30)).save(out, "JPEG")
    return out.getvalue()


def form_data(**change) -> dict:
    now = datetime.now(LEGAL_TZ).replace(second=0, microsecond=0) - timedelta(hours=1)
    data = {
        "kind": "individual",
        "id_number": "001085099999",
        "name": "Đặng Văn Đức",
        "birth_date": "25/01/1978",
        "address": "8 Xuân La, Tây Hồ",
        "acts": ["GT-7-2h"],
        "ended_on": "",
        "location_unit": "HN-TH-PT",
        "location_address": "Số 5 đường Âu Cơ",
        "detected_at": now.strftime("%d/%m/%Y %H:%M"),
        "recorded_at": (now + timedelta(minutes=30)).strftime("%d/%m/%Y %H:%M"),
        "description": "Không đội mũ bảo hiểm khi điều khiển xe máy.",
        "witnesses": "Nguyễn Văn Chứng",
    }
    data.update(change)
    return data


def post_case(client, data, files=()):
    token = csrf_from(client.get("/cases/new").get_data(as_text=True))
    payload = {**data, "csrf_token": token}
    if files:
        payload["evidence"] = [(io.BytesIO(content), name) for name, content in files]
    # A large body is spooled to a temporary file by the test client: build it ourselves to close it.
    builder = EnvironBuilder(path="/cases/new", method="POST", data=payload, content_type="multipart/form-data")
    try:
        return client.open(builder)
    finally:
        builder.close()


@pytest.fixture
def officer_client(client, users, acts):
    sign_in(client, users["officer"])
    return client


def counts(app):
    with app.app_context():
        return tuple(
            db.session.scalar(sa.select(sa.func.count()).select_from(m)) for m in (Case, Violator, StoredDocument)
        )


def test_record_a_case_with_a_photo(app, officer_client):
    response = post_case(officer_client, form_data(mitigating=["gn_2"]), files=[("anh-hien-truong.jpg", jpeg_photo())])
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = officer_client.get(response.location).get_data(as_text=True)
    assert "1/BB-VPHC" in page and "Đặng Văn Đức" in page and "anh-hien-truong.jpg" in page
    with app.app_context():
        case = db.session.scalar(sa.select(Case))
        link = db.session.scalar(sa.select(CaseEvidence))
        document = db.session.get(StoredDocument, link.document_id)
        assert document.content_type == "image/jpeg" and len(document.sha256) == 64
        content = document.content
        assert case.violations[0].proposed_amount < 500_000  # one mitigating: below the average
    thumb = officer_client.get(f"/cases/{case.id}/evidence/{document.id}/thumb")
    assert thumb.status_code == 200 and thumb.headers["Content-Type"] == "image/jpeg"
    original = officer_client.get(f"/cases/{case.id}/evidence/{document.id}")
    assert original.data == content and original.headers["X-Content-Type-Options"] == "nosniff"


BAD = [
    (
        "violation date in the future",
        {"detected_at": "01/01/2099 08:00", "recorded_at": "01/01/2099 09:00"},
        (),
        "tương lai",
    ),
    ("act not valid on that date", {"ended_on": "01/06/2024", "acts": ["GT-7-7c"]}, (), "chưa/không còn hiệu lực"),
    ("unknown ward", {"location_unit": "HN-XX"}, (), "Lựa chọn không hợp lệ"),
    ("missing ID number", {"id_number": ""}, (), "Trường này là bắt buộc"),
    ("50 MB upload", {}, (("video.jpg", b"\xff\xd8\xff" + b"0" * (50 * 1024 * 1024)),), "quá lớn"),
    ("executable renamed .jpg", {}, (("anh.jpg", b"MZ\x90\x00" + b"\x00" * 1000),), "không phải ảnh JPEG"),
]


@pytest.mark.parametrize(("label", "change", "files", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_with_the_field_named_and_nothing_stored(
    app, officer_client, label, change, files, message
):
    before = counts(app)
    response = post_case(officer_client, form_data(**change), files=files)
    with warnings.catch_warnings():  # the 50 MB body was spooled to a temporary file by Werkzeug
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html, label
    assert "is-invalid" in html or "text-danger" in html or "alert-danger" in html
    assert counts(app) == before


def test_unknown_ward_through_the_operation_names_the_field(app, officer_client):
    """A ward outside the officer's unit is refused by the operation with the field named."""
    response = post_case(officer_client, form_data(location_unit="HN-TH-NT"))
    assert response.status_code == 422  # not offered to a Phú Thượng officer: refused as a choice


def test_search_without_diacritics_finds_the_case(officer_client):
    post_case(officer_client, form_data())
    post_case(officer_client, form_data(id_number="001085011111", name="Nguyễn Thị Mai"))
    html = officer_client.get("/cases/?q=dang van duc").get_data(as_text=True)
    assert "Đặng Văn Đức" in html and "Nguyễn Thị Mai" not in html
    empty = officer_client.get("/cases/?q=khong+co+ai").get_data(as_text=True)
    assert "Không có biên bản nào khớp" in empty


def test_empty_list_says_what_to_do(officer_client):
    assert "bấm “Lập biên bản”" in officer_client.get("/cases/").get_data(as_text=True)


def test_existing_violator_is_reused_and_their_cases_shown(app, officer_client):
    post_case(officer_client, form_data())
    lookup = officer_client.get("/cases/violators/lookup?kind=individual&id_number=001085099999").get_json()
    assert lookup["found"] and lookup["name"] == "Đặng Văn Đức" and lookup["cases"][0]["number"] == "1/BB-VPHC"
    post_case(officer_client, form_data(address="Địa chỉ mới"))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Violator)) == 1
        first, second = db.session.scalars(sa.select(Case).order_by(Case.id))
        assert first.violator_snapshot["address"] == "8 Xuân La, Tây Hồ"
        assert second.violator_snapshot["address"] == "Địa chỉ mới"


def test_dismiss_from_the_case_page(app, client, users, acts):
    sign_in(client, users["officer"])
    post_case(client, form_data())
    sign_in(client, users["legal"])
    page = client.get("/cases/1").get_data(as_text=True)
    today = datetime.now(LEGAL_TZ).strftime("%d/%m/%Y")
    response = client.post(
        "/cases/1/dismiss",
        data={
            "csrf_token": csrf_from(page),
            "reason": "no_violation",
            "note": "Xác minh lại: không vi phạm",
            "dismissed_on": today,
        },
    )
    assert response.status_code == 302
    with app.app_context():
        case = db.session.get(Case, 1)
        assert case.status == "dismissed" and "Xác minh lại" in case.dismissal_reason
    assert "Không ra quyết định xử phạt ngày" in client.get("/cases/1").get_data(as_text=True)


def test_my_deadlines_lists_near_and_past_due_soonest_first(app, client, users, acts):
    from penalties.auth.models import User
    from penalties.cases.operations import CaseInput, ViolationInput, ViolatorInput, record_case
    from penalties.workdays.queries import work_calendar

    now = datetime.now(LEGAL_TZ)
    with app.app_context():
        officer = db.session.get(User, users["officer"])
        for name, ago in (("Người Quá Hạn", 20), ("Người Sắp Hạn", 7), ("Người Còn Xa", 0)):
            moment = now - timedelta(days=ago, hours=1)
            day = moment.date()
            record_case(
                CaseInput(
                    "HN-TH-PT",
                    ViolatorInput("individual", name, f"0010{ago:08d}", "Hà Nội"),
                    [ViolationInput("GT-7-2h", day)],
                    moment,
                    moment,
                    "HN-TH-PT",
                    "Âu Cơ",
                    "Mô tả",
                ),
                [],
                actor=officer,
                now=now,
                calendar=work_calendar(),
            )
        db.session.commit()
        dues = {c.violator.name: c.decision_due_on for c in db.session.scalars(sa.select(Case))}
    sign_in(client, users["officer"])
    html = client.get("/cases/deadlines").get_data(as_text=True)
    assert "Người Quá Hạn" in html and "quá hạn" in html
    assert "Người Còn Xa" not in html
    if dues["Người Sắp Hạn"] - now.date() <= timedelta(days=3):
        assert html.index("Người Quá Hạn") < html.index("Người Sắp Hạn")
    assert "Người Quá Hạn" in client.get("/").get_data(as_text=True)


def test_cases_of_another_ward_are_hidden(app, client, users, acts):
    from tests.helpers import make_user

    sign_in(client, users["officer"])
    post_case(client, form_data())
    with app.app_context():
        other = make_user("nt.officer", "officer", "HN-TH-NT")
    sign_in(client, other)
    assert client.get("/cases/1").status_code == 404
    assert client.get("/cases/1/record.pdf").status_code == 404
    assert "Đặng Văn Đức" not in client.get("/cases/").get_data(as_text=True)


def test_record_form_is_vietnamese_and_asks_for_the_id_first(officer_client):
    html = officer_client.get("/cases/new").get_data(as_text=True)
    assert "Lập biên bản vi phạm hành chính" in html and "Tra cứu" in html
    assert html.index('id="id_number"') < html.index('id="name"')
    assert "Khoản 1 Điều 9 Luật Xử lý vi phạm hành chính" in html
    assert re.search(r'accept="image/jpeg,image/png,application/pdf"', html)
    _ = date
