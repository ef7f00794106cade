"""A small dataset whose every statistic is known by hand (SPEC §7), built through the API where it can be.

Period 2026-03-01 → 2026-04-30. District HN-TH, wards PT (Phú Thượng: the `api` users) and NT (Nhật Tân:
users made here). Sectors GT (giao_thong_duong_bo), MT (moi_truong), XD (xay_dung). Decision due date:
7 working days after the record (GT-7-7c recorded 02/03 → 11/03).

case unit recorded    acts               what happens                                           counts as
C0   PT   01-05       GT-7-7c            D0 06/01, delivered 07/01; complaint 08/01, upheld     outside; a late
                                         10/04 (past its resolution due date)                   resolution in April
C1   PT   03-02       GT-7-7c            D1 04/03, delivered 05/03, paid 5,000,000 on 10/03     on time, paid
C2   PT   03-02       GT-7-7c            D2 04/03, delivered 05/03 (due 15/03); paid 2,000,000;  on time, overdue,
                                         1,000,000 paid 12/03 and reversed; enforcement 20/04   enforced
C3   PT   03-03       GT-12-2e (gn_6)    D3 05/03, warning                                      on time, warning
C4   PT   03-09       MT-25-2c           D4 10/03 (750,000), delivered 11/03, paid 11/03;       on time, annulled,
                                         complaint 12/03, annulled 20/03 (on time)              nothing collected
C5   PT   03-16       GT-7-7c            D5 17/03, delivered 18/03; complaint 19/03, amended    on time, 4,000,000
                                         to 4,000,000 on 25/03 (on time); paid 4,000,000 26/03  imposed and paid
C6   PT   03-02       GT-7-7c + MT-25-2d never decided (due 11/03)                              lapsed, 2 sectors
C7   PT   04-01       MT-25-2c           dismissed 03/04 (due 10/04)                            on time, dismissed
C11  PT   03-02       XD-16-7a           D11 04/03 (35,000,000), delivered 05/03; installments  on time, not overdue
                                         15/03 14M, 15/05 11M, 15/08 10M; paid 14M on 15/03
C12  PT   03-02       GT-7-7c            D12 04/03, delivered 05/03; postponed 10/03 → 20/05    on time, not overdue
C16  PT   03-01 00:30 MT-25-2c           dismissed 02/03 (recorded 28/02 17:30 UTC)             in the period
C15  PT   05-01 00:30 MT-25-2c           nothing (recorded 30/04 17:30 UTC)                     outside
C8   NT   03-02       GT-7-7c            dismissed 15/04, after its due date 11/03              lapsed, dismissed
C9   NT   04-01       GT-7-7c            D9 06/04, delivered 07/04; due date set to 03/04 in    lapsed (decided
                                         the database; 1,000,000 paid 02/05, after the period   late), overdue
C10  NT   04-21       GT-7-7c            never decided; due date set to 30/04 = `to`            not yet due
C13  NT   04-20       GT-7-7c            D13 22/04, never delivered                             on time, not overdue
C14  NT   05-04       GT-7-7c            nothing                                                outside
"""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from tests.appeals.test_api_appeals import complain
from tests.decisions.test_api_decisions import issue, recorded
from tests.helpers import Api, make_user, token_for
from tests.payments.money import HARDSHIP, delivered, pay

FROM, TO = "2026-03-01", "2026-04-30"
NT = "HN-TH-NT"


@dataclass
class Dataset:
    decisions: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)


def _ok(response, status=201) -> dict:
    assert response.status_code == status, response.get_json()
    return response.get_json()


def _resolve(api, appeal_id, outcome, resolved_on, **extra) -> dict:
    body = {"outcome": outcome, "resolved_on": resolved_on, **extra}
    return _ok(api["legal"].post(f"/appeals/{appeal_id}/resolution", body), 200)


def _dismiss(client, case_id, dismissed_on, reason="no_violation") -> None:
    _ok(client.post(f"/cases/{case_id}/dismiss", {"reason": reason, "dismissed_on": dismissed_on}), 200)


def _set_decision_due(app, case_id: int, due: str) -> None:
    """Set a past state the API refuses to make (a decision after its due date; a due date on `to`)."""
    from penalties.cases.models import Case
    from penalties.extensions import db

    with app.app_context():
        db.session.execute(sa.update(Case).where(Case.id == case_id).values(decision_due_on=date.fromisoformat(due)))
        db.session.commit()


def nt_clients(app, client) -> dict:
    """API clients of an officer and a commune chairman of the second ward."""
    with app.app_context():
        officer = make_user("officer_nt", "officer", NT)
        chair = make_user("chair_nt", "legal", NT, position="chu_tich_ubnd_xa", title="Chủ tịch")
        return {"officer": Api(client, token_for(officer)), "legal": Api(client, token_for(chair))}


def _ward_pt(api, data: Dataset) -> None:
    d = data.decisions
    d["D0"] = delivered(api, ["GT-7-7c"], "2026-01-05", "2026-01-06", "2026-01-07")
    late = _ok(complain(api, d["D0"], "2026-01-08"))
    assert _resolve(api, late["id"], "upheld", "2026-04-10")["resolved_on_time"] is False

    d["D1"] = delivered(api, ["GT-7-7c"], "2026-03-02", "2026-03-04", "2026-03-05")
    _ok(pay(api, d["D1"], 5_000_000, "2026-03-10", "BL-1"))

    d["D2"] = delivered(api, ["GT-7-7c"], "2026-03-02", "2026-03-04", "2026-03-05")
    _ok(pay(api, d["D2"], 2_000_000, "2026-03-10", "BL-2"))
    mistaken = _ok(pay(api, d["D2"], 1_000_000, "2026-03-12", "BL-3"))["payment"]
    _ok(api["legal"].post(f"/payments/{mistaken['id']}/reversal", {"reason": "Nhập nhầm biên lai"}))
    enforcement = {"decided_on": "2026-04-20", "measure": "salary_deduction"}
    _ok(api["legal"].post(f"/decisions/{d['D2']}/enforcement", enforcement))

    c3 = recorded(api, ["GT-12-2e"], "2026-03-03", mit=["gn_6"])
    d["D3"] = _ok(issue(api, c3["id"], "2026-03-05", warning=True))["id"]

    d["D4"] = delivered(api, ["MT-25-2c"], "2026-03-09", "2026-03-10", "2026-03-11")
    _ok(pay(api, d["D4"], 750_000, "2026-03-11", "BL-4"))
    annulling = _ok(complain(api, d["D4"], "2026-03-12"))
    assert _resolve(api, annulling["id"], "annulled", "2026-03-20")["resolved_on_time"] is True

    d["D5"] = delivered(api, ["GT-7-7c"], "2026-03-16", "2026-03-17", "2026-03-18")
    amending = _ok(complain(api, d["D5"], "2026-03-19"))
    _resolve(api, amending["id"], "amended", "2026-03-25", new_fine_total=4_000_000)
    _ok(pay(api, d["D5"], 4_000_000, "2026-03-26", "BL-5"))

    data.cases["C6"] = recorded(api, ["GT-7-7c", "MT-25-2d"], "2026-03-02")["id"]
    data.cases["C7"] = recorded(api, ["MT-25-2c"], "2026-04-01")["id"]
    _dismiss(api["legal"], data.cases["C7"], "2026-04-03")

    d["D11"] = delivered(api, ["XD-16-7a"], "2026-03-02", "2026-03-04", "2026-03-05")
    schedule = [("2026-03-15", 14_000_000), ("2026-05-15", 11_000_000), ("2026-08-15", 10_000_000)]
    plan = {
        "requested_on": "2026-03-06",
        "hardship": HARDSHIP,
        "schedule": [{"due_on": a, "amount": b} for a, b in schedule],
    }
    _ok(api["legal"].post(f"/decisions/{d['D11']}/installments", plan))
    _ok(pay(api, d["D11"], 14_000_000, "2026-03-15", "BL-11"))

    d["D12"] = delivered(api, ["GT-7-7c"], "2026-03-02", "2026-03-04", "2026-03-05")
    postponement = {"requested_on": "2026-03-10", "hardship": HARDSHIP, "until": "2026-05-20"}
    _ok(api["legal"].post(f"/decisions/{d['D12']}/postponement", postponement))

    early = recorded(api, ["MT-25-2c"], "2026-02-28", recorded_at="2026-03-01T00:30:00+07:00")
    _dismiss(api["legal"], early["id"], "2026-03-02")
    recorded(api, ["MT-25-2c"], "2026-04-30", recorded_at="2026-05-01T00:30:00+07:00")


def _ward_nt(app, nt, data: Dataset) -> None:
    def decide(case_id, issued_on, **body):
        body = {"signer": "chair_nt", "issued_on": issued_on, **body}
        return _ok(nt["legal"].post(f"/cases/{case_id}/decision", body))["id"]

    c8 = recorded(nt, ["GT-7-7c"], "2026-03-02", unit=NT)
    _dismiss(nt["legal"], c8["id"], "2026-04-15", reason="limitation_expired")

    c9 = recorded(nt, ["GT-7-7c"], "2026-04-01", unit=NT)
    data.decisions["D9"] = decide(c9["id"], "2026-04-06", delivered_on="2026-04-07")
    _set_decision_due(app, c9["id"], "2026-04-03")
    _ok(pay({"legal": nt["legal"]}, data.decisions["D9"], 1_000_000, "2026-05-02", "NT-9"))

    c10 = recorded(nt, ["GT-7-7c"], "2026-04-21", unit=NT)
    _set_decision_due(app, c10["id"], TO)

    c13 = recorded(nt, ["GT-7-7c"], "2026-04-20", unit=NT)
    data.decisions["D13"] = decide(c13["id"], "2026-04-22")
    recorded(nt, ["GT-7-7c"], "2026-05-04", unit=NT)


def build(app, client, api) -> Dataset:
    """Make the cases, decisions, payments and appeals of the module docstring; return the decisions' ids."""
    data = Dataset()
    _ward_pt(api, data)
    _ward_nt(app, nt_clients(app, client), data)
    return data
