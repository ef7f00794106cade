"""Keep the statistics' summary exact in the transaction of every write (reports.summary).

After each flush the cases touched are noted (a case, its violations, its decisions and what hangs on them:
delivery, payments, installments, postponement, enforcement, appeals; an act whose sector changed); before
the transaction commits — or when the statistics are read inside it — their facts are rewritten from the
raw tables. A bulk UPDATE or DELETE through the session notes the cases of the rows it is about to change.
Writes that bypass the session (`flask seed bench`) rebuild the summary themselves.
"""

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from penalties.appeals.models import Appeal
from penalties.cases.models import Case, Violation
from penalties.catalogue.models import Act
from penalties.decisions.models import Decision, Delivery
from penalties.payments.models import Enforcement, Installment, InstallmentPlan, Payment, Postponement, Reduction
from penalties.reports import summary

PENDING = "report_pending_cases"
# What a changed row says about the cases to refresh: a case id, a decision id, an installment plan id.
BY_CASE = {Case: "id", Violation: "case_id", Decision: "case_id"}
BY_DECISION = {Delivery, Payment, InstallmentPlan, Postponement, Reduction, Enforcement, Appeal}
MODELS = frozenset((*BY_CASE, *BY_DECISION, Installment, Act))
TABLES = {model.__tablename__: model for model in MODELS}


def _pending(session: Session) -> dict[str, set]:
    return session.info.setdefault(PENDING, {"case": set(), "decision": set(), "plan": set(), "act": set()})


def _note(pending: dict, obj) -> None:
    model = type(obj)
    if model in BY_CASE:
        pending["case"].add(getattr(obj, BY_CASE[model]))
    elif model in BY_DECISION:
        pending["decision"].add(obj.decision_id)
    elif model is Installment:
        pending["plan"].add(obj.plan_id)
    elif model is Act and inspect(obj).attrs.sector_id.history.has_changes():
        pending["act"].add(obj.id)


def _after_flush(session: Session, flush_context) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if type(obj) in MODELS:
            _note(_pending(session), obj)


def _before_bulk(state) -> None:
    """Note the cases of the rows a bulk UPDATE or DELETE through the session is about to change."""
    if not (state.is_update or state.is_delete):
        return
    model = TABLES.get(getattr(state.statement.table, "name", None))
    if model is None:
        return
    key = "id" if model is Act else BY_CASE.get(model) or ("plan_id" if model is Installment else "decision_id")
    table = model.__table__
    where = state.statement.whereclause
    rows = state.session.execute(sa.select(table.c[key]).where(where if where is not None else sa.true()))
    bucket = "case" if model in BY_CASE else "plan" if model is Installment else "act" if model is Act else "decision"
    _pending(state.session)[bucket].update(rows.scalars())


def _case_ids(conn, pending: dict) -> set[int]:
    ids = {i for i in pending["case"] if i is not None}
    queries = (
        (pending["decision"], sa.select(Decision.case_id).where(Decision.id.in_(sorted(pending["decision"])))),
        (
            pending["plan"],
            sa.select(Decision.case_id)
            .join(InstallmentPlan, InstallmentPlan.decision_id == Decision.id)
            .where(InstallmentPlan.id.in_(sorted(pending["plan"]))),
        ),
        (pending["act"], sa.select(Violation.case_id).where(Violation.act_id.in_(sorted(pending["act"])))),
    )
    for wanted, query in queries:
        if wanted:
            ids.update(conn.execute(query).scalars())
    return ids


def catch_up(session: Session) -> None:
    """Flush, then rewrite the facts of the cases written since the last time (same transaction)."""
    if not session.info.get(PENDING):
        return
    session.flush()
    pending = session.info.pop(PENDING, None)
    if pending:
        conn = session.connection()
        summary.refresh(conn, _case_ids(conn, pending))


def _before_commit(session: Session) -> None:
    session.flush()  # what commit would flush next: its cases are noted now, and refreshed here
    catch_up(session)


def _after_soft_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint: its writes are gone
        session.info.pop(PENDING, None)


HANDLERS = {
    "after_flush": _after_flush,
    "do_orm_execute": _before_bulk,
    "before_commit": _before_commit,
    "after_soft_rollback": _after_soft_rollback,
}


def listen() -> None:
    """Register the session events (once; create_app may run several times)."""
    for name, handler in HANDLERS.items():
        if not event.contains(Session, name, handler):
            event.listen(Session, name, handler)
