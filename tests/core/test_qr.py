"""QR codes: the VietQR payment payload and the SVG/PNG rendering (SPEC §6; penalties.core.qr)."""

from __future__ import annotations

import base64
import io
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penalties.core.qr import (
    AMOUNT_MAX,
    PURPOSE_MAX,
    crc16_ccitt_false,
    qr_png_bytes,
    qr_svg_data_uri,
    vietqr_payload,
    vietqr_purpose,
)

# Published samples, from the README of the MIT-licensed npm package vietnam-qr-pay
# (github.com/xuannghia/vietnam-qr-pay, README.md, "VietQR Tĩnh" / "VietQR Động" / "Decode" / "build()"):
# QRPay.initVietQR({bankBin: BanksObject.acb.bin (970416), bankNumber: '257678859', amount, purpose}).build()
PUBLISHED = [
    (None, "", "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"),
    (
        10000,
        "Chuyen tien",
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704"
        "5405100005802VN62150811Chuyen tien630453E6",
    ),
    (
        1000,
        "Chuyen tien",
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704"
        "540410005802VN62150811Chuyen tien6304BBB8",
    ),
    (
        999999,
        "Cam on nhe",
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704"
        "54069999995802VN62140810Cam on nhe6304E786",
    ),
]

# Published payloads with fields we do not produce; only their CRC is checked.
PUBLISHED_OTHER = [
    # vietnam-qr-pay README, "QR Đa năng của MoMo": 62-05 reference label and an unreserved ID 80.
    "00020101021138620010A00000072701320006970454011899MM24011M348750800208QRIBFTTA53037045802VN"
    "62190515MOMOW2W3487508080030466304EBC8",
    # npm napas-qr README (github.com/duyquoc1508/napas-qr): 62-01 bill number.
    "00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN"
    "62340107NPS68690819TRANSFER TO SOMEONE6304AC13",
]


def parse_tlv(text: str) -> dict[str, str]:
    """ID-length-value objects, in order; fails on a truncated object or a repeated ID."""
    fields: dict[str, str] = {}
    i = 0
    while i < len(text):
        tag, length = text[i : i + 2], text[i + 2 : i + 4]
        assert tag.isdigit() and len(tag) == 2, f"bad ID at {i}: {text[i:]!r}"
        assert length.isdigit() and len(length) == 2, f"bad length at {i}: {text[i:]!r}"
        value = text[i + 4 : i + 4 + int(length)]
        assert len(value) == int(length) >= 1, f"object {tag} is truncated"
        assert tag not in fields, f"object {tag} repeated"
        fields[tag] = value
        i += 4 + int(length)
    return fields


def crc_verifies(payload: str) -> bool:
    return payload[-8:-4] == "6304" and crc16_ccitt_false(payload[:-4]) == payload[-4:]


def decoded(payload: str) -> dict:
    """The payload's root objects, with 38 and 62 opened up, after checking the fixed parts."""
    root = parse_tlv(payload)
    assert list(root)[-1] == "63"
    assert list(root) == sorted(root), "root objects are in ID order"
    assert root["00"] == "01"
    assert root["53"] == "704"
    assert root["58"] == "VN"
    merchant = parse_tlv(root["38"])
    assert list(merchant) == ["00", "01", "02"]
    assert merchant["00"] == "A000000727"
    assert merchant["02"] == "QRIBFTTA"
    beneficiary = parse_tlv(merchant["01"])
    assert list(beneficiary) == ["00", "01"]
    extra = parse_tlv(root["62"]) if "62" in root else {}
    assert set(extra) <= {"08"}
    return {
        "initiation": root["01"],
        "bin": beneficiary["00"],
        "account": beneficiary["01"],
        "amount": int(root["54"]) if "54" in root else None,
        "purpose": extra.get("08"),
        "crc": root["63"],
    }


def test_crc_check_value():
    # The catalogued check value of CRC-16/CCITT-FALSE (a.k.a. CRC-16/IBM-3740) over "123456789".
    assert crc16_ccitt_false("123456789") == "29B1"
    assert crc16_ccitt_false("") == "FFFF"


@pytest.mark.parametrize(("amount", "message", "expected"), PUBLISHED)
def test_published_samples_reproduced(amount, message, expected):
    assert vietqr_payload("970416", "257678859", amount, message) == expected
    assert crc_verifies(expected)


@pytest.mark.parametrize("payload", PUBLISHED_OTHER)
def test_published_crcs_verify(payload):
    assert crc_verifies(payload)
    parse_tlv(payload)


def test_fields_of_a_fine_payment():
    payload = vietqr_payload("970403", "7111012345678", 5_250_000, "Nộp phạt QĐ 12/QĐ-XPHC Đặng Văn Đức")
    assert payload.isascii()
    assert crc_verifies(payload)
    assert decoded(payload) == {
        "initiation": "12",
        "bin": "970403",
        "account": "7111012345678",
        "amount": 5_250_000,
        "purpose": "Nop phat QD 12/QD-XPHC",
        "crc": payload[-4:],
    }
    assert "5407525000" in payload
    assert "62260822Nop phat QD 12/QD-XPHC" in payload


def test_static_code_without_amount_or_message():
    payload = vietqr_payload("970403", "7111012345678", None, "  ")
    fields = decoded(payload)
    assert fields["initiation"] == "11"
    assert fields["amount"] is None
    assert fields["purpose"] is None
    assert "62" not in parse_tlv(payload)


def test_zero_amount_is_kept():
    assert decoded(vietqr_payload("970403", "1", 0, "x"))["amount"] == 0


def test_corrupted_payload_fails_crc():
    payload = vietqr_payload("970403", "7111012345678", 5_250_000, "QD 12/QD-XPHC")
    assert not crc_verifies(payload.replace("5250000", "5250001"))


@pytest.mark.parametrize(
    ("message", "purpose"),
    [
        ("Nộp phạt QĐ 12/QĐ-XPHC Đặng Văn Đức", "Nop phat QD 12/QD-XPHC"),
        ("Đặng Văn Đức", "Dang Van Duc"),
        ("ĐẶNG VĂN ĐỨC", "DANG VAN DUC"),
        ("Nguyễn Thị Ánh Tuyết", "Nguyen Thi Anh Tuyet"),
        ("ÐẶNG (eth typed for Đ)", "DANG eth typed for D"),
        ("Nộp   phạt\tQĐ\n12", "Nop phat QD 12"),
        ("QĐ số 7/QĐ-XPHC; ngày 1.2.2025", "QD so 7/QD-XPHC ngay"),
        ("a@b#c$d%e&f*g+h=i", "a b c d e f g h i"),
        ("Phạt 中文 €5", "Phat 5"),
        ("1234567890123456789012345678", "1234567890123456789012345"),
        ("", ""),
        (None, ""),
    ],
)
def test_purpose_folded_to_ascii(message, purpose):
    assert vietqr_purpose(message) == purpose


def test_purpose_cut_at_a_word():
    assert vietqr_purpose("QĐ 12/QĐ-XPHC Nguyễn Văn An") == "QD 12/QD-XPHC Nguyen Van"
    assert vietqr_purpose("x" * 23 + " y") == "x" * 23 + " y"  # exactly 25: kept
    assert vietqr_purpose("x" * 24 + " y") == "x" * 24
    assert vietqr_purpose("x" * 25 + " y") == "x" * 25


@pytest.mark.parametrize(
    ("bank_bin", "account", "amount", "error"),
    [
        ("97040", "1", None, "BIN"),
        ("9704031", "1", None, "BIN"),
        ("97040a", "1", None, "BIN"),
        ("٩٧٠٤٠٣", "1", None, "BIN"),  # Arabic-Indic digits are digits to str.isdigit, not to NAPAS
        (970403, "1", None, "BIN"),
        ("970403", "", None, "account"),
        ("970403", "1" * 20, None, "account"),
        ("970403", "7111 0123", None, "account"),
        ("970403", "7111-0123", None, "account"),
        ("970403", "Đ1", None, "account"),
        ("970403", None, None, "account"),
        ("970403", "1", -1, "amount"),
        ("970403", "1", AMOUNT_MAX + 1, "amount"),
        ("970403", "1", 1.5, "amount"),
        ("970403", "1", "1000", "amount"),
        ("970403", "1", True, "amount"),
    ],
)
def test_bad_inputs_rejected(bank_bin, account, amount, error):
    with pytest.raises(ValueError, match=error):
        vietqr_payload(bank_bin, account, amount, "x")


def test_largest_inputs_fit():
    payload = vietqr_payload("970403", "Z" * 19, AMOUNT_MAX, "M" * 40)
    fields = decoded(payload)
    assert fields["amount"] == AMOUNT_MAX
    assert fields["account"] == "Z" * 19
    assert fields["purpose"] == "M" * PURPOSE_MAX


@given(
    bank_bin=st.from_regex(r"[0-9]{6}", fullmatch=True),
    account=st.from_regex(r"[0-9A-Za-z]{1,19}", fullmatch=True),
    amount=st.none() | st.integers(min_value=0, max_value=AMOUNT_MAX),
    message=st.text(),
)
def test_payload_round_trips(bank_bin, account, amount, message):
    payload = vietqr_payload(bank_bin, account, amount, message)
    assert payload.isascii()
    assert crc_verifies(payload)
    fields = decoded(payload)
    assert (fields["bin"], fields["account"], fields["amount"]) == (bank_bin, account, amount)
    assert fields["initiation"] == ("11" if amount is None else "12")
    purpose = vietqr_purpose(message)
    assert fields["purpose"] == (purpose or None)
    assert len(purpose) <= PURPOSE_MAX
    assert vietqr_purpose(purpose) == purpose


def _svg(uri: str) -> bytes:
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    return base64.b64decode(uri[len(prefix) :], validate=True)


def test_svg_data_uri_is_an_svg():
    text = "https://xuphat.example.gov.vn/verify/" + "0123456789abcdef" * 4
    svg = _svg(qr_svg_data_uri(text)).decode("utf-8")
    assert svg.startswith("<svg ")
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert svg.rstrip().endswith("</svg>")
    # Version 6 at level M for this URL: 41 modules and a 4-module quiet zone, 4 px each.
    assert 'width="196" height="196"' in svg
    assert 'width="392" height="392"' in _svg(qr_svg_data_uri(text, scale=8)).decode()


def test_short_text_is_a_full_qr_code_not_micro():
    svg = _svg(qr_svg_data_uri("1", scale=1)).decode()
    assert 'width="29" height="29"' in svg  # version 1: 21 modules + 2 × 4 quiet zone


def test_vietqr_payload_fits_a_small_code():
    payload = vietqr_payload("970403", "7111012345678", 5_250_000, "Nộp phạt QĐ 12/QĐ-XPHC Đặng Văn Đức")
    assert _svg(qr_svg_data_uri(payload)).startswith(b"<svg ")


def test_png_bytes():
    image = pytest.importorskip("PIL.Image")
    png = qr_png_bytes("1", scale=2)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with image.open(io.BytesIO(png)) as img:
        assert img.size == (58, 58)
        img = img.convert("L")
        assert img.getpixel((0, 0)) == 255  # quiet zone is white
        assert img.getpixel((8, 8)) == 0  # top-left finder pattern is black


def test_weasyprint_renders_the_data_uri(caplog):
    weasyprint = pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")

    def content_length(html: str) -> int:
        pdf = weasyprint.HTML(string=html).write_pdf()
        return len(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data())

    uri = qr_svg_data_uri("https://xuphat.example.gov.vn/verify/" + "ab" * 32)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        with_qr = content_length(f'<p>x</p><img src="{uri}" style="width:30mm">')
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    # The modules are drawn as vector paths: the page grows by kilobytes, not by a missing-image box.
    assert with_qr > content_length("<p>x</p>") + 2000
