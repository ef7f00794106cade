"""QR codes: the VietQR payment payload (NAPAS 247, EMVCo merchant-presented mode) and segno rendering.

VietQR is the EMVCo QR Code Specification for Payment Systems (merchant-presented mode) as profiled by
NAPAS ("Technical Specifications on NAPAS QR Switching", v1.5.2): a string of ID-length-value data
objects, the ID and the length two digits each, ending with a CRC-16/CCITT-FALSE over everything before
it, including the CRC's own "6304". A transfer to a bank account carries, in ID 38, the NAPAS GUID, the
beneficiary bank's BIN and account number, and the service code QRIBFTTA.

The decision PDF and pages embed the codes as SVG data URIs, which WeasyPrint renders like any image.
"""

import base64
import binascii
import io
import re
import string

import segno

from penalties.core.text import fold, nfc

NAPAS_GUID = "A000000727"
SERVICE_TRANSFER_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"  # ISO 4217
COUNTRY_VN = "VN"  # ISO 3166-1 alpha-2
PURPOSE_MAX = 25  # NAPAS v1.5.2, ID 62-08 "Purpose of Transaction": ans, var. up to 25
AMOUNT_MAX = 10**13 - 1  # EMVCo ID 54: up to 13 characters; đồng have no decimals

# Banks pass the purpose on as the transfer's description, and several refuse or drop special
# characters there: keep letters, digits, spaces and the punctuation of document numbers (12/QĐ-XPHC).
_PURPOSE_CHARS = frozenset(string.ascii_letters + string.digits + " -./,")
# Ð (U+00D0, Icelandic eth) is often typed for Đ (U+0110); both fold to D here.
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})
_BIN = re.compile(r"[0-9]{6}")
_ACCOUNT = re.compile(r"[0-9A-Za-z]{1,19}")


def crc16_ccitt_false(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) as 4 upper-case hex digits."""
    return f"{binascii.crc_hqx(data.encode('utf-8'), 0xFFFF):04X}"


def vietqr_purpose(message: str | None) -> str:
    """The transfer description as it goes into the payload: ASCII, case kept, at most 25 characters.

    'Nộp phạt QĐ 12/QĐ-XPHC' → 'Nop phat QD 12/QD-XPHC'. Diacritics are removed by the search fold,
    letter by letter so that capitals stay capitals; other characters become spaces; a text that is too
    long is cut at the last word that fits, so the identifying part (the decision number) goes first.
    """
    letters = []
    for ch in nfc(message).translate(_ETH):
        plain = " " if ch.isspace() else fold(ch)
        letters.append(plain.upper() if ch.isupper() else plain)
    text = " ".join("".join(c if c in _PURPOSE_CHARS else " " for c in "".join(letters)).split())
    if len(text) > PURPOSE_MAX:
        cut = text[: PURPOSE_MAX + 1]
        space = cut.rfind(" ")
        text = cut[:space] if space > 0 else text[:PURPOSE_MAX]
    return text.rstrip()


def _tlv(tag: str, value: str) -> str:
    if not 1 <= len(value) <= 99:
        raise ValueError(f"VietQR field {tag} must hold 1 to 99 characters, got {len(value)}")
    return f"{tag}{len(value):02d}{value}"


def vietqr_payload(bank_bin: str, account: str, amount: int | None, message: str) -> str:
    """The VietQR (NAPAS 247) string for a transfer of `amount` đồng to `account` at the bank `bank_bin`.

    With an amount the code is dynamic ("12") and the payer's app fills the amount in; without one it is
    static ("11") and the payer types it. `message` becomes the transfer description (see vietqr_purpose);
    an empty one is left out.
    """
    if not isinstance(bank_bin, str) or not _BIN.fullmatch(bank_bin):
        raise ValueError(f"bank BIN must be exactly 6 digits, got {bank_bin!r}")
    if not isinstance(account, str) or not _ACCOUNT.fullmatch(account):
        raise ValueError(f"account number must be 1 to 19 letters or digits, got {account!r}")
    if amount is not None:
        if not isinstance(amount, int) or isinstance(amount, bool):
            raise ValueError(f"amount must be a whole number of đồng, got {amount!r}")
        if not 0 <= amount <= AMOUNT_MAX:
            raise ValueError(f"amount must be between 0 and {AMOUNT_MAX} đồng, got {amount}")

    beneficiary = _tlv("00", bank_bin) + _tlv("01", account)
    payload = _tlv("00", "01") + _tlv("01", "11" if amount is None else "12")
    payload += _tlv("38", _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_TRANSFER_TO_ACCOUNT))
    payload += _tlv("53", CURRENCY_VND)
    if amount is not None:
        payload += _tlv("54", str(amount))
    payload += _tlv("58", COUNTRY_VN)
    if purpose := vietqr_purpose(message):
        payload += _tlv("62", _tlv("08", purpose))
    payload += "6304"
    return payload + crc16_ccitt_false(payload)


def _qr(text: str) -> segno.QRCode:
    # make_qr, not make: a short text would otherwise become a Micro QR, which phones do not read.
    return segno.make_qr(text, error="M", boost_error=False)


def qr_svg_data_uri(text: str, scale: int = 4) -> str:
    """A `data:image/svg+xml;base64,…` URI of the QR code of `text` (error correction M, 4-module quiet zone).

    Base64 keeps the URI free of quotes and spaces, so it goes as is into an <img src> in HTML and in
    the documents WeasyPrint renders. Black on white, whatever the page's colours.
    """
    buf = io.BytesIO()
    _qr(text).save(buf, kind="svg", scale=scale, border=4, dark="#000", light="#fff", xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def qr_png_bytes(text: str, scale: int = 4) -> bytes:
    """The QR code of `text` as a PNG (error correction M, 4-module quiet zone), e.g. for download."""
    buf = io.BytesIO()
    _qr(text).save(buf, kind="png", scale=scale, border=4, dark="#000", light="#fff")
    return buf.getvalue()
