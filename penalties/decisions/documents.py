"""The decisions' PDFs as plain data, rendered once at issuance: the sanction decision (form MQĐ02 of Decree
118/2021) and the decisions that correct (MQĐ39), amend (MQĐ38) or annul (MQĐ40) it.

`decision_data` and `correction_data` gather what the form prints as strings, ints, booleans, ISO dates and
lists, reusing the record's masthead and violator's block (cases/documents.py), so the data can be stored
beside the bytes (SPEC §6) and the template holds only the official wording. `issue_document` picks the form
by `Decision.kind`, renders and stores the PDF once; it is never rendered again. A PDF cannot carry its own
SHA-256, so its verification QR code carries `verification_code`, the SHA-256 of the data it was rendered
from; /verify accepts either.
"""

import hashlib
import json
import unicodedata
from datetime import date

from flask import current_app, has_request_context, request

from penalties.cases.documents import (
    D118_AMENDMENTS,
    DECREE,
    circumstances_of,
    committee_name,
    issuing_agency,
    lower_first,
    number_text,
    place_name,
    recorder_of,
    violation_place,
    violator_block,
)
from penalties.core.documents import StoredDocument, store_document
from penalties.core.formatting import local_today, official_date
from penalties.core.qr import qr_svg_data_uri, vietqr_payload
from penalties.core.render import render_pdf
from penalties.decisions.models import Decision, DecisionLine
from penalties.decisions.queries import issuing_unit
from penalties.extensions import db
from penalties.law.parameters import value_on
from penalties.law.positions import POSITIONS
from penalties.law.words import amount_in_words
from penalties.units.models import Unit

TEMPLATE = "documents/mqd02.html"
TEMPLATE_VERSION = "mqd02-2021.1"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"
# Added once the content code is known: the code cannot cover the QR code that carries it.
UNHASHED = ("verification_url", "verification_qr", "payment_qr")
SVG_KEYS = ("verification_qr", "payment_qr")
# The Law as SPEC §6 cites it, with the amending laws in force on the decision day (Law 67/2020, 88/2025).
LAW = "Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012"
LAW_AMENDMENTS = ((date(2022, 1, 1), "năm 2020"), (date(2025, 7, 1), "năm 2025"))
# First ground of MQĐ02: the articles on the decision, its delivery, payment and remedial measures.
LAW_ARTICLES = "Điều 57, Điều 68, Điều 70, Điều 78, Điều 85"
# Law Art. 78(1) as amended 2020: fines may also be paid online, through the National Public Service Portal.
ONLINE_PORTAL = "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)"
# Decrees our grounds cite: date and title (footnote 4 asks for the full name of the sector decree).
DECREES = {
    "118/2021/NĐ-CP": (
        date(2021, 12, 23),
        "quy định chi tiết một số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính",
    ),
    "68/2025/NĐ-CP": (date(2025, 3, 18), ""),
    "190/2025/NĐ-CP": (date(2025, 7, 1), ""),
    "16/2022/NĐ-CP": (date(2022, 1, 28), "quy định xử phạt vi phạm hành chính về xây dựng"),
    "168/2024/NĐ-CP": (
        date(2024, 12, 26),
        "quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ; "
        "trừ điểm, phục hồi điểm giấy phép lái xe",
    ),
    "100/2019/NĐ-CP": (
        date(2019, 12, 30),
        "quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt",
    ),
    "45/2022/NĐ-CP": (date(2022, 7, 7), "quy định về xử phạt vi phạm hành chính trong lĩnh vực bảo vệ môi trường"),
    "144/2021/NĐ-CP": (
        date(2021, 12, 31),
        "quy định xử phạt vi phạm hành chính trong lĩnh vực an ninh, trật tự, an toàn xã hội; phòng, chống tệ nạn "
        "xã hội; phòng cháy và chữa cháy; cứu nạn, cứu hộ; phòng, chống bạo lực gia đình",
    ),
    "123/2024/NĐ-CP": (date(2024, 10, 4), "quy định về xử phạt vi phạm hành chính trong lĩnh vực đất đai"),
}
# The decisions linked to a sanction decision (SPEC §1; D118 Art. 13–16): their form, template version, subject
# and the articles of Decree 118 their grounds cite (Art. 14 or 13 as the forms do, Art. 15 for time and content).
CORRECTION_FORMS = {
    "correction": {
        "template": "documents/mqd39.html",
        "version": "mqd39-2021.1",
        "subject": "Đính chính quyết định trong xử phạt vi phạm hành chính",
        "articles": "Điều 14, Điều 15",
    },
    "amendment": {
        "template": "documents/mqd38.html",
        "version": "mqd38-2021.1",
        "subject": "Sửa đổi, bổ sung, hủy bỏ một phần quyết định trong xử phạt vi phạm hành chính",
        "articles": "Điều 14, Điều 15",
    },
    "annulment": {
        "template": "documents/mqd40.html",
        "version": "mqd40-2021.1",
        "subject": "Hủy bỏ quyết định trong xử phạt vi phạm hành chính",
        "articles": "Điều 13, Điều 15",
    },
}
# First ground of MQĐ38–40: who corrects, amends or annuls (the forms cite "khoản 3 Điều 18").
CORRECTION_LAW_ARTICLES = "khoản 3 Điều 18"
# MQĐ39 footnote 11: the reason is the case of D118 Art. 14(1), an error in drafting.
CORRECTION_GROUND = "Quyết định có sai sót về kỹ thuật soạn thảo (khoản 1 Điều 14 Nghị định số 118/2021/NĐ-CP)"
# Where MQĐ02 prints the main sanction and the fines: an amendment replaces this point.
FINE_POINT = "điểm a khoản 6 Điều 1"
ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")


def decision_data(decision: Decision) -> dict:
    """Return what form MQĐ02 prints for the decision, as plain data, with its verification and payment QR."""
    case, unit = decision.case, issuing_unit(decision)
    violated_on = min((v.violated_on for v in case.violations), default=None)
    circumstances = circumstances_of(case)
    data = {
        "template_version": TEMPLATE_VERSION,
        "decision_id": decision.id,
        "case_id": case.id,
        "number": decision.number,
        "number_text": number_text(decision.number),
        "issued_on": _day(decision.issued_on),
        "agency": issuing_agency(unit, decision.issued_on),
        "place_date": f"{place_name(unit)}, {_long_date(decision.issued_on)}",
        "title": "QUYẾT ĐỊNH",
        "subject": "Xử phạt vi phạm hành chính",
        "authority": _authority(decision.signer_position, unit)["line"],
        "grounds": _grounds(decision),
        "violator": violator_block(case.violator_snapshot, violated_on),
        "violation_place": violation_place(case, decision.issued_on),
        "lines": [_line(line) for line in decision.lines],
        "aggravating": [_circumstance(c) for c in circumstances if c["kind"] == "aggravating"],
        "mitigating": [_circumstance(c) for c in circumstances if c["kind"] == "mitigating"],
        "sanction": _sanction(decision),
        "additional_sanctions": list(decision.additional_sanctions or []),
        "remedial_measures": list(decision.remedial_measures or []),
        "effective": "ngày ký",  # footnote 16: the usual case
        "payment": _payment(decision, unit),
        "execution_by": _execution_by(decision),
        "recipients": _recipients(decision, unit),
        "signature": _signature(decision, unit),
    }
    url = f"{_public_url()}/verify/{verification_code(data)}"
    payment = data["payment"]
    return {
        **data,
        "verification_url": url,
        "verification_qr": qr_svg_data_uri(url),
        "payment_qr": qr_svg_data_uri(payment["vietqr"]) if payment and payment["vietqr"] else None,
    }


def correction_data(decision: Decision) -> dict:
    """Return what MQĐ39 (correction), MQĐ38 (amendment) or MQĐ40 (annulment) prints, as plain data, with its QR."""
    form, original, case = CORRECTION_FORMS[decision.kind], decision.amends, decision.case
    unit = issuing_unit(decision)
    violated_on = min((v.violated_on for v in case.violations), default=None)
    block = violator_block(case.violator_snapshot, violated_on)
    violator = {key: block[key] for key in ("kind", "name", "addressee")}
    cited = _original(original, violator)
    data = {
        "template_version": form["version"],
        "kind": decision.kind,
        "decision_id": decision.id,
        "case_id": case.id,
        "number": decision.number,
        "number_text": number_text(decision.number),
        "issued_on": _day(decision.issued_on),
        "agency": issuing_agency(unit, decision.issued_on),
        "place_date": f"{place_name(unit)}, {_long_date(decision.issued_on)}",
        "title": "QUYẾT ĐỊNH",
        "subject": form["subject"],
        "authority": _authority(decision.signer_position, unit)["line"],
        "grounds": [
            _law(CORRECTION_LAW_ARTICLES, decision.issued_on),
            _d118(decision.issued_on, form["articles"]),
            f"{cited['citation']} của {cited['authority']}",
            *filter(None, [_delegation(decision)]),
        ],
        "original": cited,
        "violator": violator,
        "reason": _paragraphs(decision.reason),
        "effective": "ngày ký",  # footnote 13 (MQĐ40: 11): the usual case
        "treasury": None if decision.kind == "annulment" else _treasury(decision, unit),
        "execution_by": _execution_by(decision),
        "recipients": _recipients(decision, unit),
        "signature": _signature(decision, unit),
    }
    if decision.kind == "correction":
        data["error"] = CORRECTION_GROUND
    elif decision.kind == "amendment":
        data["amended_point"] = FINE_POINT
        data["lines"] = [_line(line) for line in decision.lines]
        data["sanction"] = _sanction(decision)
    else:
        data["consequence"] = _consequence(original, violator)
        # MQĐ40 Điều 3.2 "để biết và phối hợp thực hiện (nếu có)": the Treasury that was to collect the fine.
        treasury = _treasury(original, issuing_unit(original))
        data["informed"] = [treasury["name"]] if treasury and treasury["name"] else []
    url = f"{_public_url()}/verify/{verification_code(data)}"
    return {**data, "verification_url": url, "verification_qr": qr_svg_data_uri(url)}


def verification_code(data: dict) -> str:
    """Return the SHA-256 (hex) of the canonical JSON of the data, without the verification and payment QR keys."""
    content = {key: value for key, value in data.items() if key not in UNHASHED}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def issue_document(decision: Decision, *, actor) -> StoredDocument:
    """Render the decision's PDF once, in the form of its kind, and store it with its SHA-256, template version
    and data (SPEC §6): MQĐ02 for a sanction; MQĐ39, MQĐ38 or MQĐ40 for a correction, amendment or annulment."""
    if decision.kind == "sanction":
        template, version, data = TEMPLATE, TEMPLATE_VERSION, decision_data(decision)
    else:
        form = CORRECTION_FORMS[decision.kind]
        template, version, data = form["template"], form["version"], correction_data(decision)
    decision.verification_code = verification_code(data)
    pdf = render_pdf(template, doc=data)
    document = store_document(
        "decision_pdf",
        f"quyet-dinh-{_ascii(decision.number.replace('/', '-'))}.pdf",
        "application/pdf",
        pdf,
        template_version=version,
        rendered_data={key: value for key, value in data.items() if key not in SVG_KEYS},
        created_by_id=getattr(actor, "id", None) or decision.created_by_id,
    )
    db.session.add(document)
    decision.document = document
    db.session.flush()
    return document


def _public_url() -> str:
    """The address printed in the verification QR code: the configured one (required in production), else the one
    the request came to (`make run PORT=5601` prints :5601), else — a document rendered outside a request, by the
    CLI — the default address of `make run`."""
    configured = current_app.config.get("PENALTIES_PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    return request.host_url.rstrip("/") if has_request_context() else DEFAULT_PUBLIC_URL


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if ch.isascii())


def _date_text(day: date) -> str:
    """Return 04/3/2026: a leading 0 for days below 10 and for months 1 and 2 only (Decree 30/2020, II.4.b)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def _long_date(day: date) -> str:
    return official_date(day)


def _day(day: date) -> dict:
    return {"date": day.isoformat(), "text": _date_text(day), "long": _long_date(day)}


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _decree(number: str) -> str:
    """Return "Nghị định số …/…/NĐ-CP ngày … của Chính phủ …", as far as we know its date and title."""
    issued, title = DECREES.get(number, (None, ""))
    name = f"Nghị định số {number}" + (f" {_long_date(issued)}" if issued else "")
    return " ".join(filter(None, [name, "của Chính phủ" if title else "", title]))


def _law(articles: str, day: date) -> str:
    """Return "<articles> Luật Xử lý vi phạm hành chính …, được sửa đổi, bổ sung năm 2020 và năm 2025" (SPEC §6)."""
    return f"{articles} {LAW}, được sửa đổi, bổ sung " + " và ".join(y for s, y in LAW_AMENDMENTS if day >= s)


def _d118(day: date, articles: str = "") -> str:
    """Return Decree 118 (its articles first, if given), with the decrees amending it in force on the day."""
    d118 = " ".join(filter(None, [articles, _decree("118/2021/NĐ-CP")]))
    amending = [_decree(m) for start, name in D118_AMENDMENTS if day >= start for m in DECREE.findall(name)]
    if amending:
        d118 += ", được sửa đổi, bổ sung bởi " + " và ".join(amending) + " của Chính phủ"
    return d118


def _grounds(decision: Decision) -> list[str]:
    """Return the grounds ("Căn cứ …"): the Law, Decree 118, the sector decrees, the record, the delegation."""
    day, case = decision.issued_on, decision.case
    sector = dict.fromkeys(m for line in decision.lines for m in DECREE.findall(line.act.legal_basis))
    recorded_on = local_today(case.recorded_at)
    record = f"Biên bản vi phạm hành chính số {number_text(case.number)} lập ngày {_date_text(recorded_on)}"
    return [
        _law(LAW_ARTICLES, day),
        _d118(day),
        *map(_decree, sector),
        record,
        *filter(None, [_delegation(decision)]),
    ]


def _delegation(decision: Decision) -> str | None:
    """Return the delegation decision a deputy signs under (Law Art. 54; D118 Art. 10), as the form cites it."""
    if not decision.delegation:
        return None
    signer = decision.signer
    if not (signer.delegation_number and signer.delegation_on):
        return decision.delegation
    return (
        f"Quyết định số {signer.delegation_number} ngày {_date_text(signer.delegation_on)} "
        "về việc giao quyền xử phạt vi phạm hành chính"
    )


def _authority(position: str | None, unit: Unit) -> dict:
    """Return the title of the deciding official (footnote 3) and the chief's title for the signature."""
    if (position or "").startswith("chu_tich_ubnd"):
        return {"chief": "Chủ tịch", "line": f"Chủ tịch {committee_name(unit)}"}
    if position == "truong_cong_an_xa":
        return {"chief": "Trưởng Công an", "line": f"Trưởng Công an {lower_first(unit.name)}"}
    title = POSITIONS.get(position or "", "")
    return {"chief": title, "line": title}


def _circumstance(item: dict) -> dict:
    return {"code": item["code"], "text": item["text"], "article": item["article"]}


def _line(line: DecisionLine) -> dict:
    act = line.act
    return {
        "position": line.position,
        "ordinal": f"thứ {ORDINALS[line.position - 1]}" if line.position <= len(ORDINALS) else f"thứ {line.position}",
        "act_code": act.code,
        "description": act.description,
        "legal_basis": act.legal_basis,
        "basis": line.basis,
        "fine_min": line.fine_min,
        "fine_max": line.fine_max,
        "proposed_amount": line.proposed_amount,
        "amount": line.amount,
        "amount_text": _money(line.amount),
        "amount_words": amount_in_words(line.amount),
        "reason": line.reason or "",
    }


def _sanction(decision: Decision) -> dict:
    """Return the main sanction: a warning, or the fines with their total in figures and in words (footnote 10)."""
    return {
        "warning": decision.warning,
        "main": "Cảnh cáo" if decision.warning else "Phạt tiền",
        "several": len(decision.lines) > 1,
        "total": decision.fine_total,
        "total_text": _money(decision.fine_total),
        "total_words": amount_in_words(decision.fine_total),
    }


def _payment(decision: Decision, unit: Unit) -> dict | None:
    """Return where and by when the fine is paid (Law Art. 73, 78), with the VietQR payload when we can."""
    if decision.warning or decision.fine_total <= 0:
        return None
    treasury = unit if unit.treasury_account else decision.unit
    rate = value_on("late_fee_rate_per_day", decision.issued_on) * 100
    vietqr = None
    if treasury.treasury_bank_bin and treasury.treasury_account:
        message = f"Nop phat {decision.number}"
        vietqr = vietqr_payload(treasury.treasury_bank_bin, treasury.treasury_account, decision.fine_total, message)
    return {
        "period_days": decision.payment_period_days,
        "treasury_name": treasury.treasury_name or "",
        "treasury_account": treasury.treasury_account or "",
        "bank_bin": treasury.treasury_bank_bin or "",
        "online": ONLINE_PORTAL,
        "late_fee_rate": f"{float(rate):g}".replace(".", ",") + "%",
        "vietqr": vietqr,
    }


def _original(original: Decision, violator: dict) -> dict:
    """Return the sanction decision a correction, amendment or annulment refers to (footnotes 7–10 of MQĐ38–40)."""
    day = _day(original.issued_on)
    who = violator["name"] if violator["kind"] == "organization" else f"ông (bà) {violator['name']}"
    return {
        "decision_id": original.id,
        "number": original.number,
        "number_text": number_text(original.number),
        "issued_on": day,
        "authority": _authority(original.signer_position, issuing_unit(original))["line"],
        "citation": f"Quyết định xử phạt vi phạm hành chính số {number_text(original.number)} ngày {day['text']}",
        "about": f"về việc xử phạt vi phạm hành chính đối với {who}",
        "fine_total": original.fine_total,
        "fine_total_text": _money(original.fine_total),
    }


def _paragraphs(text: str) -> list[str]:
    """Return the text's non-empty lines, each ending with a full stop (or its own closing punctuation)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [line if line[-1] in ".!?:;" else f"{line}." for line in lines]


def _treasury(decision: Decision, unit: Unit) -> dict | None:
    """Return the Treasury that collects the fine owed under the decision, if any is owed."""
    if decision.warning or decision.fine_total <= 0:
        return None
    treasury = unit if unit.treasury_account else decision.unit
    return {"name": treasury.treasury_name or "", "account": treasury.treasury_account or ""}


def _consequence(original: Decision, violator: dict) -> str:
    """Return what the annulment means for the violator: the annulled decision is not executed, nothing is owed."""
    who = violator["name"] if violator["kind"] == "organization" else f"ông (bà) {violator['name']}"
    cited = f"Quyết định số {number_text(original.number)} ngày {_date_text(original.issued_on)}"
    text = f"Kể từ ngày Quyết định này có hiệu lực, {who} không phải chấp hành {cited}"
    if original.fine_total > 0 and not original.warning:
        text += "; không phải nộp số tiền phạt và tiền chậm nộp phạt còn lại theo Quyết định đó"
    return text + "."


def _execution_by(decision: Decision) -> str:
    """Return who leads the execution (footnote 23): the official who drew up the record."""
    recorder = recorder_of(decision.case)
    if not recorder["name"]:
        return ""
    return f"ông (bà) {recorder['name']}" + (f", {lower_first(recorder['title'])}" if recorder["title"] else "")


def _recipients(decision: Decision, unit: Unit) -> list[str]:
    """Return "Nơi nhận" (Decree 30/2020, II.9): Điều 3, the chief when a deputy signs, the file."""
    recipients = ["Như Điều 3"]
    if decision.delegation:
        recipients.append(f"Chủ tịch {committee_name(unit)} (để báo cáo)")
    return [*recipients, "Lưu: Hồ sơ"]


def _signature(decision: Decision, unit: Unit) -> dict:
    """Return the signature block: "KT." before the chief's title when a deputy signs (footnote 25)."""
    chief = _authority(decision.signer_position, unit)["chief"].upper()
    delegated = bool(decision.delegation)
    return {
        "delegated": delegated,
        "authority": f"KT. {chief}" if delegated else chief,
        "title": (decision.signer.title or f"Phó {chief}").upper() if delegated else "",
        "name": decision.signer.full_name,
    }
