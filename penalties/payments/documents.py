"""The PDFs of the decisions that follow a sanction decision, rendered once and stored like it (SPEC §6, §6b):
postponement of the fine (form MQĐ03 of Decree 118/2021, Law Art. 76), reduction or exemption of the rest (MQĐ04,
Art. 77), payment in installments (MQĐ05, Art. 79) and enforcement (MQĐ12c, Art. 86–87).

`postponement_data`, `installment_data` and `enforcement_data` gather what each form prints as plain data, reusing
the sanction decision's masthead, authority, grounds, violator's block and signature (decisions/documents.py,
cases/documents.py); the templates hold only the official wording. They are signed by the official who signed the
sanction decision ("người đã ra quyết định xử phạt", Law Art. 76, 79), under the same delegation if any. These
decisions carry no verification QR code: /verify checks sanction decisions only.
"""

from datetime import date

import sqlalchemy as sa

from penalties.cases.documents import issuing_agency, lower_first, number_text, place_name, violator_block
from penalties.core.documents import StoredDocument, store_document
from penalties.core.render import render_pdf
from penalties.decisions.corrections import in_force
from penalties.decisions.documents import (
    _ascii,
    _authority,
    _date_text,
    _day,
    _delegation,
    _execution_by,
    _law,
    _long_date,
    _money,
    _recipients,
    _signature,
    _treasury,
)
from penalties.decisions.models import Decision
from penalties.decisions.queries import figures_on, issuing_unit_on
from penalties.extensions import db
from penalties.law.calendar import add_months
from penalties.law.parameters import value_on
from penalties.law.words import amount_in_words
from penalties.payments.models import Enforcement, InstallmentPlan, Postponement, Reduction

# The measures of Law Art. 86(1), as the Law names them.
MEASURE_LABELS = {
    "salary_deduction": "Khấu trừ một phần lương hoặc một phần thu nhập",
    "account_deduction": "Khấu trừ tiền từ tài khoản tại tổ chức tín dụng",
    "distraint": "Kê biên tài sản có giá trị tương ứng với số tiền phạt để bán đấu giá",
    "third_party_collection": "Thu tiền, tài sản khác của đối tượng bị cưỡng chế do cá nhân, tổ chức khác đang giữ",
    "remedial_enforcement": "Buộc thực hiện biện pháp khắc phục hậu quả",
}
# MQĐ12c Điều 1.1 "Cưỡng chế <what> để thi hành …": the form's own words for its measure, the Law's for the others.
FORM_ACTIONS = {"third_party_collection": "thu tiền, tài sản"}
# The forms, their template versions, subjects (trích yếu), the Law articles of their first ground, stored kinds.
FORMS = {
    Postponement: {
        "template": "documents/mqd03.html",
        "version": "mqd03-2021.1",
        "subject": "Hoãn thi hành quyết định phạt tiền",
        "articles": "Điều 76",
        "kind": "postponement_pdf",
    },
    InstallmentPlan: {
        "template": "documents/mqd05.html",
        "version": "mqd05-2021.1",
        "subject": "Nộp tiền phạt nhiều lần",
        "articles": "Điều 79",
        "kind": "installment_pdf",
    },
    Reduction: {
        "template": "documents/mqd04.html",
        "version": "mqd04-2021.1",
        "subject": "Giảm tiền phạt vi phạm hành chính",  # "Miễn phần còn lại tiền phạt …" for an exemption
        "articles": "Điều 77",
        "kind": "reduction_pdf",
    },
    Enforcement: {
        "template": "documents/mqd12c.html",
        "version": "mqd12c-2021.1",
        "subject": "Cưỡng chế thi hành quyết định xử phạt vi phạm hành chính",
        "articles": "Điều 28, Điều 70, Điều 86, Điều 87",
        "kind": "enforcement_pdf",
    },
}
# MQĐ12c's second ground: the Government's decree on enforcement in force on the enforcement day, and its article
# on the decision for each measure (Decree 296/2025, in force from 2026-01-01, replaced Decree 166/2013).
ENFORCEMENT_DECREES = (
    (
        date(2026, 1, 1),
        "Nghị định số 296/2025/NĐ-CP ngày 16 tháng 11 năm 2025",
        {
            "salary_deduction": "Điều 12",
            "account_deduction": "Điều 17",
            "distraint": "Điều 23",
            "third_party_collection": "Điều 39",
            "remedial_enforcement": "Điều 41",
        },
    ),
    (date(2014, 1, 1), "Nghị định số 166/2013/NĐ-CP ngày 12 tháng 11 năm 2013", {}),
)
ENFORCEMENT_DECREE_TITLE = "của Chính phủ quy định về cưỡng chế thi hành quyết định xử phạt vi phạm hành chính"
# MQĐ12c grounds we hold no data for, dotted to be filled by hand: the verification record of the money and assets
# (not for remedial measures) and, when a deputy signs, the delegation of the power to enforce (Law Art. 87).
VERIFICATION_RECORD = (
    "Biên bản số: ……/BB-XMCC lập ngày ……/……/……… xác minh thông tin về tiền, tài sản của {party} bị cưỡng chế"
)
ENFORCEMENT_DELEGATION = (
    "Quyết định số: ……/QĐ-GQCC ngày ……/……/……… về việc giao quyền cưỡng chế thi hành quyết định xử phạt vi phạm "
    "hành chính"
)
ORDINALS = ("thứ nhất", "thứ hai", "thứ ba")


def postponement_data(p: Postponement) -> dict:
    """Return what MQĐ03 prints for the postponement (Law Art. 76), as plain data."""
    data, _ = _common(p, FORMS[Postponement])
    return {
        **data,
        "postponement_id": p.id,
        "requested_on": _day(p.requested_on),
        "certified_by": _certifier(p.hardship),
        "from_on": _day(p.decided_on),
        "until_on": _day(p.until_on),
    }


def installment_data(plan: InstallmentPlan) -> dict:
    """Return what MQĐ05 prints for the plan (Law Art. 79): the installments, in figures and in words, within
    a number of months from the day the sanction decision took effect (footnote 8: at most 06)."""
    data, decision = _common(plan, FORMS[InstallmentPlan])
    installments = [_installment(i) for i in plan.installments]
    total = sum(i.amount for i in plan.installments)
    last_due = max((i.due_on for i in plan.installments), default=decision.issued_on)
    return {
        **data,
        "plan_id": plan.id,
        "requested_on": _day(plan.requested_on),
        "certified_by": _certifier(plan.hardship),
        "months": f"{_months_between(decision.issued_on, last_due):02d}",
        "installments": installments,
        "total": total,
        "total_text": _money(total),
        "total_words": amount_in_words(total),
        "late_fee_rate": _rate_text(plan.decided_on),
    }


def enforcement_data(e: Enforcement) -> dict:
    """Return what MQĐ12c prints for the enforcement (Law Art. 86): the measure, and for the measures that collect
    money, the fine still owed plus the late fee up to the enforcement day, in figures and in words."""
    data, decision = _common(e, FORMS[Enforcement])
    label = MEASURE_LABELS[e.measure]
    money = e.measure != "remedial_enforcement"
    party = "tổ chức" if data["violator"]["kind"] == "organization" else "cá nhân"
    total = e.amount + e.late_fee
    current = in_force(decision, e.decided_on)
    grounds = data["grounds"]
    data["grounds"] = [
        grounds[0],
        _enforcement_decree(e.measure, e.decided_on),
        *([VERIFICATION_RECORD.format(party=party)] if money else []),
        *([ENFORCEMENT_DELEGATION] if decision.delegation else []),
    ]
    return {
        **data,
        "enforcement_id": e.id,
        "effective": f"ngày {_date_text(e.decided_on)}",
        "measure": e.measure,
        "measure_label": label,
        "action": FORM_ACTIONS.get(e.measure, lower_first(label)),
        "collects_money": money,
        # Who holds the money: the employer, the bank or the third party (filled by hand); none for distraint.
        "holder": e.measure in ("salary_deduction", "account_deduction", "third_party_collection"),
        "third_party": e.measure == "third_party_collection",
        "amount": e.amount,
        "amount_text": _money(e.amount),
        "late_fee": e.late_fee,
        "late_fee_text": _money(e.late_fee),
        "total": total,
        "total_text": _money(total),
        "total_words": amount_in_words(total),
        "remedial_measures": list(current.remedial_measures or decision.remedial_measures or []),
        "note": [line.strip() for line in (e.note or "").splitlines() if line.strip()],
    }


# What a reduction decision does, in the form's words (MQĐ04: "giảm/miễn phần còn lại").
REDUCTION_WHAT = {"reduce": "giảm", "exempt": "miễn phần còn lại"}


def reduction_data(r: Reduction) -> dict:
    """Return what MQĐ04 prints for a reduction or an exemption of the rest of the fine (Law Art. 77): the relief it
    follows (the postponement, the reduction or the installments) among the grounds, the amount remitted, in figures
    and in words, and after a reduction what is still to be paid."""
    data, decision = _common(r, FORMS[Reduction])
    what = REDUCTION_WHAT[r.kind]
    grounds = data["grounds"]
    data["grounds"] = [grounds[0], grounds[1], *_reliefs_cited(r), *grounds[2:]]
    owed = figures_on(decision, r.decided_on)  # the reduction itself counted (flushed before the rendering)
    left = max(owed.total - owed.principal_paid, 0)
    return {
        **data,
        "reduction_id": r.id,
        "kind": r.kind,
        "what": what,
        "subject": f"{what.capitalize()} tiền phạt vi phạm hành chính",
        "requested_on": _day(r.requested_on),
        "certified_by": _certifier(r.hardship),
        "amount": r.amount,
        "amount_text": _money(r.amount),
        "amount_words": amount_in_words(r.amount),
        "left": left,
        "left_text": _money(left),
        "left_words": amount_in_words(left),
    }


def _reliefs_cited(r: Reduction) -> list[str]:
    """The decisions of relief a reduction follows (Law Art. 77(1), (2)): postponement, earlier reductions, the plan."""
    cited = []
    for model, name in (
        (Postponement, "hoãn thi hành quyết định phạt tiền"),
        (InstallmentPlan, "nộp tiền phạt nhiều lần"),
    ):
        for earlier in db.session.scalars(
            sa.select(model).where(model.decision_id == r.decision_id, model.decided_on <= r.decided_on)
        ):
            cited.append(f"Quyết định số: {number_text(earlier.number)} ngày {_date_text(earlier.decided_on)} {name}")
    for earlier in db.session.scalars(
        sa.select(Reduction).where(
            Reduction.decision_id == r.decision_id, Reduction.id != r.id, Reduction.decided_on <= r.decided_on
        )
    ):
        cited.append(
            f"Quyết định số: {number_text(earlier.number)} ngày {_date_text(earlier.decided_on)} giảm tiền phạt"
        )
    return cited


# The data function of each form.
DATA_OF = {
    Postponement: postponement_data,
    InstallmentPlan: installment_data,
    Reduction: reduction_data,
    Enforcement: enforcement_data,
}


def issue_relief_document(record, *, actor) -> StoredDocument:
    """Render the record's form (MQĐ03 / MQĐ05 / MQĐ12c by type), store it once (bytes, SHA-256, template version,
    data), set record.document_id; flush only. A record that has its document keeps it: it is never re-rendered."""
    if record.document_id is not None:
        return db.session.get(StoredDocument, record.document_id)
    form = FORMS[type(record)]
    data = DATA_OF[type(record)](record)
    pdf = render_pdf(form["template"], doc=data)
    document = store_document(
        form["kind"],
        f"quyet-dinh-{_ascii(record.number.replace('/', '-'))}.pdf",
        "application/pdf",
        pdf,
        template_version=form["version"],
        rendered_data=data,
        created_by_id=getattr(actor, "id", None) or record.created_by_id,
    )
    db.session.add(document)
    db.session.flush()
    record.document_id = document.id
    db.session.flush()
    return document


def _common(record, form: dict) -> tuple[dict, Decision]:
    """Return what every form prints: masthead, number, place and date, subject, authority, grounds, the violator,
    the sanction decision cited, who executes it, the Treasury, recipients and the signer of the sanction decision."""
    decision = db.session.get(Decision, record.decision_id)
    unit, case, day = issuing_unit_on(decision, record.decided_on), decision.case, record.decided_on
    violated_on = min((v.violated_on for v in case.violations), default=None)
    sanction = _sanction_cited(decision, day)
    data = {
        "template_version": form["version"],
        "decision_id": decision.id,
        "case_id": case.id,
        "number": record.number,
        "number_text": number_text(record.number),
        "decided_on": _day(day),
        "agency": issuing_agency(unit, day),
        "place_date": f"{place_name(unit)}, {_long_date(day)}",
        "title": "QUYẾT ĐỊNH",
        "subject": form["subject"],
        "authority": _authority(decision.signer_position, unit)["line"],
        "grounds": [
            _law(form["articles"], day),
            f"Quyết định số: {sanction['number_text']} ngày {sanction['issued_on']['text']} xử phạt vi phạm hành chính"
            + sanction["amended_by"],
            *filter(None, [_delegation(decision)]),
        ],
        "sanction": sanction,
        "violator": violator_block(case.violator_snapshot, violated_on),
        "effective": "ngày ký",  # MQĐ03, MQĐ05: Điều 2 as printed
        "execution_by": _execution_by(decision),
        "treasury": _treasury(in_force(decision, day), unit),
        "recipients": _recipients(decision, unit),
        "signature": _signature(decision, unit),
    }
    return data, decision


def _sanction_cited(decision: Decision, day: date) -> dict:
    """Return the sanction decision as the forms cite it, with the amending decision in force on the day, if any."""
    current = in_force(decision, day)
    amended_by = ""
    if current.id != decision.id:
        amended_by = f", được sửa đổi, bổ sung bởi Quyết định số: {number_text(current.number)} ngày " + _date_text(
            current.issued_on
        )
    return {
        "number": decision.number,
        "number_text": number_text(decision.number),
        "issued_on": _day(decision.issued_on),
        "amended_by": amended_by,
        "fine_total": current.fine_total,
        "fine_total_text": _money(current.fine_total),
    }


def _certifier(hardship: str) -> dict:
    """Return who certified the hardship (MQĐ03 and MQĐ05, footnote 5), from the text entered ("<who>, ngày <when>"
    reads "<who> xác nhận ngày <when>"); `says_certified` when the text already says "xác nhận"."""
    text = " ".join((hardship or "").split()).rstrip(" .;,")
    if "xác nhận" not in text.lower() and ", ngày " in text:
        who, when = text.split(", ngày ", 1)
        text = f"{who} xác nhận ngày {when}"
    return {"text": text, "says_certified": "xác nhận" in text.lower()}


def _installment(installment) -> dict:
    seq = installment.seq
    return {
        "seq": seq,
        "ordinal": ORDINALS[seq - 1] if seq <= len(ORDINALS) else f"thứ {seq}",
        "point": "abc"[seq - 1] if seq <= 3 else str(seq),
        "due_on": _day(installment.due_on),
        "amount": installment.amount,
        "amount_text": _money(installment.amount),
        "amount_words": amount_in_words(installment.amount),
    }


def _months_between(start: date, end: date) -> int:
    """Return the whole months, at least one, from `start` that cover `end` (Civil Code Art. 148 counting)."""
    months = 1
    while add_months(start, months) < end:
        months += 1
    return months


def _rate_text(day: date) -> str:
    """Return the late-fee rate per day in force on the day, as the decisions print it: "0,05%" (Law Art. 78)."""
    rate = value_on("late_fee_rate_per_day", day) * 100
    return f"{float(rate):g}".replace(".", ",") + "%"


def _enforcement_decree(measure: str, day: date) -> str:
    """Return "Điều … Nghị định số … của Chính phủ quy định về cưỡng chế …" in force on the day (MQĐ12c ground 2)."""
    _, decree, articles = next((d for d in ENFORCEMENT_DECREES if day >= d[0]), ENFORCEMENT_DECREES[-1])
    return " ".join(filter(None, [articles.get(measure), decree, ENFORCEMENT_DECREE_TITLE]))
