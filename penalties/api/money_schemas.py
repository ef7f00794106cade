"""Schemas of the money and appeals endpoints (API.md, "Money" and "Appeals")."""

from marshmallow import Schema, fields, validate

from penalties.api.decision_schemas import DecisionOut
from penalties.api.fields import N_, Bool, Day, In, Int, List, Nested, Str, length
from penalties.appeals.models import APPEAL_KINDS, APPEAL_OUTCOMES
from penalties.payments.models import ENFORCEMENT_MEASURES, PAYMENT_METHODS, REDUCTION_KINDS
from penalties.payments.operations import OUTCOMES


def _money():
    # The sign and the ceiling are rules of the law (422 amount_invalid), checked by the operation.
    return validate.Range(min=-(10**15), max=10**15, error=N_("Số tiền quá lớn."))


def _one_of(choices, message):
    return validate.OneOf(choices, error=message)


class PaymentIn(In):
    amount = Int(required=True, validate=_money())
    paid_on = Day(required=True)
    method = Str(required=True, validate=_one_of(PAYMENT_METHODS, N_("Hình thức nộp không hợp lệ.")))
    receipt_no = Str(required=True, validate=length(64))
    note = Str(load_default="", validate=length(1000, 0))


class ReversalIn(In):
    reason = Str(required=True, validate=length(1000))


class ScheduleIn(In):
    due_on = Day(required=True)
    amount = Int(required=True, validate=_money())


class RequestIn(In):
    """A request for relief and its decision (API.md "Money"): granted by default; refused needs the reason."""

    requested_on = Day(required=True)
    decided_on = Day(load_default=None, allow_none=True)
    hardship = Str(required=True, validate=length(2000, 0))
    outcome = Str(load_default="granted", validate=_one_of(OUTCOMES, N_("Kết quả phải là granted hoặc refused.")))
    reason = Str(load_default="", validate=length(2000, 0))


class InstallmentsIn(RequestIn):
    schedule = List(Nested(ScheduleIn), load_default=list)


class PostponementIn(RequestIn):
    until = Day(load_default=None, allow_none=True)


class ReductionIn(RequestIn):
    kind = Str(required=True, validate=_one_of(REDUCTION_KINDS, N_("Hình thức phải là reduce hoặc exempt.")))
    amount = Int(load_default=None, allow_none=True, validate=_money())


class EnforcementIn(In):
    decided_on = Day(required=True)
    measure = Str(required=True, validate=_one_of(ENFORCEMENT_MEASURES, N_("Biện pháp cưỡng chế không hợp lệ.")))
    note = Str(load_default="", validate=length(2000, 0))


class AppealIn(In):
    kind = Str(required=True, validate=_one_of(APPEAL_KINDS, N_("Loại khiếu kiện không hợp lệ.")))
    level = Int(load_default=None, allow_none=True)
    filed_on = Day(required=True)
    grounds = Str(required=True, validate=length(5000, 0))
    accepted_on = Day(load_default=None, allow_none=True)
    complex = Bool(load_default=False)
    remote = Bool(load_default=False)
    suspended_on = Day(load_default=None, allow_none=True)


class SuspensionIn(In):
    suspended_on = Day(required=True)


class ResolutionIn(In):
    outcome = Str(required=True, validate=_one_of(APPEAL_OUTCOMES, N_("Kết quả giải quyết không hợp lệ.")))
    resolved_on = Day(required=True)
    new_fine_total = Int(load_default=None, allow_none=True, validate=_money())
    amounts = fields.Dict(keys=Str(validate=length(40)), values=Int(validate=_money()), load_default=None)
    note = Str(load_default="", validate=length(2000, 0))
    signer = Str(load_default=None, allow_none=True, validate=length(64))


class PaymentOut(Schema):
    id = fields.Integer()
    decision_id = fields.Integer()
    amount = fields.Integer()
    principal = fields.Integer()
    late_fee = fields.Integer()
    paid_on = fields.Date()
    method = fields.String()
    receipt_no = fields.String()
    reverses = fields.Integer(attribute="reverses_id", allow_none=True)
    reason = fields.String()


class PaymentResult(DecisionOut):
    """The decision's new figures (API.md), with the payment just recorded."""

    payment = fields.Nested(PaymentOut)


class TrancheOut(Schema):
    seq = fields.Integer()
    due_on = fields.Date()
    amount = fields.Integer()


class ReliefOut(Schema):
    """An installment plan (MQĐ05), a postponement (MQĐ03), a reduction (MQĐ04), an enforcement decision (MQĐ12c),
    or a request refused (`outcome: refused`, its `reason`, no number nor PDF)."""

    id = fields.Integer()
    outcome = fields.String()
    reason = fields.String()
    kind = fields.String()
    decision_id = fields.Integer()
    number = fields.String(allow_none=True)
    requested_on = fields.Date()
    decided_on = fields.Date()
    until = fields.Date(attribute="until_on")
    measure = fields.String()
    amount = fields.Integer()
    late_fee = fields.Integer()
    schedule = fields.List(fields.Nested(TrancheOut), attribute="installments")
    pdf_url = fields.String()
    decision = fields.Nested(DecisionOut)


class AppealOut(Schema):
    id = fields.Integer()
    decision_id = fields.Integer()
    kind = fields.String()
    level = fields.Integer(allow_none=True)
    status = fields.String()
    filed_on = fields.Date()
    grounds = fields.String()
    accepted_on = fields.Date(allow_none=True)
    accept_due = fields.Date(attribute="accept_due_on", allow_none=True)
    resolve_due = fields.Date(attribute="resolve_due_on", allow_none=True)
    suspended_on = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True)
    resolved_on = fields.Date(allow_none=True)
    resolved_on_time = fields.Boolean(allow_none=True)
    new_fine_total = fields.Integer(allow_none=True)
    amending_decision_id = fields.Integer(allow_none=True)
    refund_due = fields.Integer()
    decision = fields.Nested(DecisionOut)


class Listing(Schema):
    next_cursor = fields.String(allow_none=True)


class PaymentList(Listing):
    items = List(fields.Nested(PaymentOut))


class AppealList(Listing):
    items = List(fields.Nested(AppealOut))


class OverdueArgs(In):
    on = Day(load_default=None)
    limit = fields.Integer(load_default=50)
    cursor = fields.String(load_default=None)


class OverdueOut(Schema):
    decision_id = fields.Integer()
    number = fields.String()
    unit = fields.String()
    violator = fields.String()
    payment_due = fields.Date()
    days_late = fields.Integer()
    late_due_on = fields.Date(allow_none=True)
    outstanding = fields.Integer()
    late_fee = fields.Integer()
    status = fields.String()


class OverdueList(Listing):
    items = List(fields.Nested(OverdueOut))
