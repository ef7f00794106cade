"""Browser: an officer records a case with a photo, finds it typing without diacritics, opens its PDF."""

import io
from datetime import datetime, timedelta

import pytest

from penalties.core.formatting import LEGAL_TZ
from tests.browser.conftest import sign_in_browser
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def _photo(tmp_path):
    from PIL import Image

    path = tmp_path / "hien-truong.jpg"
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 90, 160)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def test_officer_records_finds_and_opens_the_pdf(live_server, page, users, acts, tmp_path):
    sign_in_browser(page, live_server, "officer", PASSWORD)
    page.click("text=Lập biên bản")
    page.fill("#id_number", "001078034567")
    page.fill("#name", "Đặng Văn Đức")
    page.fill("#birth_date", "25/01/1978")
    page.fill("#address", "8 Xuân La, Tây Hồ, Hà Nội")
    page.fill("#act-filter", "khong doi mu")
    page.check("input[name=acts][value='GT-7-2h']")
    detected = datetime.now(LEGAL_TZ) - timedelta(hours=1)
    page.fill("#detected_at", detected.strftime("%d/%m/%Y %H:%M"))
    page.fill("#recorded_at", (detected + timedelta(minutes=20)).strftime("%d/%m/%Y %H:%M"))
    page.fill("#location_address", "Số 5 đường Âu Cơ")
    page.check("input[name=mitigating][value='gn_2']")
    page.fill("#description", "Điều khiển xe mô tô không đội mũ bảo hiểm.")
    page.set_input_files("#evidence", str(_photo(tmp_path)))
    assert page.locator("#evidence-preview img").count() == 1
    page.screenshot(path=str(tmp_path / "form.png"), full_page=True)
    page.click("button:has-text('Lưu biên bản')")
    page.wait_for_selector("text=Đã lập biên bản số 1/BB-VPHC")
    assert page.locator(".evidence-thumb img").count() == 1

    page.goto(f"{live_server}/cases/")
    page.fill("input[name=q]", "dang van duc")
    page.click("button:has-text('Lọc')")
    page.wait_for_selector("text=Đặng Văn Đức")
    page.click("a:has-text('1/BB-VPHC')")

    pdf = page.request.get(live_server + page.locator("a:has-text('Biên bản (PDF)')").get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
