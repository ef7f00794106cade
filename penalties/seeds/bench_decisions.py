"""What follows a bench case (seeds.bench), in bulk: its sanction decision — a warning where the law allows it —,
the delivery, payments (on time, late, in part, a mistaken one reversed), installments, a postponement,
enforcement of what stays unpaid, complaints (execution suspended meanwhile; upheld, amended or annulled by a
linked decision). Shares as a ward might see them; dates the law allows; nothing after the last day of the data.
Benchmark data only: no PDF, no audit trail, no late fee (what is paid late is the fine itself).
"""

from datetime import date, datetime, time, timedelta

from penalties.core.formatting import LEGAL_TZ
from penalties.decisions.corrections import SERIES as CORRECTION_SERIES
from penalties.decisions.operations import SANCTION_SERIES
from penalties.law import fines
from penalties.law.parameters import value_on
from penalties.payments.operations import ENFORCEMENT_SERIES, INSTALLMENT_SERIES, POSTPONEMENT_SERIES

# Of the cases not dismissed, those decided (the rest lapse); of the decisions, those delivered; where the act
# allows a warning and there is a mitigating circumstance, warnings. The fate of a fine, by cumulative share.
DECIDED, DELIVERED, WARNED = 0.94, 0.97, 0.5
FATES = (("on_time", 0.74), ("late", 0.84), ("in_part", 0.88), ("reversed", 0.885), ("unpaid", 1.0))
# Where the fine allows them (Law Art. 76, 79): installments, postponement. Of the unpaid, those enforced.
INSTALLMENTS, POSTPONED, ENFORCED = 0.3, 0.04, 0.6
APPEALED, SUSPENDED, RESOLVED = 0.025, 0.3, 0.9
OUTCOMES = (("upheld", 0.65), ("amended", 0.85), ("annulled", 1.0))
HARDSHIP = "Hoàn cảnh kinh tế đặc biệt khó khăn, có xác nhận của Ủy ban nhân dân phường"
METHODS = ("cash", "bank_transfer", "bank_transfer", "online")


def _pick(rng, shares) -> str:
    roll = rng.random()
    return next(name for name, upto in shares if roll < upto)


class Outcomes:
    """The decision of a case and what follows, added to the rows of a batch (`load`: a seeds.bench._Load)."""

    def __init__(self, load, rows: dict):
        self.load, self.rng, self.rows, self.last_day = load, load.rng, rows, load.last_day

    def after(self, case: dict, ward, party: str, lines: list, mitigating: int) -> None:
        """Decide the case or not, then deliver, pay, relieve, enforce and appeal as the dice say."""
        rng, recorded_on = self.rng, case["recorded_at"].date()  # recorded_at is in Vietnam's time
        latest = (case["decision_due_on"] - recorded_on).days
        issued_on = recorded_on + timedelta(days=min(latest, int(rng.expovariate(1 / 3))))
        if case["dismissed_on"] or rng.random() >= DECIDED or issued_on > self.last_day:
            return
        warning = all(line.fine.warning_only for line in lines) or (
            rng.random() < WARNED
            and all(fines.warning_allowed(line.act.range, mitigating, None, issued_on) for line in lines)
        )
        signer = (ward.signer_id, ward.signer_position)
        decision = self.decision(case, signer, "sanction", issued_on, lines, warning=warning)
        case["status"] = "decided"
        delivered_on = issued_on + timedelta(days=0 if rng.random() < 0.7 else rng.randint(1, 8))
        if rng.random() >= DELIVERED or delivered_on > self.last_day:
            return
        method = "in_person" if delivered_on == issued_on else "post"
        self.add("deliveries", decision, delivered_on, delivered_on=delivered_on, method=method, note="")
        if decision["fine_total"] > 0:
            self.money(decision, party, lines, delivered_on)

    def add(self, name: str, decision: dict, day: date, **values) -> dict:
        """Add a row of `name` about the decision, made on `day`."""
        moment = datetime.combine(day, time(8), LEGAL_TZ) + timedelta(minutes=self.rng.randrange(9 * 60))
        row = {"id": self.load.next_id(name), "decision_id": decision["id"], **values}
        row |= {"created_by_id": decision["created_by_id"], "created_at": moment}
        self.rows[name].append(row)
        return row

    def decision(self, case: dict, signer: tuple, kind: str, day: date, lines: list, amounts=None, **values) -> dict:
        """Add a decision of the case — a sanction, or one amending or annulling `amends_id` — and its lines:
        the amounts given, else the proposed ones (0 for a warning)."""
        series = SANCTION_SERIES if kind == "sanction" else CORRECTION_SERIES[kind]
        seq = self.load.next_seq(case["unit_id"], day.year, series)
        row = {
            "id": self.load.next_id("decisions"),
            "kind": kind,
            "case_id": case["id"],
            "amends_id": None,
            "unit_id": case["unit_id"],
            "year": day.year,
            "series": series,
            "seq": seq,
            "number": f"{seq}/{series}",
            "issued_on": day,
            "signer_id": signer[0],
            "signer_position": signer[1],
            "delegation": None,
            "warning": False,
            "payment_period_days": 10,
            "additional_sanctions": [],
            "remedial_measures": [],
            "reason": "",
            "document_id": None,
            "verification_code": None,
            "created_by_id": signer[0],
            "created_at": datetime.combine(day, time(9), LEGAL_TZ),
            **values,
        }
        amounts = amounts or [0 if row["warning"] else line.fine.amount for line in lines]
        row["fine_total"] = sum(amounts)
        self.rows["decisions"].append(row)
        for position, (line, amount) in enumerate(zip(lines, amounts, strict=True), start=1):
            fine = line.fine
            self.rows["lines"].append(
                {
                    "id": self.load.next_id("lines"),
                    "decision_id": row["id"],
                    "position": position,
                    "violation_id": line.violation_id,
                    "act_id": line.act.id,
                    "fine_min": fine.fine_min,
                    "fine_max": fine.fine_max,
                    "proposed_amount": fine.amount,
                    "amount": amount,
                    "basis": fine.basis,
                    "reason": "",
                }
            )
        return row

    def pay(self, decision: dict, amount: int, day: date, reverses: dict | None = None) -> dict | None:
        if day > self.last_day or amount == 0:
            return None
        payment = self.add(
            "payments",
            decision,
            day,
            unit_id=decision["unit_id"],
            amount=amount,
            principal=amount,
            late_fee=0,
            paid_on=day,
            method=reverses["method"] if reverses else self.rng.choice(METHODS),
            receipt_no="",
            reverses_id=reverses["id"] if reverses else None,
            reason="Nhập nhầm số tiền" if reverses else "",
        )
        payment["receipt_no"] = f"BL-{payment['id']}"  # unique in the unit
        return payment

    def money(self, decision: dict, party: str, lines: list, delivered_on: date) -> None:
        rng, fine, due = self.rng, decision["fine_total"], delivered_on + timedelta(days=10)
        if rng.random() < APPEALED and self.appeal(decision, lines, delivered_on):
            return
        if fine >= value_on("installment_min_fine", delivered_on).for_party(party) and rng.random() < INSTALLMENTS:
            return self.installments(decision, delivered_on + timedelta(days=rng.randint(1, 5)))
        if fine >= value_on("postponement_min_fine", delivered_on).for_party(party) and rng.random() < POSTPONED:
            return self.postponed(decision, delivered_on + timedelta(days=rng.randint(1, 8)))
        fate = _pick(rng, FATES)
        paid_on = delivered_on + timedelta(days=rng.randint(0, 10))
        if fate == "on_time":
            self.pay(decision, fine, paid_on)
        elif fate == "late":
            self.pay(decision, fine, due + timedelta(days=rng.randint(1, 120)))
        elif fate == "in_part":
            self.pay(decision, fine // 2, paid_on)
            if rng.random() < 0.5:
                self.pay(decision, fine - fine // 2, due + timedelta(days=rng.randint(15, 90)))
        elif fate == "reversed":
            mistaken = self.pay(decision, fine * 2, paid_on)
            if mistaken:
                self.pay(decision, -fine * 2, paid_on, reverses=mistaken)
                self.pay(decision, fine, paid_on + timedelta(days=rng.randint(0, 3)))
        elif rng.random() < ENFORCED:
            self.enforce(decision, due + timedelta(days=rng.randint(20, 90)), fine)

    def enforce(self, decision: dict, day: date, owed: int) -> None:
        if day > self.last_day:
            return
        seq = self.load.next_seq(decision["unit_id"], day.year, ENFORCEMENT_SERIES)
        measure = self.rng.choice(("salary_deduction", "account_deduction"))
        values = {"unit_id": decision["unit_id"], "year": day.year, "seq": seq, "number": f"{seq}/{ENFORCEMENT_SERIES}"}
        values |= {
            "decided_on": day,
            "measure": measure,
            "amount": owed,
            "late_fee": 0,
            "note": "",
            "document_id": None,
        }
        self.add("enforcements", decision, day, **values)

    def installments(self, decision: dict, decided_on: date) -> None:
        """Three installments within 6 months, the first 40 % (Law Art. 79); each paid on its day, or not."""
        if decided_on > self.last_day:
            return
        seq = self.load.next_seq(decision["unit_id"], decided_on.year, INSTALLMENT_SERIES)
        values = {"number": f"{seq}/{INSTALLMENT_SERIES}", "requested_on": decided_on, "decided_on": decided_on}
        plan = self.add("plans", decision, decided_on, **values, hardship=HARDSHIP, evidence_id=None, document_id=None)
        fine = decision["fine_total"]
        first, second = fine * 2 // 5, fine * 3 // 10
        for n, (days, amount) in enumerate(((20, first), (80, second), (150, fine - first - second)), start=1):
            due_on = decided_on + timedelta(days=days)
            row = {"id": self.load.next_id("installments"), "plan_id": plan["id"], "seq": n, "due_on": due_on}
            self.rows["installments"].append(row | {"amount": amount})
            if self.rng.random() < 0.85:
                self.pay(decision, amount, due_on - timedelta(days=self.rng.randint(0, 5)))

    def postponed(self, decision: dict, decided_on: date) -> None:
        """Postponed up to 3 months (Law Art. 76), then paid at the end, or not."""
        if decided_on > self.last_day:
            return
        until = decided_on + timedelta(days=self.rng.randint(30, 90))
        seq = self.load.next_seq(decision["unit_id"], decided_on.year, POSTPONEMENT_SERIES)
        values = {"number": f"{seq}/{POSTPONEMENT_SERIES}", "requested_on": decided_on, "decided_on": decided_on}
        values |= {"until_on": until, "hardship": HARDSHIP, "evidence_id": None, "document_id": None}
        self.add("postponements", decision, decided_on, **values)
        if self.rng.random() < 0.7:
            self.pay(decision, decision["fine_total"], until - timedelta(days=self.rng.randint(0, 10)))

    def appeal(self, decision: dict, lines: list, delivered_on: date) -> bool:
        """A complaint, execution perhaps suspended meanwhile; the fine in force is paid after an upholding or
        amending resolution. Return whether one was filed."""
        rng = self.rng
        filed_on = delivered_on + timedelta(days=rng.randint(1, 60))
        if filed_on > self.last_day:
            return False
        accepted_on = filed_on + timedelta(days=rng.randint(1, 8))
        resolved_on = accepted_on + timedelta(days=rng.randint(5, 38))  # mostly within the 30 days (Art. 28)
        outcome = _pick(rng, OUTCOMES) if rng.random() < RESOLVED and resolved_on <= self.last_day else None
        suspended_on = filed_on + timedelta(days=rng.randint(0, 3)) if rng.random() < SUSPENDED else None
        appeal = self.add(
            "appeals",
            decision,
            filed_on,
            kind="complaint",
            level=1,
            filed_on=filed_on,
            grounds="Mức phạt không phù hợp với tính chất, mức độ vi phạm.",
            accepted_on=accepted_on if accepted_on <= self.last_day else None,
            accept_due_on=self.load.accept_due(filed_on),
            resolve_due_on=self.load.resolve_due(accepted_on),
            complex=False,
            remote=False,
            suspended_on=suspended_on if suspended_on and suspended_on <= self.last_day else None,
            outcome=outcome,
            resolved_on=resolved_on if outcome else None,
            new_fine_total=None,
            amending_decision_id=None,
            refund_due=0,
            resolution_note="",
            resolved_by_id=decision["signer_id"] if outcome else None,
        )
        total = decision["fine_total"]
        if outcome in ("amended", "annulled"):
            kind = "amendment" if outcome == "amended" else "annulment"
            amounts = [max(line.fine.fine_min, line.fine.amount * 4 // 5 // 1000 * 1000) for line in lines]
            values = {"amends_id": decision["id"], "reason": "Thực hiện quyết định giải quyết khiếu nại."}
            case, signer = {"id": decision["case_id"], "unit_id": decision["unit_id"]}, decision["signer_id"]
            used = lines if kind == "amendment" else []  # an annulment has no lines, its total is 0
            signed = (signer, decision["signer_position"])
            replaced = self.decision(case, signed, kind, resolved_on, used, amounts if used else None, **values)
            total = replaced["fine_total"]
            appeal |= {"amending_decision_id": replaced["id"], "new_fine_total": total}
        if outcome in ("upheld", "amended"):
            self.pay(decision, total, resolved_on + timedelta(days=rng.randint(0, 10)))
        return True
