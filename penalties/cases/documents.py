"""The record of an administrative violation (form MBB01 of Decree 118/2021) as plain data and as a PDF.

`record_data` gathers what the form needs from a case as strings, ints, ISO dates and lists, so the data
can be stored beside the rendered bytes (SPEC §6) and the template holds only the official wording.
The record states no amounts: it is not a decision (Law Art. 58).
"""

import re
from datetime import date, datetime

import sqlalchemy as sa

from penalties.auth.models import User
from penalties.cases.models import Case, CaseEvidence, Violation
from penalties.cases.pricing import act_range
from penalties.core.documents import StoredDocument
from penalties.core.formatting import LEGAL_TZ, local_today, official_date
from penalties.core.render import render_pdf
from penalties.extensions import db
from penalties.law import fines, territory
from penalties.law.parameters import value_on
from penalties.law.positions import POSITIONS
from penalties.units.models import Unit

TEMPLATE = "documents/mbb01.html"
TEMPLATE_VERSION = "mbb01-2021.1"
# How the Law is cited in our documents (SPEC §6).
LAW = "Luật Xử lý vi phạm hành chính năm 2012, sửa đổi, bổ sung năm 2020 và năm 2025"
D118 = "Nghị định số 118/2021/NĐ-CP ngày 23 tháng 12 năm 2021 của Chính phủ"
D118_TITLE = "quy định chi tiết một số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính"
# Decrees amending Decree 118, from the day each took effect.
D118_AMENDMENTS = ((date(2025, 5, 2), "Nghị định số 68/2025/NĐ-CP"), (date(2025, 7, 1), "Nghị định số 190/2025/NĐ-CP"))
# The level word that starts a unit's name; the place name of a document drops it (Decree 30/2020, II.4.a).
LEVEL_WORDS = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Thị trấn", "Phường", "Xã", "Đặc khu")
DECREE = re.compile(r"Nghị định\s+(?:số\s+)?(\d+/\d{4}/NĐ-CP)")
LICENCE_WITHDRAWAL = "tước quyền sử dụng giấy phép"


def render_record_pdf(case: Case) -> bytes:
    """Render the case's record (MBB01) to PDF bytes."""
    return render_pdf(TEMPLATE, doc=record_data(case))


def record_data(case: Case) -> dict:
    """Return what form MBB01 prints for the case, as plain data (strings, ints, ISO dates, lists)."""
    recorded, detected = case.recorded_at.astimezone(LEGAL_TZ), case.detected_at.astimezone(LEGAL_TZ)
    party = case.violator_snapshot.get("kind", case.violator.kind)
    violations = [_violation(v, party) for v in case.violations]
    violator = _violator(case.violator_snapshot, min((v.violated_on for v in case.violations), default=None))
    at_scene = detected.date() == recorded.date()
    # The field of state management (footnote 2: Law Art. 24(1)), one per sector of the acts.
    sectors = list(dict.fromkeys(_lower_first(v.act.sector.name) for v in case.violations))
    explain = any(v["right_to_explain"] for v in violations)
    recorder, witnesses = _recorder(case), _witnesses(case.witnesses)
    return {
        "template_version": TEMPLATE_VERSION,
        "case_id": case.id,
        "number": case.number,
        "number_text": _number_text(case.number),
        "agency": _agency(case.unit, recorded.date()),
        "place_date": _place_date(case.unit, recorded.date()),
        "sectors": sectors,
        "subject": _joined(sectors),
        "recorded": _moment(recorded),
        "detected": _moment(detected),
        "recorded_at_scene": at_scene,
        "recording_place": _scene(case, recorded.date()) if at_scene else _office(case.unit),
        "grounds": _grounds(case, detected),
        "recorder": recorder,
        "witnesses": witnesses,
        "violator": violator,
        "description": case.description,
        "violation_place": _scene(case, recorded.date()),
        "violations": violations,
        "circumstances": _circumstances(case),
        "right_to_explain": _explanation(case, recorded.date()) if explain else None,
        "summons_place": _office(case.unit),
        # One copy to the violator (or a minor's parent or guardian), one kept in the file.
        "delivery": {"to": violator["addressee"], "copies": 2, "minor": violator["minor"]},
        "signatures": {
            "violator": violator["addressee"],
            "recorder": {"title": recorder["title"], "name": recorder["name"]},
            "witnesses": [w["name"] for w in witnesses],
        },
    }


def _moment(moment: datetime) -> dict:
    return {
        "at": moment.isoformat(),
        "date": moment.date().isoformat(),
        "date_text": moment.strftime("%d/%m/%Y"),
        "hour": moment.strftime("%H"),
        "minute": moment.strftime("%M"),
    }


def number_text(number: str) -> str:
    """Return the number as printed: numbers below 10 take a leading 0 (Decree 30/2020, II.3.c)."""
    seq, _, symbol = number.partition("/")
    return f"{int(seq):02d}/{symbol}" if seq.isdigit() else number


_number_text = number_text


def _joined(items: list[str]) -> str:
    """Return 'a', 'a và b', 'a, b và c'."""
    return " và ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


_lower_first = lower_first


def committee_name(unit: Unit) -> str:
    return f"Ủy ban nhân dân {_lower_first(unit.name)}"


_committee = committee_name


def issuing_agency(unit: Unit, day: date) -> dict:
    """Return the issuing body (the unit's People's Committee) and the body directly above it as on the document's
    day (Decree 30/2020, App. I II.2; SPEC §0: no district from 01/07/2025)."""
    parent = territory.parent_on(unit, day)
    return {
        "unit": unit.name,
        "name": _committee(unit),
        "name_lines": ["Ủy ban nhân dân", _lower_first(unit.name)],
        "parent_unit": parent.name if parent else None,
        "parent": _committee(parent) if parent else None,
        "parent_short": f"UBND {_lower_first(parent.name)}" if parent else None,
        "address": unit.address,
        "chairman": f"Chủ tịch {_committee(unit)}",
    }


_agency = issuing_agency


def place_name(unit: Unit) -> str:
    """Return the place name of a document: the unit's name without its level word, unless it is a number."""
    for word in LEVEL_WORDS:
        if unit.name.startswith(word + " "):
            rest = unit.name[len(word) + 1 :].strip()
            return unit.name if rest.isdigit() else rest
    return unit.name


def _place_date(unit: Unit, day: date) -> str:
    return f"{place_name(unit)}, {official_date(day)}"


def violation_place(case: Case, day: date) -> str:
    """Return the place of the violation as written on the day: the address, the ward, then the units above it then
    (an address written from 01/07/2025 names no district, SPEC §0)."""
    return ", ".join(
        [case.location_address, *(_lower_first(u.name) for u in territory.chain_on(case.location_unit, day))]
    )


_scene = violation_place


def _office(unit: Unit) -> str:
    place = f"trụ sở {_committee(unit)}"
    return f"{place}, {unit.address}" if unit.address else place


def _grounds(case: Case, detected: datetime) -> list[str]:
    """Return the grounds of the record (footnote 4): the law, the decrees, what revealed the violation."""
    amended = [name for start, name in D118_AMENDMENTS if local_today(case.recorded_at) >= start]
    d118 = f"{D118} {D118_TITLE}"
    if amended:
        d118 += ", được sửa đổi, bổ sung bởi " + " và ".join(amended)
    decrees = dict.fromkeys(f"Nghị định số {m}" for v in case.violations for m in DECREE.findall(v.act.legal_basis))
    grounds = [f"Điều 58 {LAW}", d118, *decrees]
    grounds.append(
        f"Kết quả phát hiện vi phạm hành chính hồi {detected:%H} giờ {detected:%M} phút, ngày {detected:%d/%m/%Y}"
    )
    evidence = db.session.execute(
        sa.select(CaseEvidence.caption, StoredDocument.filename)
        .join(StoredDocument, StoredDocument.id == CaseEvidence.document_id)
        .where(CaseEvidence.case_id == case.id)
        .order_by(StoredDocument.id)
    ).all()
    if evidence:
        grounds.append("Tài liệu, hình ảnh ghi nhận vi phạm: " + "; ".join(c or f for c, f in evidence))
    return grounds


def recorder_of(case: Case) -> dict:
    """Return the person who drew up the record: the user who recorded the case."""
    user = db.session.get(User, case.created_by_id) if case.created_by_id else None
    title = (user.title or POSITIONS.get(user.position or "", "")) if user else ""
    return {"name": user.full_name if user else "", "title": title or "", "agency": _committee(case.unit)}


_recorder = recorder_of


def _witnesses(text: str) -> list[dict]:
    """Split the witnesses, one a line (or separated by ';'), into name and what follows the first comma."""
    people = []
    for line in re.split(r"[\n;]+", text or ""):
        name, _, details = line.strip().partition(",")
        if name.strip():
            people.append({"name": name.strip(), "details": details.strip(), "text": line.strip()})
    return people


def violator_block(snapshot: dict, violated_on: date | None) -> dict:
    """Return the violator's block; the snapshot holds no sex, nationality, occupation or ID issue data."""
    birth = date.fromisoformat(snapshot["birth_date"]) if snapshot.get("birth_date") else None
    minor = bool(birth and violated_on and fines.age_on(birth, violated_on) < 18)
    kind = snapshot.get("kind", "individual")
    representative = snapshot.get("representative") or ""
    return {
        "kind": kind,
        "name": snapshot.get("name", ""),
        "id_number": snapshot.get("id_number", ""),
        "birth_date": birth.isoformat() if birth else None,
        "birth_date_text": birth.strftime("%d/%m/%Y") if birth else "",
        "address": snapshot.get("address", ""),
        "representative": representative,
        "minor": minor,
        # Who is addressed as "ông (bà)": the person, or the organisation's legal representative.
        "addressee": snapshot.get("name", "") if kind == "individual" else representative,
    }


_violator = violator_block


def circumstances_of(case: Case) -> list[dict]:
    """Return the circumstances chosen, mitigating first (Law Art. 9, 10)."""
    ordered = sorted(case.circumstances, key=lambda c: (c.kind != "mitigating", c.sort_order, c.code))
    return [{"kind": c.kind, "code": c.code, "text": c.text, "article": c.article} for c in ordered]


_circumstances = circumstances_of


def _violation(violation: Violation, party: str) -> dict:
    act = violation.act
    licence = any(LICENCE_WITHDRAWAL in s.lower() for s in act.additional_sanctions or [])
    return {
        "position": violation.position,
        "act_code": act.code,
        "description": act.description,
        "legal_basis": act.legal_basis,
        "sector": act.sector.name,
        "violated_on": violation.violated_on.isoformat(),
        "violated_on_text": violation.violated_on.strftime("%d/%m/%Y"),
        "ended_on": violation.ended_on.isoformat() if violation.ended_on else None,
        "ended_on_text": violation.ended_on.strftime("%d/%m/%Y") if violation.ended_on else "",
        "ongoing": violation.ended_on is None,
        "right_to_explain": fines.right_to_explain(act_range(act), party, violation.violated_on, licence),
    }


def _explanation(case: Case, recorded_on: date) -> dict:
    """Return the right to explain (Law Art. 61): a hearing asked within 2, a written one within 5 working days."""
    return {
        "hearing_days": value_on("explanation_hearing_request_working_days", recorded_on),
        "written_days": value_on("explanation_written_working_days", recorded_on),
        "to": f"Chủ tịch {_committee(case.unit)}",
        "article": f"Điều 61 {LAW}",
    }
