"""Another ward's records, every kind of them, made through the API by that ward's own staff: the objects that
users of the first ward must never reach (issue: hardening, points 1 and 9)."""

from dataclasses import dataclass, field

import sqlalchemy as sa

from tests.cases.test_api_cases import case_body, person
from tests.helpers import Api, make_user, token_for

OTHER = "HN-TH-NT"
HARDSHIP = "Hoàn cảnh kinh tế đặc biệt khó khăn, có xác nhận của UBND phường Nhật Tân ngày 05/3/2026"


@dataclass
class World:
    """Ids of the other ward's objects, by route argument and by audit kind."""

    ids: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)  # evidence, relief (a decision of MQĐ05), hardship
    audit: dict[str, str] = field(default_factory=dict)  # audit kind → object id as the trail writes it
    id_number: str = ""
    legal_id: int = 0


def _ok(response, status=201):
    assert response.status_code == status, response.get_json()
    return response.get_json()


def build_other_ward(app, client) -> World:
    """Record, decide, deliver, pay, plan installments, postpone, enforce and appeal in the other ward."""
    with app.app_context():
        legal_id = make_user("phaply.nt", "legal", OTHER)
        make_user("chair.nt", "legal", OTHER, position="chu_tich_ubnd_xa", title="Chủ tịch")
        legal = Api(client, token_for(legal_id))
    violator = person(name="Lê Thị Hoa", birth="1990-02-03")
    big = _ok(legal.post("/cases", case_body(["XD-16-7a"], "2026-03-02", unit=OTHER, violator=violator)))
    small = _ok(legal.post("/cases", case_body(["GT-7-7c"], "2026-02-26", unit=OTHER)))
    late = _ok(legal.post("/cases", case_body(["GT-7-7c"], "2026-02-26", unit=OTHER)))
    spare = _ok(legal.post("/cases", case_body(["GT-7-7c"], "2026-02-26", unit=OTHER)))
    decisions = {}
    for name, case, issued, delivered in (
        ("big", big, "2026-03-04", "2026-03-05"),
        ("small", small, "2026-02-27", "2026-03-01"),
        ("late", late, "2026-02-27", "2026-03-01"),
    ):
        decision = _ok(legal.post(f"/cases/{case['id']}/decision", {"signer": "chair.nt", "issued_on": issued}))
        _ok(
            legal.post(f"/decisions/{decision['id']}/delivery", {"delivered_on": delivered, "method": "in_person"}), 200
        )
        decisions[name] = decision["id"]
    _ok(
        legal.post(
            f"/decisions/{decisions['big']}/payments",
            {"amount": 1_000_000, "paid_on": "2026-03-06", "method": "cash", "receipt_no": "NT-0001"},
        )
    )
    schedule = [("2026-03-15", 14_000_000), ("2026-05-15", 11_000_000), ("2026-08-15", 9_000_000)]
    plan = _ok(
        legal.post(
            f"/decisions/{decisions['big']}/installments",
            {
                "requested_on": "2026-03-06",
                "hardship": HARDSHIP,
                "schedule": [{"due_on": d, "amount": a} for d, a in schedule],
            },
        )
    )
    postponed = _ok(
        legal.post(
            f"/decisions/{decisions['small']}/postponement",
            {"requested_on": "2026-03-05", "hardship": HARDSHIP, "until": "2026-06-05"},
        )
    )
    reduced = _ok(  # Law Art. 77(1): a part of the fine, while postponed
        legal.post(
            f"/decisions/{decisions['small']}/reduction",
            {"requested_on": "2026-03-10", "hardship": HARDSHIP, "kind": "reduce", "amount": 1_000_000},
        )
    )
    refused = _ok(
        legal.post(
            f"/decisions/{decisions['late']}/postponement",
            {"requested_on": "2026-03-12", "hardship": HARDSHIP, "outcome": "refused", "reason": "Chưa có xác nhận."},
        )
    )
    enforced = _ok(
        legal.post(
            f"/decisions/{decisions['late']}/enforcement", {"decided_on": "2026-03-21", "measure": "account_deduction"}
        )
    )
    appeal = _ok(
        legal.post(
            f"/decisions/{decisions['big']}/appeals",
            {"kind": "complaint", "level": 1, "filed_on": "2026-03-10", "grounds": "Không đồng ý với mức phạt."},
        )
    )
    world = World(id_number=violator["id_number"], legal_id=legal_id)
    world.ids = {
        "case_id": spare["id"],  # still recorded: deciding or dismissing it would be possible in its own ward
        "decision_id": decisions["big"],
        "payment_id": _last_payment(app),
        "appeal_id": appeal["id"],
    }
    with app.app_context():
        _attach_files(world, big["id"], postponed["id"])
        world.documents["relief"] = _document_of(plan["id"])
        _audit_ids(world, big["id"], decisions["big"], postponed["id"], enforced["id"])
        world.audit |= {"reductions": str(reduced["id"]), "refused_requests": str(refused["id"])}
    return world


def _last_payment(app) -> int:
    from penalties.extensions import db
    from penalties.payments.models import Payment

    with app.app_context():
        return db.session.scalar(sa.select(sa.func.max(Payment.id)))


def _document_of(plan_id: int) -> int:
    from penalties.extensions import db
    from penalties.payments.models import InstallmentPlan

    return db.session.get(InstallmentPlan, plan_id).document_id


def _attach_files(world: World, case_id: int, postponement_id: int) -> None:
    """An evidence photo on the case and a hardship certificate on the postponement (as the pages upload them)."""
    import io

    from PIL import Image

    from penalties.cases.models import CaseEvidence
    from penalties.core.documents import store_document
    from penalties.extensions import db
    from penalties.payments.models import Postponement

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    jpeg = buffer.getvalue()
    photo = store_document("evidence", "anh.jpg", "image/jpeg", jpeg)
    certificate = store_document("hardship", "xac-nhan.pdf", "application/pdf", b"%PDF-1.4 hardship")
    db.session.add_all([photo, certificate])
    db.session.flush()
    db.session.add(CaseEvidence(case_id=case_id, document_id=photo.id, caption="Hiện trường"))
    db.session.get(Postponement, postponement_id).evidence_id = certificate.id
    db.session.commit()
    world.documents.update(evidence=photo.id, hardship=certificate.id)
    world.ids["evidence_case_id"] = case_id


def _audit_ids(world: World, case_id: int, decision_id: int, postponement_id: int, enforcement_id: int) -> None:
    from penalties.cases.models import Case, Violation
    from penalties.decisions.models import Decision, DecisionLine, Delivery
    from penalties.extensions import db
    from penalties.payments.models import Installment, InstallmentPlan

    case = db.session.get(Case, case_id)
    decision = db.session.get(Decision, decision_id)
    first = lambda model, *where: str(db.session.scalar(sa.select(model.id).where(*where).limit(1)))  # noqa: E731
    world.audit = {
        "cases": str(case.id),
        "violators": str(case.violator_id),
        "violations": first(Violation, Violation.case_id == case.id),
        "case_evidence": f"{case.id}/{world.documents['evidence']}",
        "stored_documents": str(world.documents["evidence"]),
        "decisions": str(decision.id),
        "decision_lines": first(DecisionLine, DecisionLine.decision_id == decision.id),
        "deliveries": first(Delivery, Delivery.decision_id == decision.id),
        "payments": str(world.ids["payment_id"]),
        "installment_plans": first(InstallmentPlan, InstallmentPlan.decision_id == decision.id),
        "installments": first(Installment),
        "postponements": str(postponement_id),
        "enforcements": str(enforcement_id),
        "appeals": str(world.ids["appeal_id"]),
    }
